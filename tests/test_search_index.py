"""The search index of a real build, read back: Pagefind's own files, decompressed."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.gitrepo import ROOT, copy_project, mkdocs_build
from vwo.errors import VwoError
from vwo.search import pagefind
from vwo.text.parse import load_agreement

pytestmark = pytest.mark.e2e

SIGNATURE = b"pagefind_dcd"  # Pagefind's marker before the JSON of a fragment


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    copy_project(project, with_versions=True)  # with comparison pages
    site_dir = tmp_path_factory.mktemp("site")
    mkdocs_build(project, site_dir)
    return site_dir


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Every indexed page, by URL: its text, meta data, filters and anchors."""
    out = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(SIGNATURE), path
        data = json.loads(raw[len(SIGNATURE) :])
        out[data["url"]] = data
    return out


def test_the_build_has_a_dutch_index_and_no_material_search(site: Path) -> None:
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-entry.json").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]
    assert list(bundle.glob("wasm.nl.pagefind"))
    # Pagefind's ready-made interfaces are not used, so not published.
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()
    assert not (site / "search").exists(), "Material's search index is gone"
    assert "search_index" not in (site / "index.html").read_text(encoding="utf-8")


def test_every_page_is_indexed_with_version_status_and_kind(site: Path) -> None:
    pages = fragments(site)
    expected = {
        "/overeenkomst/": ("Overeenkomst", "overeenkomst"),
        "/toelichting/": ("Toelichting", "toelichting"),
        "/bijlagen/bijlage-3-subverwerkers/": ("Bijlage 3. Subverwerkers", "bijlage"),
        "/": ("Home", "pagina"),
        "/besluiten/": ("Besluiten", "pagina"),
    }
    for url, (title, kind) in expected.items():
        assert url in pages, sorted(pages)
        meta = {"title": title, "versie": "concept", "status": "Werkversie", "soort": kind}
        assert pages[url]["meta"] == meta, url


def test_comparison_pages_and_register_variants_stay_out(site: Path) -> None:
    urls = set(fragments(site))
    assert "/gebruik/" in urls
    assert not [url for url in urls if url.startswith("/vergelijken/") and url != "/vergelijken/"]
    assert not [url for url in urls if url.startswith("/gebruik/") and url != "/gebruik/"]
    compare = BeautifulSoup((site / "vergelijken/1.0/index.html").read_text(encoding="utf-8"), "lxml")
    assert compare.select_one("[data-pagefind-body]") is None


def test_the_agreement_is_indexed_without_controls_and_with_every_clause(site: Path) -> None:
    data = fragments(site)["/overeenkomst/"]
    text = data["content"]
    for noise in ("Reageer op artikel", "Toelichting bij artikel", "Versies van artikel", "Download"):
        assert noise not in text, noise
    assert "#" not in [word for word in text.split()], "permalink signs are not text"
    agreement = load_agreement(ROOT / "docs")
    anchors = {anchor["id"]: anchor for anchor in data["anchors"]}
    words = text.split()
    for article in agreement.articles:
        assert anchors[article.id]["text"] == article.heading
        for clause in article.clauses:
            # The dialog finds a clause by its anchor's first word: the clause number.
            assert words[anchors[clause.anchor]["location"]] == clause.number, clause.anchor


def test_the_same_site_gives_the_same_index_bytes(site: Path, tmp_path: Path) -> None:
    """A published version rebuilt from the same commit is byte for byte the same."""
    copies = []
    for name in ("a", "b"):
        copy = tmp_path / name
        shutil.copytree(site, copy)
        pagefind.index_site(copy)
        copies.append(
            {
                p.relative_to(copy).as_posix(): p.read_bytes()
                for p in (copy / "pagefind").rglob("*")
                if p.is_file()
            }
        )
    assert copies[0] == copies[1]


def test_a_failed_run_leaves_no_half_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="nl"><body data-pagefind-body><p>Tekst</p></body></html>',
        encoding="utf-8",
    )
    monkeypatch.setattr(pagefind, "executable", lambda: Path("/bin/false"))
    with pytest.raises(VwoError, match="pagefind could not index the site"):
        pagefind.index_site(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_index_site_replaces_an_old_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "oud.txt").write_text("oud", encoding="utf-8")
    (site / "index.html").write_text(
        '<!doctype html><html lang="nl"><body><main data-pagefind-body><h1>Kop</h1>'
        "<p>Subverwerkers en beveiligingsincidenten</p></main></body></html>",
        encoding="utf-8",
    )
    report = pagefind.index_site(site)
    assert report.pages == 1
    assert not (site / "pagefind" / "oud.txt").exists()
    assert report.bytes == sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    assert fragments(site)["/"]["content"].startswith("Kop. Subverwerkers")
