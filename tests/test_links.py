"""Link check (``vwo check-links``): every internal link and anchor of the built site
resolves; external references are only links to the repository or mailto:, and nothing
loads from elsewhere.

First the checker on small literal sites (each problem it must find, written by hand),
then the command, then the real site published from a throwaway copy of this project.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.browser.site import publish_site, sandboxed_git
from tests.gitrepo import ROOT
from tests.versions_support import vwo
from vwo.site.linkcheck import REVIEWED_EXTERNAL, scan_links

SITE_URL = "https://vwo-gemeenten.github.io/vwo/"


def write_site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


GOOD = {
    "index.html": (
        '<link rel="stylesheet" href="assets/site.css">'
        '<link rel="canonical" href="https://vwo-gemeenten.github.io/vwo/">'
        '<script src="assets/app.js"></script>'
        '<img src="assets/logo.svg" srcset="assets/logo.svg 1x, assets/logo.svg 2x">'
        '<a href="overeenkomst/">o</a> <a href="overeenkomst/#subverwerkers">art</a> <a href="#top">t</a>'
        '<a href="overeenkomst/index.html#subverwerkers-2">lid</a> <a href="#">leeg</a>'
        '<a href="mailto:privacy@vng.nl?subject=x">mail</a> <a href="https://github.com/vwo-gemeenten/vwo/issues/new?a=b">gh</a>'
        '<h1 id="top">Home</h1><div style="background: url(\'assets/logo.svg\')"></div>'
    ),
    "overeenkomst/index.html": (
        '<h2 id="subverwerkers">Artikel 7</h2><p id="subverwerkers-2">7.2</p><a href="../">home</a>'
        '<a href="../index.html#top">top</a><a name="oud"></a><a href="#oud">oud</a>'
    ),
    "404.html": '<link rel="stylesheet" href="/vwo/assets/site.css"><a href="/vwo/overeenkomst/">o</a>',
    "assets/site.css": 'body { background: url("logo.svg") } .i { mask: url(data:image/svg+xml;base64,AA) }',
    "assets/app.js": "",
    "assets/logo.svg": "<svg/>",
}


def test_a_sound_site_has_no_problems(tmp_path: Path) -> None:
    site = write_site(tmp_path, GOOD)
    report = scan_links(site, site_url=SITE_URL)
    assert report.problems == []
    assert report.external == [
        "index.html: https://github.com/vwo-gemeenten/vwo/issues/new?a=b",
        "index.html: mailto:privacy@vng.nl?subject=x",
    ]


def check_links(site: Path) -> list[str]:
    return scan_links(site, site_url=SITE_URL).problems


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<a href="toelichting/">t</a>', "index.html: 'toelichting/': no such file (toelichting)"),
        (
            '<a href="overeenkomst/#weg">x</a>',
            "index.html: 'overeenkomst/#weg': no id 'weg' in overeenkomst/index.html",
        ),
        ('<a href="#nergens">x</a>', "index.html: '#nergens': no id 'nergens' in index.html"),
        (
            '<a href="assets/logo.svg/">x</a>',
            "index.html: 'assets/logo.svg/': no such file (assets/logo.svg)",
        ),
        ('<a href="../buiten.html">x</a>', "index.html: '../buiten.html' points outside the site"),
        ('<a href="/andere/site/">x</a>', "index.html: '/andere/site/' points outside the site"),
        (
            '<a href="https://example.org/avg">x</a>',
            "index.html: link to 'https://example.org/avg': only https://github.com/vwo-gemeenten/vwo "
            "and mailto: are allowed",
        ),
        (
            '<a href="https://github.com/vwo-gemeenten/vwo-kopie">x</a>',
            "index.html: link to 'https://github.com/vwo-gemeenten/vwo-kopie': only "
            "https://github.com/vwo-gemeenten/vwo and mailto: are allowed",
        ),
        (
            '<script src="https://cdn.example.org/x.js"></script>',
            "index.html: loads 'https://cdn.example.org/x.js' from another host "
            "(the site makes no external requests)",
        ),
        (
            '<link rel="stylesheet" href="https://github.com/vwo-gemeenten/vwo/x.css">',
            "index.html: loads 'https://github.com/vwo-gemeenten/vwo/x.css' from another host "
            "(the site makes no external requests)",
        ),
        (
            '<img srcset="assets/logo.svg 1x, //img.example.org/a.png 2x">',
            "index.html: loads '//img.example.org/a.png' from another host "
            "(the site makes no external requests)",
        ),
        (
            "<div style=\"background: url('https://fonts.example.org/f.woff2')\"></div>",
            "index.html: loads 'https://fonts.example.org/f.woff2' from another host "
            "(the site makes no external requests)",
        ),
        (
            '<a href="javascript:alert(1)">x</a>',
            "index.html: reference 'javascript:alert(1)' with scheme 'javascript'",
        ),
        (
            '<meta http-equiv="refresh" content="0; url=weg/">',
            "index.html: 'weg/': no such file (weg)",
        ),
        (
            '<link rel="canonical" href="https://vwo-gemeenten.github.io/vwo/weg/">',
            "index.html: 'https://vwo-gemeenten.github.io/vwo/weg/': no such file (weg)",
        ),
    ],
)
def test_finds_each_broken_or_foreign_reference(tmp_path: Path, html: str, problem: str) -> None:
    site = write_site(tmp_path, {**GOOD, "index.html": GOOD["index.html"] + html})
    assert check_links(site) == [problem]


def test_css_url_to_another_host_is_found(tmp_path: Path) -> None:
    css = "@font-face { src: url(https://fonts.example.org/a.woff2) } body { background: url(../weg.png) }"
    site = write_site(tmp_path, {**GOOD, "assets/site.css": css})
    assert check_links(site) == [
        "assets/site.css: loads 'https://fonts.example.org/a.woff2' from another host "
        "(the site makes no external requests)",
        "assets/site.css: '../weg.png': no such file (weg.png)",
    ]


def test_checks_every_version_of_a_published_tree(tmp_path: Path) -> None:
    """A mike-like tree: the same page in two versions, the anchor missing in the old one."""
    page = '<a href="../concept/overeenkomst/#dpia">dpia</a><h2 id="x">x</h2>'
    site = write_site(
        tmp_path,
        {
            "index.html": '<meta http-equiv="refresh" content="0; url=actueel/">',
            "actueel/index.html": page,
            "1.0/index.html": '<a href="overeenkomst/#dpia">dpia</a>',
            "1.0/overeenkomst/index.html": "<h2 id='audits'>a</h2>",
            "concept/overeenkomst/index.html": '<h2 id="dpia">d</h2>',
        },
    )
    assert check_links(site) == [
        "1.0/index.html: 'overeenkomst/#dpia': no id 'dpia' in 1.0/overeenkomst/index.html",
    ]


@pytest.fixture(scope="module")
def published_tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``vwo publish`` of a throwaway copy of the project (all versions), branch exported."""
    workdir = tmp_path_factory.mktemp("linkcheck-published")
    with sandboxed_git(workdir):
        yield publish_site(workdir, versions=None)


