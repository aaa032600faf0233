"""A correction in ``data/correcties.yml`` (FORMATS.md §2) shows on the proposal's own page
and on the decision log: the corrected value is the one shown, with a visible
"Gecorrigeerd" note (old value, new value, who, when, why). A real throwaway repository,
read the way a build reads it (``build_site_history``)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.gitrepo import GitRepo
from tests.soup import tag
from tests.test_history_model import LINKS
from vwo.history.log_pages import decisions_page, page_title, proposal_page
from vwo.history.site import build_site_history

TEXT = (
    "# Verwerkersovereenkomst\n\n## Artikel 1. Definities {#definities}\n\n1.1 Begrippen.\n\n"
    "## Artikel 2. Bewaartermijn {#bewaartermijn}\n\n2.1 Zes maanden.\n"
)
REASON = "De vergadering was op 4 april, niet op 14 april: zie het verslag."


def corrected_history(repo: GitRepo) -> str:
    repo.commit("Eerste tekst", files={"docs/overeenkomst.md": TEXT})
    wrong = repo.commit(
        "Langere bewaartermijn\n\nDe gemeente moet langer kunnen controleren.",
        files={"docs/overeenkomst.md": TEXT.replace("Zes maanden", "Twaalf maanden")},
        trailers=[("Voorstel", "VWO-2019-008"), ("Soort", "inhoudelijk"), ("Besluit", "aangenomen"),
                  ("Besloten-door", "Beheergroep VWO"), ("Besloten-op", "2019-04-14"),
                  ("Indiener", "Gemeente Zwolle")],
    )  # fmt: skip
    repo.commit(
        "Correctie van de datum van een besluit",
        files={
            "data/correcties.yml": (
                f"- commit: {wrong}\n  trailers:\n    Besloten-op: 2019-04-04\n"
                f"  door: Beheergroep VWO\n  op: 2020-01-09\n  reden: >-\n    {REASON}\n"
            )
        },
    )
    return wrong


def test_a_corrected_decision_shows_as_corrected_on_its_proposal_page_and_the_log(repo: GitRepo) -> None:
    wrong = corrected_history(repo)
    site = build_site_history(repo.path, repo.path / "docs", "concept", (), site_url="", repo_url="")
    proposal = site.proposals["VWO-2019-008"]
    page = BeautifulSoup(proposal_page(proposal, LINKS, parts=site.parts), "lxml")
    step = tag(page.select_one("li.vwo-verloop__besluit"))
    # The corrected date is the date shown; the old one only in the note.
    assert tag(step.time).get("datetime") == "2019-04-04"
    assert tag(step.p).get_text() == "4 april 2019, Beheergroep VWO: aangenomen"
    note = tag(step.select_one(".vwo-gecorrigeerd li")).get_text(" ", strip=True)
    assert note == (
        "Besloten-op : 2019-04-14 wordt 2019-04-04 . Gecorrigeerd door Beheergroep VWO op "
        f"9 januari 2020. Reden: {REASON}"
    )
    # The commit is both the decision and the text change: its correction is shown once.
    assert len(page.select(".vwo-gecorrigeerd")) == 1
    intro = {dt.get_text(): tag(dt.find_next_sibling("dd")).get_text(" ", strip=True) for dt in page("dt")}
    assert intro["Gecorrigeerd"].startswith("1 gegeven(s) van dit voorstel is later gecorrigeerd")
    assert intro["Uitkomst"] == "aangenomen door Beheergroep VWO op 4 april 2019"

    log = BeautifulSoup(decisions_page(site.decisions, LINKS, parts=site.parts), "lxml")
    entry = tag(log.select_one("article#vwo-2019-008-beheergroep-vwo-2019-04-04"))
    assert "14 april" not in entry.get_text(" ", strip=True).split("Gecorrigeerd")[0]
    assert REASON in tag(entry.select_one("ul.vwo-correcties")).get_text(" ", strip=True)
    assert wrong  # the corrected commit itself is never rewritten
    assert (
        repo.git("log", "-1", "--format=%(trailers:key=Besloten-op,valueonly)", wrong).strip() == "2019-04-14"
    )


def test_the_page_title_never_carries_markup_characters(repo: GitRepo) -> None:
    """The theme writes the page title into ``<title>`` after ``striptags``, which turns
    ``&lt;/title&gt;`` back into ``</title>``: a subject with such characters must not
    reach it, the validated id does."""
    corrected_history(repo)
    repo.commit("</title><script>alert(1)</script> & meer", allow_empty=True,
                trailers=[("Voorstel", "VWO-2019-009"), ("Besluit", "verworpen"),
                          ("Besloten-door", "Beheergroep VWO"), ("Besloten-op", "2019-05-01")])  # fmt: skip
    site = build_site_history(repo.path, repo.path / "docs", "concept", (), site_url="", repo_url="")
    assert page_title(site.proposals["VWO-2019-008"]) == "VWO-2019-008: Langere bewaartermijn"
    assert page_title(site.proposals["VWO-2019-009"]) == "Voorstel VWO-2019-009"
    markdown = proposal_page(site.proposals["VWO-2019-009"], LINKS, parts=site.parts)
    assert markdown.startswith("# VWO-2019-009: ") and "</title>" not in markdown
