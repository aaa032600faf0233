"""Standaard verwerkersovereenkomst gemeenten (VWO): the core package.

Pure code: it takes and returns plain data (dataclasses). Git lives in
``vwo.git.log``; MkDocs lives in ``hooks/``; the command line in ``vwo.cli``.
"""

import os

# GitPython refuses to import without a git program; the site must still build from an
# unpacked archive on such a machine (vwo.git.log then reports "no history"). Set here,
# before any module of the package can import GitPython.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

__all__ = ["__version__"]
__version__ = "0.1.0"
