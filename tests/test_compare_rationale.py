"""Why an article changed: the compare pages' rationale, from a real throwaway history."""

from __future__ import annotations

from tests.gitrepo import GitRepo
from tests.test_parse import AGREEMENT, EXPLANATION
from vwo.compare.page import RationaleItem
from vwo.compare.rationale import rationale, versions_between
from vwo.history.model import HistoryModel
from vwo.history.read import read_history

DECIDED = {"Besluit": "aangenomen", "Besloten-door": "Toetsgroep", "Besloten-op": "2018-11-12"}


def test_versions_between() -> None:
    published = ["1.0", "1.2", "1.11"]
    assert versions_between("1.0", "1.11", published) == ["1.2", "1.11"]
    assert versions_between("1.2", "concept", published) == ["1.11", "concept"]
    assert versions_between("1.11", "concept", published) == ["concept"]


def test_rationale_names_the_proposals_per_article_and_version_range(repo: GitRepo) -> None:
    text = {"docs/overeenkomst.md": AGREEMENT, "docs/toelichting.md": EXPLANATION}
    repo.commit("Eerste tekst", files=text, trailers={"Voorstel": "VWO-2018-001", "Soort": "inhoudelijk"})
    repo.commit(
        "Versie 1.0", files={"versions/1.0/version.yml": "versie: '1.0'\n"}, trailers={"Versie": "1.0"}
    )
    repo.commit(
        "Toestemming wordt schriftelijk",
        files={
            "docs/overeenkomst.md": AGREEMENT.replace(
                "zonder toestemming", "zonder schriftelijke toestemming"
            )
        },
        trailers={"Voorstel": "VWO-2018-002", "Soort": "inhoudelijk", **DECIDED},
    )
    repo.commit("Verworpen voorstel", allow_empty=True, trailers={"Voorstel": "VWO-2018-003", **DECIDED,
                                                                   "Besluit": "verworpen"})  # fmt: skip
    model = HistoryModel(read_history(repo.path).commits)

    why = rationale(model, "concept", ["1.0"], ["1.0"], decisions_url="../../besluiten/")

    assert why == {
        "1.0": {
            "subverwerkers": [
                RationaleItem(
                    proposal="VWO-2018-002",
                    title="Toestemming wordt schriftelijk",
                    decision="aangenomen",
                    meeting="Toetsgroep, 12 november 2018",
                    url="../../besluiten/VWO-2018-002/",
                )
            ]
        }
    }
    # Nothing changed between 1.0 and itself; an empty history gives no reasons.
    assert rationale(HistoryModel(()), "concept", ["1.0"], ["1.0"], decisions_url="x") == {"1.0": {}}


def test_rationale_carries_the_reason_and_counts_the_toelichting_for_its_article(repo: GitRepo) -> None:
    text = {"docs/overeenkomst.md": AGREEMENT, "docs/toelichting.md": EXPLANATION}
    repo.commit("Eerste tekst", files=text)
    version = {"versions/1.0/version.yml": "versie: '1.0'\n"}
    repo.commit("Versie 1.0", files=version, trailers={"Versie": "1.0"})
    changed = EXPLANATION.replace("Over subverwerkers.", "Over subverwerkers en hun toestemming.")
    assert changed != EXPLANATION
    repo.commit(
        "Toelichting bij subverwerkers verduidelijkt\n\nDe vraag kwam van drie gemeenten.",
        files={"docs/toelichting.md": changed},
        trailers={"Voorstel": "VWO-2018-004", "Soort": "redactioneel", **DECIDED},
    )
    model = HistoryModel(read_history(repo.path).commits)

    why = rationale(model, "concept", ["1.0"], ["1.0"], decisions_url="../../besluiten/")

    # The change is to the toelichting of article "subverwerkers": the comparison shows it
    # with that article, so its reason is listed there (not under a "toelichting-" id).
    assert list(why["1.0"]) == ["subverwerkers"]
    (item,) = why["1.0"]["subverwerkers"]
    assert item.reason == "De vraag kwam van drie gemeenten."
    assert item.url == "../../besluiten/VWO-2018-004/"
