"""Standaard verwerkersovereenkomst gemeenten (VWO): the core package.

Pure code: it takes and returns plain data (dataclasses). Git lives in ``vwo.git`` (the
one git adapter); MkDocs lives in ``hooks/``; the command line in ``vwo.cli``.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
