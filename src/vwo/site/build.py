"""Which build this is: the repository root and the version whose text it shows.

Pure: takes the ``extra.vwo`` settings of the MkDocs config, the config file's path and
the environment. ``vwo publish`` sets ``root`` and ``version`` in its temporary build
config; mike sets ``MIKE_DOCS_VERSION``, which wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vwo.versions.model import CONCEPT


@dataclass(frozen=True)
class BuildTarget:
    root: Path
    version: str


def build_target(
    settings: Mapping[str, Any], config_file: str | Path, environ: Mapping[str, str]
) -> BuildTarget:
    root = Path(settings["root"]) if settings.get("root") else Path(config_file).parent
    version = environ.get("MIKE_DOCS_VERSION") or str(settings.get("version") or CONCEPT)
    return BuildTarget(root, version)
