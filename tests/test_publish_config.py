"""The temporary build config and docs dir of one version (pure parts of ``vwo publish``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import GitRepo
from tests.versions_support import text_files
from vwo.errors import VwoError
from vwo.versions.plan import Target, adapt_nav, build_config, docs_inputs
from vwo.versions.publish import compose_docs

NAV = [
    {"Home": "index.md"},
    {
        "De overeenkomst": [
            {"Overeenkomst": "overeenkomst.md"},
            {"Bijlagen": ["bijlagen/b1.md", "bijlagen/b2.md"]},
        ]
    },
]


def test_adapt_nav_lists_the_annexes_of_the_version() -> None:
    assert adapt_nav(NAV, ["bijlagen/b1.md", "bijlagen/b3.md"]) == [
        {"Home": "index.md"},
        {
            "De overeenkomst": [
                {"Overeenkomst": "overeenkomst.md"},
                {"Bijlagen": ["bijlagen/b1.md", "bijlagen/b3.md"]},
            ]
        },
    ]


def test_build_config_makes_paths_absolute_and_sets_the_version(tmp_path: Path) -> None:
    base: dict[str, Any] = {
        "site_name": "x",
        "docs_dir": "docs",
        "theme": {"name": "material", "custom_dir": "overrides"},
        "hooks": ["hooks/agreement.py"],
        "watch": ["src"],
        "extra": {"vwo": {"version": "concept", "contact_email": "a@b.nl"}},
        "nav": NAV,
    }
    docs = tmp_path / "build" / "versions" / "1.0"
    config = build_config(base, tmp_path, "1.0", docs, ["bijlagen/b1.md"])
    assert config["docs_dir"] == str(docs)
    assert config["theme"]["custom_dir"] == str(tmp_path / "overrides")
    assert config["hooks"] == [str(tmp_path / "hooks" / "agreement.py")]
    assert "watch" not in config
    assert config["extra"]["vwo"] == {
        "version": "1.0",
        "contact_email": "a@b.nl",
        "root": str(tmp_path),
        "pageset": "versie",
        "current_folder": "actueel",
    }
    assert base["extra"]["vwo"]["version"] == "concept" and base["docs_dir"] == "docs"  # not mutated
    with pytest.raises(VwoError, match="INHERIT"):
        build_config({**base, "INHERIT": "base.yml"}, tmp_path, "1.0", docs, [])


def test_docs_inputs_take_site_pages_from_docs_and_text_from_the_version(
    repo: GitRepo, tmp_path: Path
) -> None:
    for rel, text in text_files("nieuwe").items():
        repo.write(rel, text)
    repo.write("docs/index.md", "# Home\n")
    repo.write("docs/assets/vwo.css", "body {}\n")
    repo.write("docs/bijlagen/bijlage-2-nieuw.md", "# Bijlage 2. Nieuw {#bijlage-nieuw}\n")
    for rel, text in text_files("oude").items():
        repo.write(rel.replace("docs/", "versions/1.0/"), text)
    repo.write("versions/1.0/version.yml", "versie: '1.0'\n")
    repo.write("versions/1.0/MANIFEST.sha256", "")
    inputs = docs_inputs(repo.path, Target("1.0", "1.0", "versions/1.0", 0, ()))
    assert sorted(inputs) == [
        "assets/vwo.css",
        "bijlagen/bijlage-1-specificatie.md",
        "index.md",
        "overeenkomst.md",
        "toelichting.md",
    ]
    annexes = compose_docs(inputs, tmp_path / "out")
    assert annexes == ["bijlagen/bijlage-1-specificatie.md"]
    assert "oude" in (tmp_path / "out" / "overeenkomst.md").read_text()
    assert not (tmp_path / "out" / "version.yml").exists()


STANDARD_NAV = [
    {"Home": "index.md"},
    {"De overeenkomst": [{"Overeenkomst": "overeenkomst.md"}, "bijlagen/b1.md"]},
    {"Versies en wijzigingen": [{"Versies": "versies.md"}, {"Wijzigingen": "wijzigingen.md"}]},
    {"Over de standaard": [{"Over de standaard": "over/index.md"}, {"Contact": "over/contact.md"}]},
    {"Toegankelijkheid": "toegankelijkheid.md"},
]


def test_each_page_set_links_to_the_other_in_its_nav(tmp_path: Path) -> None:
    base: dict[str, Any] = {
        "site_name": "x",
        "site_url": "https://example.org/vwo/",
        "extra": {"version": {"provider": "mike"}, "vwo": {}},
        "plugins": [{"mike": {"canonical_version": "actueel"}}, "other"],
        "nav": STANDARD_NAV,
    }
    docs = tmp_path / "docs"
    version = build_config(base, tmp_path, "1.0", docs, ["bijlagen/b1.md"])
    assert version["nav"] == [
        {"Home": "index.md"},
        {"De overeenkomst": [{"Overeenkomst": "overeenkomst.md"}, "bijlagen/b1.md"]},
        {"Versies en wijzigingen": [{"Versies": "/vwo/versies/"}, {"Wijzigingen": "wijzigingen.md"}]},
        {"Over de standaard": [{"Over de standaard": "/vwo/over/"}, {"Contact": "/vwo/over/contact/"}]},
        {"Toegankelijkheid": "/vwo/toegankelijkheid/"},
    ]
    assert version["plugins"] == base["plugins"] and version["extra"]["version"] == {"provider": "mike"}
    annexes = [{"Bijlage 1. Specificatie": "bijlagen/b1.md"}]  # vwo.versions.standard.annex_entries
    root = build_config(base, tmp_path, "standaard", docs, annexes, "standaard", "actueel")
    assert root["nav"] == [
        {"Home": "/vwo/actueel/"},
        {
            "De overeenkomst": [
                {"Overeenkomst": "/vwo/actueel/overeenkomst/"},
                {"Bijlage 1. Specificatie": "/vwo/actueel/bijlagen/b1/"},
            ]
        },
        {"Versies en wijzigingen": [{"Versies": "versies.md"}, {"Wijzigingen": "/vwo/actueel/wijzigingen/"}]},
        {"Over de standaard": [{"Over de standaard": "over/index.md"}, {"Contact": "over/contact.md"}]},
        {"Toegankelijkheid": "toegankelijkheid.md"},
    ]
    # Not a mike version: no selector, no canonical alias; the logo leads to the current text.
    assert "version" not in root["extra"] and root["plugins"] == ["other"]
    assert root["extra"]["homepage"] == "/vwo/actueel/"
    assert root["extra"]["vwo"]["pageset"] == "standaard"
