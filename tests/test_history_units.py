"""Small pure pieces of the history pipeline: which parts a text change touched, trailer
validation; and the reader against hostile separators. (Escaping: tests/test_escape.py.)"""

from __future__ import annotations

import pytest

from tests.gitrepo import GitRepo
from tests.history_repo import build_history
from vwo.history.read import read_history, read_range
from vwo.history.touched import GENERAL, diff_parts, parts_of, quick_touched
from vwo.history.trailers import trailer_problems

HEAD = "# Titel\n\n"
A1 = "## Artikel 1. Definities {#definities}\n\n1.1 Tekst een.\n\n"
A2 = "## Artikel 2. Subverwerkers {#subverwerkers}\n\n2.1 Tekst twee.\n"
NEW = "## Artikel 1. Nieuw {#nieuw}\n\n1.1 Nieuw artikel.\n\n"
BAD_ID = "{#<img/src=x/onerror=alert(1)>}"


def touched_ids(path: str, old: str | None, new: str | None) -> set[str]:
    """What the full comparison says changed between two texts (None: file absent)."""
    return diff_parts(parts_of(path, old), parts_of(path, new))


def renumbered(text: str) -> str:
    return text.replace("Artikel 1.", "Artikel 2.").replace("1.1 ", "2.1 ")


def test_touched_by_content_not_by_line() -> None:
    old = HEAD + A1 + A2
    assert touched_ids("overeenkomst.md", old, old.replace("Tekst twee", "Tekst 2")) == {"subverwerkers"}
    # A heading edit is a change to that article (the hunk starts on the heading line).
    assert touched_ids("overeenkomst.md", old, old.replace("Definities {", "Begrippen {")) == {"definities"}
    # Inserting an article renumbers the others: only the new one changed.
    inserted = HEAD + NEW + renumbered(A1) + A2.replace("Artikel 2.", "Artikel 3.").replace("2.1 ", "3.1 ")
    assert touched_ids("overeenkomst.md", old, inserted) == {"nieuw"}
    assert touched_ids("overeenkomst.md", old, "# Andere titel\n\n" + A1 + A2) == {GENERAL}
    assert touched_ids("overeenkomst.md", None, old) == {GENERAL, "definities", "subverwerkers"}
    assert touched_ids("overeenkomst.md", old, "geen artikelen") == {GENERAL}


def test_touched_in_toelichting_and_annex() -> None:
    old = "# Toelichting\n\nIntro.\n\n## Artikel 1. Definities {#definities}\n\nUitleg.\n"
    assert touched_ids("toelichting.md", old, old.replace("Uitleg", "Meer uitleg")) == {"definities"}
    annex = "# Bijlage 1. Specificatie {#bijlage-specificatie}\n\nIn te vullen.\n"
    assert touched_ids("bijlagen/b.md", annex, annex + "\nMeer.\n") == {"bijlage-specificatie"}


def test_trailer_values_are_checked() -> None:
    problems = trailer_problems(
        {"Voorstel": ("VWO-2019-03",), "Besluit": ("goed",), "Besloten-door": ("De Beheergroep",),
         "Besloten-op": ("14-03-2019",), "Artikel": ("Artikel 7",), "Soort": ("klein",)}
    )  # fmt: skip
    assert [p.what.split(":")[0] for p in problems] == [
        "Voorstel", "Besluit", "Besloten-door", "Besloten-op", "Artikel", "Soort",
    ]  # fmt: skip
    assert problems[0].fix == "Voorstel: VWO-2019-003" and problems[0].replace
    valid = {"Voorstel": ("VWO-2019-003",), "Besluit": ("aangenomen",), "Besloten-door": ("Beheergroep VWO",),
             "Besloten-op": ("2019-03-14",), "Soort": ("ingrijpend",)}  # fmt: skip
    assert trailer_problems(valid) == []


def test_reader_is_not_fooled_by_separator_characters(repo: GitRepo) -> None:
    hostile = "Onderwerp \x1e met \x1f scheidingstekens \x1d"
    repo.commit(
        hostile + "\n\nTekst \x1e\x1f in de body.",
        files={"docs/a.txt": "x\n"},
        trailers=[("Indiener", "Gemeente \x1f Súdwest-Fryslân"), ("Voorstel", "VWO-2019-001")],
    )
    (commit,) = read_history(repo.path).commits
    # Not shifted, and the separators themselves are neutralised (vwo.git.neutral).
    assert commit.subject == "Onderwerp \ufffd met \ufffd scheidingstekens \ufffd"
    assert commit.body.startswith("Tekst \ufffd\ufffd in de body.")
    assert commit.values("Indiener") == ("Gemeente \ufffd Súdwest-Fryslân",)
    assert commit.value("Voorstel") == "VWO-2019-001"
    assert [c.path for c in commit.changes] == ["docs/a.txt"]


