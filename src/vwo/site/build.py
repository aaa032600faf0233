"""Which build this is, and what every hook of one build shares.

``build_target`` is pure: it takes the ``extra.vwo`` settings of the MkDocs config, the
config file's path and the environment. ``vwo publish`` sets ``root`` and ``version`` in
its temporary build config; mike sets ``MIKE_DOCS_VERSION``, which wins.

``build_context`` adds the published versions (``versions/*/version.yml``) and their
lifecycle events (``data/gebeurtenissen.yml``), parsed once per build and shared by every
hook. The memo is keyed by the target and the bytes of those files, not by the process:
MkDocs keeps hooks loaded across ``mkdocs serve`` rebuilds, so an edited ``version.yml``
is read again and nothing stale survives. It reads files, so hooks call it from
``on_pre_build``/``on_files`` and later, never from ``on_config`` (mike runs
``on_config`` when it merely loads the config).

``site_settings`` reads ``site_url`` and ``repo_url`` from ``mkdocs.yml`` for the
commands that need them outside a build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from vwo.errors import VwoError
from vwo.versions.events import EVENTS_FILE, Event, load_events
from vwo.versions.model import CONCEPT, VERSION_FILE, VERSIONS_DIR, VersionInfo, load_versions
from vwo.versions.register import events_for

CONFIG_FILE = "mkdocs.yml"


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


@dataclass(frozen=True)
class BuildContext:
    """The target of this build, the published versions (oldest first) and the lifecycle
    events this build shows (``vwo.versions.register.events_for``)."""

    target: BuildTarget
    versions: tuple[VersionInfo, ...]
    events: tuple[Event, ...] = ()

    @property
    def root(self) -> Path:
        return self.target.root

    @property
    def version(self) -> str:
        return self.target.version


def build_context(
    settings: Mapping[str, Any], config_file: str | Path, environ: Mapping[str, str]
) -> BuildContext:
    """This build's context; raises ``VwoError`` for a ``version.yml`` that does not parse."""
    target = build_target(settings, config_file, environ)
    return _context(target, _versions_digest(target.root))


def _versions_digest(root: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted((root / VERSIONS_DIR).glob(f"*/{VERSION_FILE}")):
        sha.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    events = root / EVENTS_FILE
    sha.update(events.read_bytes() if events.is_file() else b"")
    return sha.hexdigest()


@lru_cache(maxsize=16)
def _context(target: BuildTarget, digest: str) -> BuildContext:
    infos = tuple(load_versions(target.root))
    return BuildContext(target, infos, events_for(infos, load_events(target.root)))


@dataclass(frozen=True)
class SiteSettings:
    site_url: str = ""
    repo_url: str = ""


class _PlainLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as ``!ENV`` or ``!!python/name``; they read as null."""


_PlainLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)


def site_settings(root: Path) -> SiteSettings:
    """``site_url`` and ``repo_url`` of ``root/mkdocs.yml`` (empty when it has none)."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return SiteSettings()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader)
    except yaml.YAMLError as error:
        raise VwoError(CONFIG_FILE, f"not valid YAML: {error}", "fix the syntax") from None
    if not isinstance(data, dict):
        return SiteSettings()
    return SiteSettings(str(data.get("site_url") or ""), str(data.get("repo_url") or ""))
