"""Standaard verwerkersovereenkomst gemeenten (VWO): the core package.

Pure core packages take and return plain data (frozen dataclasses); each outside
program has one adapter (git in ``vwo.git``, pandoc in ``vwo.downloads.pandoc``, Typst
in ``vwo.downloads.pdf``, mike and MkDocs in ``vwo.versions.mkdocs``). MkDocs lives in
``hooks/``, the command line in ``vwo.cli``, escaping in ``vwo.site.escape``.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