def test_reader_lists_every_commit_but_only_the_history_paths(repo: GitRepo) -> None:
    """The build's log diffs only docs/ and versions/, yet lists every commit with its
    real parents, merges and commits that change other files included."""
    sha = build_history(repo)
    repo.commit("Code", files={"hooks/x.py": "x = 1\n", "docs/overeenkomst.md": "# Titel\n"})
    plain = [line.strip() for line in repo.git("log", "--format=%H %P").splitlines()]
    history = read_history(repo.path).commits
    assert [" ".join((c.sha, *c.parents)) for c in history] == plain
    assert any(c.sha == sha["pr12-merge"] and c.is_merge for c in history)
    assert [c.path for c in history[0].changes] == ["docs/overeenkomst.md"]
    (full,) = read_range(repo.path, "HEAD~1..HEAD")
    assert [c.path for c in full.changes] == ["docs/overeenkomst.md", "hooks/x.py"]
    assert [c.touched for c in history if c.changes_text] == [
        c.touched for c in read_range(repo.path, "HEAD") if c.changes_text
    ]


def test_reader_caches_by_head(repo: GitRepo) -> None:
    repo.commit("Een", files={"a.txt": "1\n"})
    first = read_history(repo.path)
    assert read_history(repo.path) is first
    repo.commit("Twee", files={"a.txt": "2\n"})
    second = read_history(repo.path)
    assert second is not first and [c.subject for c in second.commits] == ["Twee", "Een"]


QUICK_CASES = [
    (HEAD + A1 + A2, HEAD + A1 + A2.replace("twee", "2")),
    (HEAD + A1 + A2, HEAD + A1.replace("een", "1") + A2.replace("twee", "2")),
    (HEAD + A1 + A2, HEAD + "Aanhef.\n\n" + A1 + A2),
    (HEAD + A1 + A2, HEAD + A1 + A2 + "\n2.2 Nieuw lid.\n"),
    (HEAD + A1 + A2, HEAD + A1 + A2 + "\n\n\n"),
    (HEAD + A1 + A2, HEAD + NEW + renumbered(A1) + A2),
    (HEAD + A1 + A2, HEAD + A1.replace("Definities {", "Begrippen {") + A2),
    (HEAD + A1 + A2, HEAD + A1 + "```\n## Artikel 9. Code {#code}\n```\n" + A2),
    ("---\ntitle: x\n---\n" + HEAD + A1 + A2, "---\ntitle: y\n---\n" + HEAD + A1 + A2),
    (HEAD + A1 + A2, HEAD + A1 + A2 + "#geen kop\n"),
    (HEAD + A1 + A2, HEAD.replace("Titel", "Andere titel") + A1 + A2),
    # Historical text the parser refuses: the shortcut must decline, never pass an id on.
    (
        HEAD + A1 + A2.replace("{#subverwerkers}", BAD_ID),
        HEAD + A1 + A2.replace("{#subverwerkers}", BAD_ID) + "x",
    ),
    (HEAD + A1 + A2.replace("twee", "<b>twee</b>"), HEAD + A1 + A2.replace("twee", "<b>2</b>")),
    (HEAD + A1 + A2.replace("twee", "\x1b[2J twee"), HEAD + A1 + A2.replace("twee", "\x1b[2J 2")),
    (
        HEAD + A1 + A2.replace("{#subverwerkers}", "{#Sub}"),
        HEAD + A1 + A2.replace("{#subverwerkers}", "{#Sub}") + "x",
    ),
]


@pytest.mark.parametrize(("old", "new"), QUICK_CASES)
def test_quick_path_agrees_with_the_parser(old: str, new: str) -> None:
    """The shortcut either declines (None) or gives exactly the parser's answer."""
    quick = quick_touched("overeenkomst.md", old, new)
    full = diff_parts(parts_of("overeenkomst.md", old), parts_of("overeenkomst.md", new))
    assert quick is None or quick == full


def test_quick_path_takes_the_common_edit() -> None:
    old = HEAD + A1 + A2
    assert quick_touched("overeenkomst.md", old, old.replace("twee", "2")) == {"subverwerkers"}
    annex = "# Bijlage 1. Specificatie {#bijlage-specificatie}\n\nIn te vullen.\n"
    assert quick_touched("bijlagen/b.md", annex, annex + "Meer.\n") == {"bijlage-specificatie"}
    toelichting = "# Toelichting\n\nIntro.\n\n## Artikel 1. Definities {#definities}\n\n### Doel\n\nUitleg.\n"
    assert quick_touched("toelichting.md", toelichting, toelichting + "Meer.\n") == {"definities"}
    assert quick_touched("toelichting.md", toelichting, toelichting.replace("Intro", "In")) == {GENERAL}


def test_an_invalid_id_in_historical_text_never_becomes_a_part() -> None:
    """Review 6.1: an intermediate commit with an id that is live HTML. Neither the shortcut
    nor the full comparison hands that id on; the change counts as outside the articles."""
    old = HEAD + A1 + A2.replace("{#subverwerkers}", BAD_ID)
    new = old.replace("Tekst twee", "Tekst 2")
    assert quick_touched("overeenkomst.md", old, new) is None
    assert touched_ids("overeenkomst.md", old, new) == {GENERAL}
    annex = "# Bijlage 1. Specificatie " + BAD_ID + "\n\nIn te vullen.\n"
    assert quick_touched("bijlagen/b.md", annex, annex + "Meer.\n") is None
    assert touched_ids("bijlagen/b.md", annex, annex + "Meer.\n") == {GENERAL}


def test_reader_on_a_repository_without_commits(repo: GitRepo) -> None:
    history = read_history(repo.path)
    assert (history.head, history.commits) == (None, ())
