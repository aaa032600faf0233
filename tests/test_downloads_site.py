"""A real strict build of this project's site as version 1.0: the downloads are in the
site, listed with sizes and hashes, linked from the agreement, and identical to what
``vwo downloads`` writes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.gitrepo import copy_project, mkdocs_build
from tests.soup import tag
from vwo.cli import main

pytestmark = pytest.mark.e2e

VERSION_YML = """\
versie: "1.0"
status: vastgesteld
gepubliceerd_op: 2018-12-06
vastgesteld_door: College van Dienstverleningszaken
samenvatting: >-
  De eerste vastgestelde versie.
"""
FILES = ["SHA256SUMS", "VWO-1.0.docx", "VWO-1.0.odt", "VWO-1.0.pdf", "manifest.json"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = tmp_path_factory.mktemp("project")
    copy_project(project)
    version = project / "versions" / "1.0"
    shutil.copytree(project / "docs", version, ignore=shutil.ignore_patterns("index.md", "over", "assets"))
    (version / "version.yml").write_text(VERSION_YML, encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MIKE_DOCS_VERSION", "1.0")
        mkdocs_build(project, site)
    return project, site


def test_site_holds_the_downloads_and_they_verify(built: tuple[Path, Path]) -> None:
    _, site = built
    folder = site / "downloads"
    assert sorted(p.name for p in folder.iterdir() if p.name != "index.html") == FILES
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["versie"], manifest["status"], manifest["gepubliceerd_op"]) == (
        "1.0",
        "vastgesteld",
        "2018-12-06",
    )


def test_downloads_page_lists_every_file_with_size_and_hash(built: tuple[Path, Path]) -> None:
    _, site = built
    soup = BeautifulSoup((site / "downloads" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert tag(soup.find("h1")).get_text(strip=True).startswith("Downloads")
    rows = {tag(tr.find("a")).get_text(strip=True): tr for tr in soup.select("table tr") if tr.find("a")}
    assert sorted(rows) == FILES
    for name, row in rows.items():
        content = (site / "downloads" / name).read_bytes()
        assert tag(row.find("a"))["href"] == name
        assert tag(row.find("code", class_="vwo-hash")).get_text() == hashlib.sha256(content).hexdigest()
    pdf_size = (site / "downloads" / "VWO-1.0.pdf").stat().st_size
    assert f"{pdf_size / 1000:.1f} kB".replace(".", ",") in rows["VWO-1.0.pdf"].get_text()
    assert "sha256sum -c SHA256SUMS" in soup.get_text()
    # The page is in the navigation (as the active item: a label or a link).
    nav = [item.get_text(strip=True) for item in soup.select("nav .md-nav__link")]
    assert "Downloads" in nav, nav


def test_agreement_page_links_the_downloads_under_its_title(built: tuple[Path, Path]) -> None:
    _, site = built
    soup = BeautifulSoup((site / "overeenkomst" / "index.html").read_text(encoding="utf-8"), "lxml")
    box = soup.find("div", class_="vwo-downloads")
    assert box is not None
    assert box.find_previous("h1") is not None and box.find_previous("h2") is None, "right under the title"
    links = {a.get_text(strip=True).split(",")[0]: a["href"] for a in box.find_all("a")}
    assert links == {
        "PDF": "../downloads/VWO-1.0.pdf",
        "Word": "../downloads/VWO-1.0.docx",
        "OpenDocument": "../downloads/VWO-1.0.odt",
        "Controlegetallen en uitleg": "../downloads/",
    }


def test_cli_writes_the_same_bytes_as_the_site(built: tuple[Path, Path], tmp_path: Path) -> None:
    project, site = built
    out = tmp_path / "out"
    assert main(["-C", str(project), "downloads", "1.0", "--out", str(out), "--no-cache"]) == 0
    for name in FILES:
        assert (out / name).read_bytes() == (site / "downloads" / name).read_bytes(), name


def test_pdf_of_the_real_text_is_hyphenated_the_dutch_way(built: tuple[Path, Path]) -> None:
    from pypdf import PdfReader

    project, site = built
    source = " ".join(p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md"))
    text = "\n".join(page.extract_text() for page in PdfReader(site / "downloads" / "VWO-1.0.pdf").pages)
    breaks = re.findall(r"(\w+)-\n(\w+)", text)
    hyphenated = [a + b for a, b in breaks if a + b in source and f"{a}-{b}" not in source]
    assert len(hyphenated) >= 3, breaks
