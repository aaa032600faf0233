"""Kept in step: the units and their hashes, ``vwo translation stamp``, the pending units
(a change to one Dutch clause marks exactly that clause), ``vwo check`` (warnings for the
working translation, errors for a published one), ``vertaling.yml`` and ``termen.yml``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo, copy_project
from tests.translation_support import CONCEPT, put_text, put_translation, unit_root
from tests.versions_support import vwo
from vwo.errors import VwoError
from vwo.translation.read import parse_meta, parse_terms
from vwo.translation.source import read_standing
from vwo.translation.stamp import stamp
from vwo.translation.units import digest, normalise, units

EN = "vertalingen/en"


def test_normalisation_collapses_white_space_and_composes() -> None:
    assert normalise("  7.3 De  verwerker\n meldt\t\u00a0dit.\n") == "7.3 De verwerker meldt dit."
    assert normalise("Titel", "Tekst\n\nmeer") == "Titel Tekst meer"
    # "é" as one code point or as e + combining accent: the same text, the same hash.
    assert digest("beëindiging") == digest("bee\u0308indiging")
    expected = hashlib.sha256(b"De verwerker meldt dit.").hexdigest()[:16]
    assert digest("De verwerker\n  meldt dit.") == expected
    assert digest("De verwerker meldt dat.") != expected


def test_units_of_the_dutch_text(tmp_path: Path) -> None:
    root = unit_root(tmp_path / "repo")
    found = read_standing(root, EN).source
    keys = [unit.key for unit in units(found)]
    assert keys[:4] == ["aanhef", "definities", "definities-1", "definities-2"]
    assert "subverwerkers-3" in keys and "bijlage-beveiliging" in keys
    assert "toelichting" in keys and "toelichting-dpia" in keys and "toelichting-bijlage-contact" in keys
    clauses = sum(len(a.clauses) for a in found.articles)
    assert len(keys) == 1 + len(found.articles) + clauses + len(found.annexes) + 1 + len(found.explanations)
    assert len(set(keys)) == len(keys)


def test_stamp_records_every_unit_and_keeps_the_facts(tmp_path: Path) -> None:
    root = unit_root(tmp_path / "repo")
    meta = root / EN / "vertaling.yml"
    meta.write_text("# Vertaling van de werkversie.\n" + meta.read_text())
    report = stamp(root)
    text = meta.read_text()
    assert text.startswith("# Vertaling van de werkversie.\ntaal: en\nbron: concept\n")
    data = parse_meta(text, "x", folder_source="concept", language="en")
    dutch = read_standing(root, EN).source
    assert data.stamps == {unit.key: digest(unit.text) for unit in units(dutch)}
    clause = dutch.article("subverwerkers").clauses[2]  # type: ignore[union-attr]
    assert data.stamps["subverwerkers-3"] == digest(clause.text)
    assert len(report.stamped) == len(data.stamps)
    again = stamp(root)
    assert again.stamped == () and meta.read_text() == text


def test_one_changed_dutch_clause_is_exactly_one_pending_unit(tmp_path: Path) -> None:
    root = unit_root(tmp_path / "repo")
    stamp(root)
    assert read_standing(root, EN).pending == ()
    dutch = root / "docs/overeenkomst.md"
    dutch.write_text(dutch.read_text().replace("\n7.3 ", "\n7.3 Na  een bezwaar,\n", 1))
    # Re-wrapping another clause changes no unit.
    text = dutch.read_text()
    start = text.index("\n7.4 ") + len("\n7.4 ")
    dutch.write_text(text[:start] + text[start:].replace(" ", "\n", 3))
    pending = read_standing(root, EN).pending
    assert [p.key for p in pending] == ["subverwerkers-3"]
    assert pending[0].stamped is not None
    assert stamp(root, chosen=["subverwerkers-3"]).stamped == ("subverwerkers-3",)
    assert read_standing(root, EN).pending == ()


def test_stamp_refuses_unknown_units_untranslated_units_and_mistakes(tmp_path: Path) -> None:
    root = unit_root(tmp_path / "repo")
    before = (root / EN / "vertaling.yml").read_bytes()
    with pytest.raises(VwoError) as caught:
        stamp(root, chosen=["subverwerker-3"])
    assert (
        str(caught.value)
        == "subverwerker-3: is not a unit of the Dutch text\nhint: did you mean subverwerkers-3?"
    )
    dutch = root / "docs/overeenkomst.md"
    dutch.write_text(dutch.read_text().replace("\n## Artikel 2.", "\n1.5 Een nieuw lid.\n\n## Artikel 2."))
    with pytest.raises(VwoError) as caught:
        stamp(root, chosen=["definities-5"])
    assert "the translation does not match its source" in str(caught.value)
    assert "clause 1.5 (definities-5) is not translated yet, so it cannot be stamped" in str(caught.value)
    assert (root / EN / "vertaling.yml").read_bytes() == before
    english = root / EN / "overeenkomst.md"
    english.write_text(english.read_text().replace("{#doorgifte}", "{#transfers}"))
    with pytest.raises(VwoError) as caught:
        stamp(root, chosen=["definities-1"])
    assert "article 8 has the id 'transfers'" in str(caught.value)
    assert (root / EN / "vertaling.yml").read_bytes() == before


def test_stamp_drops_what_the_dutch_text_no_longer_has(tmp_path: Path) -> None:
    root = unit_root(tmp_path / "repo")
    stamp(root)
    for folder, marker in (("docs", "\n1.4 "), (EN, "\n1.4 ")):
        path = root / folder / "overeenkomst.md"
        text = path.read_text()
        end = text.index("\n## ", text.index(marker))
        path.write_text(text[: text.index(marker)] + "\n" + text[end:])
    standing = read_standing(root, EN)
    assert standing.stale == ("definities-4",)
    report = stamp(root, chosen=["aanhef"])
    assert report.dropped == ("definities-4",)
    assert "definities-4" not in (root / EN / "vertaling.yml").read_text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('taal: en\nbron: 2.7\nstatus: informatieve vertaling\ntitel: T\n', 'x.yml:2: bron: 2.7 is a number\nhint: write the version quoted: bron: "2.7"'),  # noqa: E501
        ("taal: en\nbron: concept\nstatus: vertaald\ntitel: T\n", "x.yml:3: status: 'vertaald' is not known\nhint: write status: informatieve vertaling"),  # noqa: E501
        ("taal: en\nbron: concept\nstatus: informatieve vertaling\ntitel: T\nbron: concept\n", "x.yml:5: duplicate key 'bron' (first at line 2)\nhint: give every key once"),  # noqa: E501
        ("taal: en\nbron: concept\nstatus: informatieve vertaling\ntitel: T\nversie: 1\n", "x.yml:5: unknown key 'versie'\nhint: allowed: taal, bron, status, titel, gepubliceerd_op, bronteksten"),  # noqa: E501
        ("taal: nl\nbron: concept\nstatus: informatieve vertaling\ntitel: T\n", "x.yml:1: taal: 'nl' but the folder is for 'en'\nhint: write taal: en"),  # noqa: E501
        ("taal: en\nbron: concept\nstatus: informatieve vertaling\ntitel: T\nbronteksten:\n  aanhef: abc\n", "x.yml:6: bronteksten: 'aanhef: abc' is not a unit with a 16-digit hash\nhint: the hashes are written by 'vwo translation stamp'; never type them"),  # noqa: E501
        ("taal: en\nbron: concept\nstatus: informatieve vertaling\ntitel: T\ngepubliceerd_op: 2026-07-01\n", "x.yml:5: gepubliceerd_op in the working translation\nhint: 'vwo translation publish' writes it into the published folder; remove it here"),  # noqa: E501
        ("taal: en\nbron: &a concept\nstatus: informatieve vertaling\ntitel: T\n", "x.yml:2: not valid YAML: anchors and aliases (& and *) are not allowed here\nhint: fix the syntax"),  # noqa: E501
    ],
)  # fmt: skip
def test_vertaling_yml_is_read_strictly(text: str, message: str) -> None:
    with pytest.raises(VwoError) as caught:
        parse_meta(text, "x.yml", folder_source="concept", language="en")
    assert str(caught.value) == message


def test_a_published_vertaling_yml_names_its_own_version() -> None:
    text = 'taal: en\nbron: "2.6"\nstatus: informatieve vertaling\ntitel: T\ngepubliceerd_op: 2026-07-01\n'
    with pytest.raises(VwoError) as caught:
        parse_meta(text, "x.yml", folder_source="2.7", language="en")
    assert str(caught.value) == (
        "x.yml:2: bron: '2.6', but this folder holds the translation of version 2.7\n"
        'hint: a published translation translates its own version: bron: "2.7"'
    )
    with pytest.raises(VwoError, match="gepubliceerd_op: missing"):
        parse_meta(
            text.replace("gepubliceerd_op: 2026-07-01\n", "").replace("2.6", "2.7"),
            "x.yml",
            folder_source="2.7",
            language="en",
        )


def test_termen_yml() -> None:
    terms = parse_terms((CONCEPT / "en/termen.yml").read_bytes(), "termen.yml", language="en")
    assert terms.groups["definities"]["verwerkingsverantwoordelijke"] == "controller"
    with pytest.raises(VwoError) as caught:
        parse_terms("taal: en\ndefinities:\n  verwerker: 7\n", "t.yml", language="en")
    assert (
        str(caught.value)
        == "t.yml:3: 'verwerker': expected one English term as text\nhint: write 'Dutch: English'"
    )


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A throwaway repository with the concept and its stamped working translation."""
    repo = GitRepo(tmp_path / "repo")
    copy_project(repo.path)
    put_text(CONCEPT / "nl", repo.path / "docs")
    put_translation(CONCEPT / "en", repo.path / EN)
    assert vwo(repo.path, "translation", "stamp").returncode == 0
    repo.commit("Werktekst met vertaling")
    return repo


