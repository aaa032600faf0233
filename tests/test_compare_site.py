"""End to end: a throwaway repository with versions 1.0, 1.1 and the concept, built with
``mkdocs build --strict`` as the concept and as version 1.1; the DOCX read back."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from tests.compare_texts import CONCEPT, V10, V11, sources
from tests.gitrepo import GitRepo, copy_project, mkdocs_build
from tests.soup import attr, tag
from tests.tools import LIBREOFFICE_HINT, program
from vwo.cli import main

pytestmark = pytest.mark.e2e
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VERSION_YML = """\
versie: "{v}"
status: vastgesteld
gepubliceerd_op: {day}
vastgesteld_door: College van Dienstverleningszaken
samenvatting: Versie {v}.
"""


def write_text(folder: Path, agreement: str) -> None:
    for rel, text in sources(agreement).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def small_site(path: Path) -> None:
    """This project's site with a small nav (the real pages link to pages other features make)."""
    copy_project(path, own_text=True)
    shutil.rmtree(path / "docs/bijlagen")
    shutil.rmtree(path / "docs/over", ignore_errors=True)
    (path / "docs/toegankelijkheid.md").unlink(missing_ok=True)
    write_text(path / "docs", CONCEPT)
    (path / "docs/index.md").write_text("# VWO\n\nStart.\n", encoding="utf-8")
    config = (path / "mkdocs.yml").read_text(encoding="utf-8")
    nav = (
        "nav:\n  - Home: index.md\n  - Overeenkomst: overeenkomst.md\n  - Toelichting: toelichting.md\n"
        "  - Bijlagen:\n      - bijlagen/bijlage-1-specificatie.md\n  - Vergelijken: vergelijken/index.md\n"
    )
    config = config[: config.index("\nnav:")] + "\n" + nav
    # Only the hooks under test: other features' pages link to pages this small site lacks.
    start, end = config.index("\nhooks:\n"), config.index("\nwatch:")
    config = config[:start] + "\nhooks:\n  - hooks/agreement.py\n  - hooks/compare.py\n" + config[end:]
    (path / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitRepo]:
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("git-home")
        (home / "gitconfig").write_text(
            "[user]\n\tname = VWO Test\n\temail = test@example.org\n", encoding="utf-8"
        )
        patch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.delenv("MIKE_DOCS_VERSION", raising=False)
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield _three_versions(tmp_path_factory)


def _three_versions(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("compare") / "project")
    small_site(repo.path)
    for version, text, day in (("1.0", V10, "2018-08-01"), ("1.1", V11, "2019-06-01")):
        write_text(repo.path / f"versions/{version}", text)
        (repo.path / f"versions/{version}/version.yml").write_text(
            VERSION_YML.format(v=version, day=day), encoding="utf-8"
        )
    repo.commit("Drie versies")
    return repo


