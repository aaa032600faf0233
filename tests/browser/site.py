"""The site the browser tests visit: build a throwaway copy of the project, serve it.

Pipeline: copy the project (config, hooks, theme, texts) into a throwaway git repo ->
add a commit with untrusted text (the payload) -> ``mkdocs build --strict`` -> serve the
folder on 127.0.0.1 with a threaded ``http.server``, under ``site_url``'s path.
The served folder can be anything with the same layout, e.g. the exported tree of a
mike-published branch (then list the version prefixes in ``pages.py``).
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import sys
import tarfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.gitrepo import ROOT, GitRepo, copy_project, mkdocs_build

# Untrusted text (commit messages and trailers come from outsiders): a decision commit
# whose subject and trailer try to run script. Every page that shows it must show it
# as text; no page may run it (tests/browser/test_privacy.py).
PAYLOAD_MARK = "vwo-payload"
PAYLOAD_SUBJECT = (
    f'<script>alert("{PAYLOAD_MARK}")</script> <img src=x onerror=alert("{PAYLOAD_MARK}")> '
    f"**vet** [klik](javascript:alert(1)) {PAYLOAD_MARK}"
)
# The reason recorded with the rejection (the commit body): shown on the decision log and
# the proposal's page (tests/browser/test_decisions.py), as text like the subject.
PAYLOAD_REASON = f"De Beheergroep ziet <em>geen</em> aanleiding voor deze wijziging ({PAYLOAD_MARK})."
PAYLOAD_TRAILERS = [
    ("Voorstel", "VWO-2018-999"),
    ("Indiener", f'<img src=x onerror=alert("{PAYLOAD_MARK}")> Gemeente {PAYLOAD_MARK}'),
    ("Soort", "redactioneel"),
    ("Besluit", "verworpen"),
    ("Besloten-door", "Beheergroep VWO"),
    ("Besloten-op", "2018-09-03"),
]


# Every element the theme styles, on one page of the test build only (``proef.md``, not
# in the nav; ``pages.specimen_path``):
# the real texts use few of them yet, and colour contrast is checked on what exists.
THEME_SPECIMEN = """\
# Proefpagina van het thema

Lopende tekst met een [link](index.md), `code`, **vet**, *cursief*, een AVG-afkorting,
<ins>ingevoegd</ins> en <del>geschrapt</del>, en een voetnoot.[^1]

*[AVG]: Algemene verordening gegevensbescherming

## Kaders

!!! note "Let op"
    Een opmerking met een [link](index.md).

!!! warning "Waarschuwing"
    Een waarschuwing.

!!! info
    Informatie.

!!! tip
    Een tip.

!!! danger
    Gevaar.

??? question "Uitklapbaar"
    Verborgen tekst.

???+ example "Open uitklapbaar"
    Zichtbare tekst.

## Code, citaat, tabel en lijsten

```text
vwo check
```

> Een citaat met een [link](index.md).

| Kolom | Nog een kolom | Derde kolom met een lange kop die de tabel breder maakt |
|---|---|---|
| een | twee | drie vier vijf zes zeven acht negen tien elf twaalf dertien |

Begrip
:   De betekenis ervan.

<div class="vwo-banner vwo-banner--verouderd" markdown>
**Verouderde versie.** Lees de [actuele versie](index.md).
</div>

<div class="vwo-banner vwo-banner--concept" markdown>
**Concept.** Deze tekst is nog niet vastgesteld.
</div>

[^1]: De voetnoot.
"""


# The versions of the published test tree the browser tests read: the two from 2018,
# frozen (published text never changes), so what those tests expect of a version (its
# citations, search hits, comparisons, "actueel" being 1.11) holds however the concept and
# the later versions move on. The link check publishes every version (``versions=None``).
BROWSER_VERSIONS = ("1.0", "1.11")


def make_project(path: Path, *, versions: Sequence[str] | None = ()) -> GitRepo:
    """A throwaway repo with this project's site and texts, plus the payload commit;
    ``versions``: the folders of ``versions/`` to copy too (None: all of them)."""
    repo = GitRepo(path)
    copy_project(repo.path, with_versions=versions is None)
    for version in versions or ():
        shutil.copytree(ROOT / "versions" / version, repo.path / "versions" / version)
    repo.write("docs/proef.md", THEME_SPECIMEN)
    repo.commit("Projectopzet")
    repo.commit(f"{PAYLOAD_SUBJECT}\n\n{PAYLOAD_REASON}", trailers=PAYLOAD_TRAILERS, allow_empty=True)
    return repo


@contextmanager
def sandboxed_git(workdir: Path) -> Iterator[None]:
    """The test git identity and no machine git config, for fixtures wider than a test
    (the autouse ``git_sandbox`` in ``tests/conftest.py`` covers one test only)."""
    config = workdir / "gitconfig"
    config.write_text(
        "[user]\n\tname = VWO Test\n\temail = test@example.org\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", str(config))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "MIKE_DOCS_VERSION", "SOURCE_DATE_EPOCH"):
            patch.delenv(name, raising=False)
        yield


def build_site(workdir: Path) -> Path:
    """Build the throwaway project's site into ``workdir/site`` and return that folder."""
    repo = make_project(workdir / "project")
    site = workdir / "site"
    mkdocs_build(repo.path, site)
    return site


def site_prefix(project: Path) -> str:
    """The URL path the site lives under in production (from ``site_url``), e.g. '/vwo/'."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    path = urlsplit(str(config.get("site_url") or "/")).path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def publish_site(workdir: Path, *, versions: Sequence[str] | None = BROWSER_VERSIONS) -> Path:
    """Publish the throwaway project (with ``versions``, see ``make_project``) by ``vwo
    publish`` and export the branch's tree: mike's layout, ``versions.json``, ``<version>/``,
    aliases."""
    repo = make_project(workdir / "project", versions=versions)
    return publish_repo(repo, workdir / "published")


def publish_repo(repo: GitRepo, tree: Path) -> Path:
    """``vwo publish`` of ``repo`` to ``gh-pages``, the branch's tree exported into ``tree``."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(repo.path), "publish", "--branch", "gh-pages"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"vwo publish failed in {repo.path}:\n{result.stdout}\n{result.stderr}")
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(repo.path), "archive", "gh-pages"], capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    return tree


class _Handler(SimpleHTTPRequestHandler):
    """Static files under ``prefix`` only, like GitHub Pages serves a project site."""

    prefix = "/"

    def send_head(self) -> Any:
        if not self.path.startswith(self.prefix):
            self.send_error(404, "outside the site")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


class PagesHandler(_Handler):
    """For a subclass that changes how files are served (e.g. compressed)."""


@contextmanager
def serve(directory: Path, prefix: str = "/", handler_class: type[_Handler] = _Handler) -> Iterator[str]:
    """Serve ``directory`` at ``prefix`` on 127.0.0.1 (a free port); yields the base URL.

    The prefix matters: ``404.html`` links its assets absolutely, under ``site_url``'s path.
    """
    named = type("Handler", (handler_class,), {"prefix": prefix})
    handler = functools.partial(named, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
