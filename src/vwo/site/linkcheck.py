"""Link check of a built site: one ``mkdocs build`` or a whole published branch
(``vwo check-links SITE_DIR``, run by the publish workflow before it pushes).

Pipeline: walk the ``.html`` and ``.css`` files under the site folder -> collect every
reference (``href``, ``src``, ``srcset``, ``action``, meta refresh, CSS ``url()``) and
every ``id`` -> resolve internal references to files and ``#fragments`` to ids ->
problems as ``<file>: <what>`` strings. External references are never fetched: a link
(``<a href>``) may only go to ``mailto:`` or the allowed URL prefixes (the repository);
anything the browser would load by itself (scripts, styles, images, fonts) must be local.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import SplitResult, unquote, urlsplit

from vwo.text.provisions import PROVISIONS

DEFAULT_ALLOWED = ("https://github.com/vwo-gemeenten/vwo",)
# Links the texts make to other sites than the repository, each reviewed: a reference for
# maintainers on a page about the published JSON, and the licence text the colofon of
# every page names (mkdocs.yml extra.colofon). Links only: the browser loads nothing
# from these sites. Add here only after review.
# The AVG-toets page links every provision to its official text (eur-lex.europa.eu,
# wetten.overheid.nl): exactly the addresses of the closed list in vwo.text.provisions,
# reviewed there, so a link to anything else on those sites is still refused.
REVIEWED_EXTERNAL = (
    "https://github.com/jimporter/mike",
    "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
    *sorted({p.url for p in PROVISIONS if p.url}),
)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
# Attributes holding a reference, per element; "navigate" references are links a
# reader follows, the others are loaded by the browser itself.
REF_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
NAVIGATE = {"a", "area", "form"}


@dataclass(frozen=True)
class Reference:
    source: str  # site-relative path of the file that holds it
    url: str
    tag: str  # element name, "meta" for a refresh, "css" for url()

    @property
    def navigates(self) -> bool:
        return self.tag in NAVIGATE or self.tag == "meta"


@dataclass
class Page:
    refs: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class LinkReport:
    problems: list[str]
    external: list[str]  # "<file>: <url>" for every allowed external link, for review


class _Collector(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.page = Page()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(key):
                self.page.ids.add(values[key])
        for attr in REF_ATTRS.get(tag, ()):
            if attr not in values:
                continue
            if attr == "srcset":
                for candidate in values[attr].split(","):
                    if candidate.strip():
                        self._add(candidate.split()[0], tag)
            else:
                self._add(values[attr], tag)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = REFRESH_URL.search(values.get("content", ""))
            if match:
                self._add(match[1].strip(), "meta")
        if "style" in values:
            for url in css_urls(values["style"]):
                self._add(url, "css")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for url in css_urls(data):
                self._add(url, "css")

    def _add(self, url: str, tag: str) -> None:
        self.page.refs.append(Reference(self.source, url.strip(), tag))


def _under(url: str, prefix: str) -> bool:
    """``url`` is ``prefix`` or below it (not merely sharing its first characters)."""
    prefix = prefix.rstrip("/")
    return url == prefix or url.startswith((prefix + "/", prefix + "?", prefix + "#"))


def css_urls(text: str) -> Iterator[str]:
    for match in CSS_URL.finditer(text):
        yield match[2].strip()


def read_site(site_dir: Path) -> dict[str, Page]:
    """Every HTML and CSS file of the site, by site-relative path, with refs and ids."""
    pages: dict[str, Page] = {}
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            collector = _Collector(rel)
            collector.feed(path.read_text(encoding="utf-8", errors="replace"))
            collector.close()
            pages[rel] = collector.page
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            pages[rel] = Page(refs=[Reference(rel, url, "css") for url in css_urls(text)])
    return pages


def _internal_path(ref: Reference, url_path: str, base_path: str) -> str | None:
    """The site-relative path a local URL points to, or None if it leaves the site."""
    if url_path.startswith("/"):
        if not url_path.startswith(base_path):
            return None
        joined = PurePosixPath(url_path[len(base_path) :])
    else:
        joined = PurePosixPath(ref.source).parent / url_path
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def _target_file(site_dir: Path, rel: str, url_path: str) -> str | None:
    """The file a site-relative path is served from (directory -> its index.html)."""
    candidate = site_dir / rel if rel else site_dir
    if candidate.is_dir():
        index = candidate / "index.html"
        return (f"{rel}/index.html" if rel else "index.html") if index.is_file() else None
    if url_path.endswith("/"):
        return None
    return rel if candidate.is_file() else None


def scan_links(
    site_dir: Path,
    *,
    allowed: Iterable[str] = DEFAULT_ALLOWED,
    site_url: str = "",
) -> LinkReport:
    """Check every reference in ``site_dir``; see the module docstring.

    ``site_url`` (``mkdocs.yml``'s) makes absolute URLs under it internal (canonical links,
    the 404 page's ``/vwo/...`` paths); ``allowed`` are the URL prefixes a link may go to.
    """
    allowed = tuple(allowed)
    site = urlsplit(site_url)
    base_path = "/" + site.path.strip("/") + "/" if site.path.strip("/") else "/"
    pages = read_site(site_dir)
    problems: list[str] = []
    external: list[str] = []
    for page in pages.values():
        for ref in page.refs:
            problem = _check(ref, site_dir, pages, site, base_path, allowed, external)
            if problem:
                problems.append(f"{ref.source}: {problem}")
    return LinkReport(problems=problems, external=sorted(set(external)))


def _check(
    ref: Reference,
    site_dir: Path,
    pages: dict[str, Page],
    site: SplitResult,
    base_path: str,
    allowed: tuple[str, ...],
    external: list[str],
) -> str | None:
    url = ref.url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data" or not url or url == "#":
        return None
    if scheme in ("http", "https") or url.startswith("//"):
        if site.netloc and parts.netloc.lower() == site.netloc.lower():
            return _check_local(ref, parts.path or "/", parts.fragment, site_dir, pages, base_path)
        if not ref.navigates:
            return f"loads {url!r} from another host (the site makes no external requests)"
        if not any(_under(url, prefix) for prefix in allowed):
            return f"link to {url!r}: only {', '.join(allowed)} and mailto: are allowed"
        external.append(f"{ref.source}: {url}")
        return None
    if scheme == "mailto":
        if not ref.navigates:
            return f"{url!r} in a <{ref.tag}>"
        external.append(f"{ref.source}: {url}")
        return None
    if scheme:
        return f"reference {url!r} with scheme {scheme!r}"
    return _check_local(ref, parts.path, parts.fragment, site_dir, pages, base_path)


def _check_local(
    ref: Reference, url_path: str, fragment: str, site_dir: Path, pages: dict[str, Page], base_path: str
) -> str | None:
    if not url_path:
        target: str | None = ref.source
    else:
        rel = _internal_path(ref, unquote(url_path), base_path)
        if rel is None:
            return f"{ref.url!r} points outside the site"
        target = _target_file(site_dir, rel, url_path)
        if target is None:
            return f"{ref.url!r}: no such file ({rel or '/'})"
    if fragment and target is not None and target.endswith(".html"):
        wanted = unquote(fragment)
        if wanted not in pages[target].ids:
            return f"{ref.url!r}: no id {wanted!r} in {target}"
    return None