@pytest.fixture(scope="module")
def concept_site(project: GitRepo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site-concept")
    mkdocs_build(project.path, site)
    return site


@pytest.fixture(scope="module")
def site_11(project: GitRepo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Version 1.1 built as the publish step does: site pages of docs/ plus the version's text."""
    build = tmp_path_factory.mktemp("build-1.1")
    shutil.copytree(project.path / "docs", build / "docs")
    shutil.copytree(project.path / "versions/1.1", build / "docs", dirs_exist_ok=True)
    (build / "docs/version.yml").unlink()
    config = yaml.safe_load((project.path / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(build / "docs")
    config["extra"]["vwo"].update(version="1.1", root=str(project.path))
    config["hooks"] = [str(project.path / h) for h in config["hooks"]]
    config["extra_css"] = config.get("extra_css", [])
    config["theme"]["custom_dir"] = str(project.path / "overrides")
    config.pop("watch", None)
    (build / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    site = tmp_path_factory.mktemp("site-1.1")
    mkdocs_build(build, site)
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def summary(page: BeautifulSoup) -> str:
    items = page.select("ul.vwo-vergelijk-samenvatting li")
    return " | ".join(" ".join(li.get_text().split()) for li in items)


def test_concept_has_a_page_for_every_published_version(concept_site: Path) -> None:
    for older in ("1.0", "1.1"):
        assert (concept_site / f"vergelijken/{older}/index.html").is_file()
        docx = concept_site / f"vergelijken/{older}/VWO-concept-vergeleken-met-{older}.docx"
        assert stat.S_IMODE(docx.stat().st_mode) == 0o644  # readable by the web server too
    chooser = soup(concept_site / "vergelijken/index.html")
    hrefs = [a["href"] for a in chooser.select("a") if "/vergelijken/" in a["href"]]
    for pair in (
        "../../concept/vergelijken/1.1/",
        "../../concept/vergelijken/1.0/",
        "../../1.1/vergelijken/1.0/",
    ):
        assert pair in hrefs
    assert chooser.find("label", attrs={"for": "vwo-oud"}) and chooser.find("select", id="vwo-oud")
    assert chooser.find("label", attrs={"for": "vwo-nieuw"}) and chooser.find("select", id="vwo-nieuw")


def test_version_build_compares_only_with_earlier_versions(site_11: Path) -> None:
    assert (site_11 / "vergelijken/1.0/index.html").is_file()
    assert not (site_11 / "vergelijken/1.1").exists()
    # Its chooser offers only what this build holds, so adopting a later version
    # does not change the pages of this one.
    chooser = soup(site_11 / "vergelijken/index.html")
    assert [o["value"] for o in chooser.select("#vwo-nieuw option")] == ["1.1", "1.0"]
    assert [a["href"] for a in chooser.select("#vwo-alle-vergelijkingen ~ ul a")] == [
        "../../1.1/vergelijken/1.0/"
    ]
    page = soup(site_11 / "vergelijken/1.0/index.html")
    assert summary(page) == (
        "2 artikelen gewijzigd | 1 toegevoegd, 0 vervallen, 3 hernummerd | 0 bijlagen gewijzigd, "
        "0 toegevoegd, 0 vervallen | 1 toelichting gewijzigd | 18 woorden toegevoegd, 1 woord verwijderd"
    )
    jumps = [a["href"] for a in page.select("#vwo-gewijzigd + ul a")]
    assert jumps == ["#definities", "#datalekken", "#subverwerkers", "#beveiliging", "#slot"]
    for target in jumps:
        assert page.find("h2", id=target[1:]) is not None


def test_redline_marks_exact_words_with_screen_reader_text(concept_site: Path) -> None:
    page = soup(concept_site / "vergelijken/1.1/index.html")
    assert "vwo-fragment" not in str(page)  # every pre-rendered block is back in place
    assert summary(page).endswith("1 woord toegevoegd, 15 woorden verwijderd")
    article = tag(tag(page.find("h2", id="beveiliging")).find_next("div", class_="vwo-redline"))
    [deleted] = article.find_all("del")
    [inserted] = article.find_all("ins")
    assert deleted.get_text() == "verwijderd: passend (einde verwijdering)"
    assert inserted.get_text() == "toegevoegd: zorgvuldig (einde toevoeging)"
    assert tag(deleted.find("span", class_="sr-only")).get_text() == "verwijderd: "
    assert page.find("h2", id="slot") is not None  # removed, but shown where it stood
    folded = tag(page.find("p", class_="vwo-ongewijzigd"))
    assert folded.get_text().startswith("Artikel 1 tot en met 3 zijn niet gewijzigd: Artikel 1. Definities")
    assert [a["href"] for a in folded.find_all("a")] == [
        "../../overeenkomst/#definities",
        "../../overeenkomst/#datalekken",
        "../../overeenkomst/#subverwerkers",
    ]


def test_side_by_side_is_a_table_with_both_versions(concept_site: Path) -> None:
    page = soup(concept_site / "vergelijken/1.1/index.html")
    switch = tag(page.find("input", id="vwo-naast-elkaar"))
    assert switch["type"] == "checkbox" and page.find("label", attrs={"for": "vwo-naast-elkaar"})
    # The checkbox is a sibling before every block it switches (the CSS uses '~').
    views = page.select(".vwo-weergave-tekst, .vwo-weergave-naast")
    assert len(views) == 2 * len(page.select("#vwo-gewijzigd + ul a"))
    assert all(view.parent is switch.parent and view in switch.find_next_siblings() for view in views)
    table = tag(tag(page.find("h2", id="beveiliging")).find_next("table", class_="vwo-naast"))
    assert table.find_parent(class_="vwo-weergave-naast") is not None
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers[0].startswith("versie 1.1") and headers[1].startswith("de werkversie (concept)")
    old, new = table.select("tbody tr td")
    assert tag(old.find("span", class_="vwo-redline__nummer")).get_text() == "4.1"
    assert "<span" not in old.get_text() and "<span" not in new.get_text()
    assert [d.get_text() for d in old.find_all("del")] == ["verwijderd: passend (einde verwijdering)"]
    assert not old.find("ins") and not new.find("del")
    assert [i.get_text() for i in new.find_all("ins")] == ["toegevoegd: zorgvuldig (einde toevoeging)"]


def test_agreement_page_shows_each_articles_versions(concept_site: Path) -> None:
    page = soup(concept_site / "overeenkomst/index.html")
    history = tag(page.find(id="beveiliging-historie"))
    assert [a["href"] for a in history.find_all("a")] == ["../vergelijken/1.1/#beveiliging"]
    added = tag(page.find(id="datalekken-historie"))
    assert "Toegevoegd in versie 1.1" in added.get_text()
    assert [a["href"] for a in added.find_all("a")] == ["../../1.1/vergelijken/1.0/#datalekken"]
    assert page.find(id="subverwerkers-historie") is None  # never changed


def document(docx: Path) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def tracked(docx: Path) -> list[tuple[str, str]]:
    """The tracked insertions and deletions of words (not of paragraph marks or rows)."""
    out = []
    for element in document(docx).iter(f"{W}ins", f"{W}del"):
        if element.getparent().tag in (f"{W}rPr", f"{W}trPr"):
            continue
        tag = "ins" if element.tag == f"{W}ins" else "del"
        text = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))
        out.append((tag, text))
    return out


def test_docx_holds_exactly_the_changed_words_as_tracked_changes(concept_site: Path) -> None:
    docx = concept_site / "vergelijken/1.1/VWO-concept-vergeleken-met-1.1.docx"
    assert tracked(docx) == [
        ("del", "passend"),
        ("ins", "zorgvuldig"),
        ("del", "Artikel 5. Slotbepalingen"),
        ("del", "5.1 "),  # the number with its space: accepting leaves no space behind
        ("del", "Nederlands recht is van toepassing."),
        ("del", "5.2 "),
        ("del", "Geschillen gaan naar de rechter in Den Haag."),
    ]
    # The removed article's paragraphs go too when the change is accepted: their
    # paragraph marks are tracked deletions (heading and two clauses).
    marks = document(docx).findall(f".//{W}pPr/{W}rPr/{W}del")
    assert len(marks) == 3
    ids = [e.get(f"{W}id") for e in document(docx).iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids)), "every tracked change needs its own id"


def test_docx_from_the_cli_is_reproducible_and_opens_in_libreoffice(project: GitRepo, tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for target in (first, second):
        assert (
            main(["-C", str(project.path), "compare", "1.0", "1.1", "--format", "docx", "--out", str(target)])
            == 0
        )
    assert first.read_bytes() == second.read_bytes()
    assert ("del", "leverancier") in tracked(first) and ("ins", "opdrachtnemer") in tracked(first)
    opened = docx.Document(str(first))  # python-docx reads the package: parts and styles are valid
    styles = [p.style.name if p.style else "" for p in opened.paragraphs]
    assert styles[0] == "Title"
    assert opened.paragraphs[0].text == "Verwerkersovereenkomst"
    texts = [p.text for p in opened.paragraphs]
    assert any(s == "Heading 2" and t.startswith("Artikel 1") for s, t in zip(styles, texts, strict=True))
    soffice = program("soffice", "libreoffice", hint=LIBREOFFICE_HINT)
    profile = (tmp_path / "lo-profile").as_uri()  # private: parallel runs do not share one
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(first),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "a.pdf").stat().st_size > 1000


def test_cli_markdown_and_json(project: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(project.path), "compare", "1.0", "1.1"]) == 0
    md = capsys.readouterr().out
    assert "<del>leverancier</del><ins>opdrachtnemer</ins>" in md
    assert main(["-C", str(project.path), "compare", "1.1", "concept", "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "vwo-compare/1"
    assert data["summary"]["articles_removed"] == 1
    assert [a["status"] for a in data["articles"]][-2:] == ["changed", "removed"]


def test_cli_html_is_one_standalone_page_with_both_views(project: GitRepo, tmp_path: Path) -> None:
    target = tmp_path / "vergelijking.html"
    args = ["-C", str(project.path), "compare", "1.0", "1.1", "--format", "html", "--out", str(target)]
    assert main(args) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    page = soup(target)
    assert tag(page.find("html"))["lang"] == "nl" and "vwo-fragment" not in str(page)
    switch = tag(page.find("input", id="vwo-naast-elkaar"))
    views = page.select(".vwo-weergave-tekst, .vwo-weergave-naast")
    assert views and all(view in switch.find_next_siblings() for view in views)
    assert "vwo-weergave-keuze:checked ~ .vwo-weergave-naast" in tag(page.find("style")).get_text()
    # Nothing beside a standalone file: no DOCX link, no links into a site.
    hrefs = [attr(a, "href") for a in page.find_all("a", href=True)]
    assert [href for href in hrefs if not href.startswith("#")] == []


def test_cli_unknown_version_lists_the_known_ones(
    project: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-C", str(project.path), "compare", "0.9", "concept"]) == 2
    err = capsys.readouterr().err
    assert "0.9: unknown version" in err and "concept, 1.0, 1.1" in err
    assert main(["-C", str(project.path), "compare", "1.0", "1.1", "--format", "docx"]) == 2
    assert "--out" in capsys.readouterr().err


def test_cli_reads_a_git_revision(project: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(project.path), "compare", "1.1", "@HEAD", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert re.search(r"<del>passend</del><ins>zorgvuldig</ins>", md)
    assert main(["-C", str(project.path), "compare", "@geen-tak", "concept"]) == 2
    assert "error: @geen-tak: no such branch, tag or commit" in capsys.readouterr().err


def test_version_build_links_its_own_comparisons_from_the_agreement_page(site_11: Path) -> None:
    page = soup(site_11 / "overeenkomst/index.html")
    history = tag(page.find(id="definities-historie"))
    assert "Gewijzigd in versie 1.1" in history.get_text()
    assert [a["href"] for a in history.find_all("a")] == ["../vergelijken/1.0/#definities"]
    assert page.find(id="beveiliging-historie") is None  # changed only in the concept, after 1.1
