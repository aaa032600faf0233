"""The MkDocs hook, driven through MkDocs' own event runner: a build renews the
downloads when the text changes; ``mkdocs serve`` keeps the files made earlier in the
session and says so; the marker puts the download box on any page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from tests.gitrepo import ROOT
from tests.test_downloads import AGREEMENT, SOURCES

CONFIG = f"""\
site_name: Test
docs_dir: docs
hooks:
  - {ROOT / "hooks" / "downloads.py"}
extra:
  vwo:
    version: concept
"""


def project(tmp_path: Path) -> MkDocsConfig:
    """A folder with the literal agreement and a config that loads the hook (fresh each time)."""
    for rel, text in SOURCES.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return load_config(config_file=str(tmp_path / "mkdocs.yml"))


def on_files(config: MkDocsConfig) -> Files:
    files: Files = config.plugins.on_files(Files([]), config=config)
    return files


def downloads_page(files: Files) -> str:
    page = files.get_file_from_path("downloads/index.md")
    assert page is not None
    return page.content_string


def test_serve_keeps_the_earlier_files_after_an_edit_and_build_renews_them(tmp_path: Path) -> None:
    config = project(tmp_path)
    cache = tmp_path / ".cache" / "downloads"
    config.plugins.on_startup(command="serve", dirty=False)
    files = on_files(config)
    assert sorted(f.src_uri for f in files) == [
        "downloads/SHA256SUMS",
        "downloads/VWO-concept.docx",
        "downloads/VWO-concept.odt",
        "downloads/VWO-concept.pdf",
        "downloads/index.md",
        "downloads/manifest.json",
    ]
    assert "eerdere stand van de tekst" not in downloads_page(files)
    assert len(list(cache.iterdir())) == 1

    edited_text = AGREEMENT.replace("terug.", "terug of vernietigt ze.")
    (tmp_path / "docs" / "overeenkomst.md").write_text(edited_text, encoding="utf-8")
    edited = on_files(config)
    assert "eerdere stand van de tekst" in downloads_page(edited)
    assert len(list(cache.iterdir())) == 1, "serve did not generate again"

    config.plugins.on_startup(command="build", dirty=False)
    built = on_files(config)
    assert "eerdere stand van de tekst" not in downloads_page(built)
    assert len(list(cache.iterdir())) == 2, "a build renews the files for the new text"


def test_marker_places_the_box_with_links_relative_to_the_page(tmp_path: Path) -> None:
    config = project(tmp_path)
    files = on_files(config)

    class FakeFile:
        src_uri = "over/index.md"

    class FakePage:
        file = FakeFile()

    page: Any = FakePage()
    markdown = "# Over\n\n<!-- vwo:downloads -->\n"
    out = config.plugins.on_page_markdown(markdown, page=page, config=config, files=files)
    assert "<!-- vwo:downloads -->" not in out
    assert "](../downloads/VWO-concept.pdf)" in out
    assert "](../downloads/index.md)" in out