def test_the_command_lists_the_problems_and_fails(tmp_path: Path) -> None:
    bad = '<a href="#nergens">x</a><script src="https://cdn.example.org/x.js"></script>'
    site = write_site(tmp_path / "site", {**GOOD, "index.html": GOOD["index.html"] + bad})
    result = vwo(ROOT, "check-links", str(site))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: index.html: '#nergens': no id 'nergens' in index.html",
        "error: index.html: loads 'https://cdn.example.org/x.js' from another host "
        "(the site makes no external requests)",
        f"vwo check-links: 2 problemen in {site}",
    ]


def test_the_command_passes_a_sound_site_and_reads_mkdocs_yml(tmp_path: Path) -> None:
    """site_url and repo_url come from mkdocs.yml under -C: the canonical link to
    https://vwo-gemeenten.github.io/vwo/ is internal, the repository link allowed."""
    site = write_site(tmp_path / "site", GOOD)
    result = vwo(ROOT, "check-links", str(site))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"vwo check-links: {site}: alle links in orde\n"
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()  # no mkdocs.yml: the canonical link is just a link to another host
    assert vwo(elsewhere, "check-links", str(site)).returncode == 1
    assert vwo(elsewhere, "check-links", str(site), "--site-url", SITE_URL).returncode == 0


def test_the_command_allows_a_reviewed_prefix_only_when_asked(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**GOOD, "extra.html": '<a href="https://example.org/avg">x</a>'})
    assert vwo(ROOT, "check-links", str(site)).returncode == 1
    assert vwo(ROOT, "check-links", str(site), "--allow", "https://example.org/").returncode == 0


def test_the_command_allows_the_official_text_of_a_listed_provision_only(tmp_path: Path) -> None:
    """The AVG-toets page links each provision to eur-lex or wetten.overheid.nl; only those
    exact addresses (and an article anchor on the AVG) pass, not the rest of those sites."""
    avg = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679"
    uavg = "https://wetten.overheid.nl/jci1.3:c:BWBR0040940&artikel=46"
    page = f'<a href="{avg}#art_28">28</a><a href="{uavg}">46 UAVG</a>'
    site = write_site(tmp_path / "site", {**GOOD, "avg-toets/index.html": page})
    assert vwo(ROOT, "check-links", str(site)).returncode == 0
    for other in ("https://eur-lex.europa.eu/homepage.html", "https://wetten.overheid.nl/zoeken"):
        extra = page + f'<a href="{other}">x</a>'
        site = write_site(tmp_path / "anders", {**GOOD, "avg-toets/index.html": extra})
        result = vwo(ROOT, "check-links", str(site))
        assert result.returncode == 1
        assert f"link to {other!r}" in result.stderr


def test_the_command_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = vwo(ROOT, "check-links", str(tmp_path / "nergens"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'nergens'}: no such folder\nhint: ")


@pytest.mark.e2e
def test_the_published_site_has_no_broken_or_foreign_links(published_tree: Path) -> None:
    """Every version, alias and the root: internal links and anchors resolve (also across
    versions), nothing loads from elsewhere, links leave only to the repository. This is
    the check the publish workflow runs before it pushes."""
    result = vwo(ROOT, "check-links", str(published_tree))
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # The licence text the colofon links to (mkdocs.yml, reviewed there) is allowed too.
    allowed = [config["repo_url"], config["extra"]["vwo"]["colofon"]["licentie_url"], *REVIEWED_EXTERNAL]
    report = scan_links(published_tree, allowed=allowed, site_url=config["site_url"])
    assert report.problems == []
    versions = [p.name for p in published_tree.iterdir() if (p / "overeenkomst/index.html").is_file()]
    assert {"actueel", "concept", "1.0"} <= set(versions), versions
    # Every page links to the repository (colofon), the agreement to mailto: for reactions.
    assert "actueel/index.html: " + config["repo_url"] in report.external
    assert any(e.startswith("actueel/overeenkomst/index.html: mailto:") for e in report.external)
