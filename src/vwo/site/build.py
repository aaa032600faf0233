"""Which build this is, and what every hook of one build shares.

``build_target`` is pure: it takes the ``extra.vwo`` settings of the MkDocs config, the
config file's path and the environment. ``vwo publish`` sets ``root``, ``version`` and
``pageset`` (which pages this build makes: ``vwo.site.pagesets``) in its temporary build
config; mike sets ``MIKE_DOCS_VERSION``, which wins. The build of the pages of the
standard shows every version, as the concept does.

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
from vwo.site.pagesets import ALL, VERSION, at_root, check_pageset
from vwo.text.parse import decode_text
from vwo.versions.events import EVENTS_FILE, Event, load_events
from vwo.versions.model import CONCEPT, VERSION_FILE, VERSIONS_DIR, VersionInfo, load_versions
from vwo.versions.register import events_for

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class BuildTarget:
    root: Path
    version: str
    pageset: str = ALL

    @property
    def version_pages(self) -> bool:
        """Whether this build makes the pages of a version (text, changelog, comparisons)."""
        return self.pageset in (VERSION, ALL)

    @property
    def standard_pages(self) -> bool:
        """Whether this build makes the pages of the standard (decision log, register)."""
        return at_root(self.pageset) or self.pageset == ALL


def build_target(
    settings: Mapping[str, Any], config_file: str | Path, environ: Mapping[str, str]
) -> BuildTarget:
    root = Path(settings["root"]) if settings.get("root") else Path(config_file).parent
    pageset = check_pageset(settings.get("pageset"))
    if at_root(pageset):
        return BuildTarget(root, CONCEPT, pageset)
    version = environ.get("MIKE_DOCS_VERSION") or str(settings.get("version") or CONCEPT)
    return BuildTarget(root, version, pageset)


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

    @property
    def pageset(self) -> str:
        return self.target.pageset


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


def check_site_settings(root: Path) -> list[str]:
    """``vwo check``: the settings the tooling reads from mkdocs.yml can be read."""
    try:
        site_settings(root)
    except VwoError as error:
        return [str(error)]
    return []


def site_settings(root: Path) -> SiteSettings:
    """``site_url`` and ``repo_url`` of ``root/mkdocs.yml`` (empty when it has none or
    there is no mkdocs.yml). A file that is not UTF-8 or not YAML, or a value that is not
    text, raises ``VwoError`` naming ``mkdocs.yml:line``: the links would silently vanish."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return SiteSettings()
    text = decode_text(path.read_bytes(), CONFIG_FILE)
    try:
        data = yaml.load(text, Loader=_PlainLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{CONFIG_FILE}:{mark.line + 1}" if mark is not None else CONFIG_FILE
        problem = getattr(error, "problem", None) or str(error)
        raise VwoError(where, f"not valid YAML: {problem}", "fix the syntax") from None
    if data is None:
        return SiteSettings()
    if not isinstance(data, dict):
        raise VwoError(
            f"{CONFIG_FILE}:1",
            f"expected the settings as 'key: value' lines, got {type(data).__name__}",
            "start from the mkdocs.yml of the repository (git show main:mkdocs.yml)",
        )
    values: dict[str, str] = {}
    for key in ("site_url", "repo_url"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            line = next((n for n, t in enumerate(text.splitlines(), 1) if t.startswith(f"{key}:")), 1)
            raise VwoError(
                f"{CONFIG_FILE}:{line}",
                f"{key}: expected an address, got {type(value).__name__}",
                "write it as text",
            )
        values[key] = value or ""
    return SiteSettings(values["site_url"], values["repo_url"])