def test_vwo_check_warns_about_pending_units_of_the_working_translation(repo: GitRepo) -> None:
    result = vwo(repo.path, "check")
    assert "translation pending" not in result.stderr
    text = repo.read("docs/overeenkomst.md").replace("\n9.2 ", "\n9.2 Gewijzigd: ", 1)
    repo.commit("Lid 9.2", files={"docs/overeenkomst.md": text})
    result = vwo(repo.path, "check")
    warnings = [line for line in result.stderr.splitlines() if ": translation pending: " in line]
    line = next(
        n for n, t in enumerate(repo.read(f"{EN}/overeenkomst.md").splitlines(), 1) if t.startswith("9.2 ")
    )
    dutch = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("9.2 "))
    assert warnings == [
        f"{EN}/overeenkomst.md:{line}: translation pending: clause 9.2 (rechten-betrokkenen-2) "
        "changed in the "
        f"Dutch text since it was translated (docs/overeenkomst.md:{dutch})"
    ]
    assert f"let op: {EN}: 1 of " in result.stderr
    assert "error: vertalingen" not in result.stderr
    # A mistake in the translation is an error, whatever else is pending.
    english = repo.read(f"{EN}/overeenkomst.md").replace("{#doorgifte}", "{#transfers}")
    repo.write(f"{EN}/overeenkomst.md", english)
    result = vwo(repo.path, "check")
    assert result.returncode == 1
    assert "error: vertalingen/en/overeenkomst.md:" in result.stderr and "'transfers'" in result.stderr


def test_vwo_check_without_translations_says_nothing_about_them(repo: GitRepo) -> None:
    repo.commit("Geen vertaling", files={f"{EN}/{name}": None for name in ("vertaling.yml",)})
    import shutil

    shutil.rmtree(repo.path / "vertalingen")
    result = vwo(repo.path, "check")
    assert "vertaling" not in result.stderr
