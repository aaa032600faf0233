"""Literal commit records (no git): a small history for the pure tests and golden files."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from vwo.history.records import CommitRecord, FileChange
from vwo.text.model import Agreement
from vwo.text.parse import parse_sources

CEST = timezone(timedelta(hours=2))
AGREEMENT = """\
# Standaard verwerkersovereenkomst gemeenten

## Artikel 1. Definities {#definities}

1.1 Begrippen.

## Artikel 2. Subverwerkers {#subverwerkers}

2.1 Geen subverwerker zonder toestemming.

## Artikel 3. Datalekken {#datalekken}

3.1 Melden binnen 24 uur.
"""
ANNEX = "# Bijlage 1. Specificatie {#bijlage-specificatie}\n\nIn te vullen.\n"


def agreement() -> Agreement:
    return parse_sources({"overeenkomst.md": AGREEMENT, "bijlagen/bijlage-1.md": ANNEX}, prefix="docs/")


def record(
    sha: str,
    subject: str,
    day: str,
    *,
    parents: tuple[str, ...] = (),
    trailers: Trailers | None = None,
    touched: tuple[str, ...] = (),
    paths: tuple[tuple[str, str], ...] = (),
    body: str = "",
) -> CommitRecord:
    text = tuple(FileChange("M", "docs/overeenkomst.md") for _ in touched[:1])
    when = datetime.fromisoformat(day + "T10:00:00").replace(tzinfo=CEST)
    return CommitRecord(
        sha=sha * 40 if len(sha) == 1 else sha.ljust(40, "0"),
        parents=tuple(p * 40 if len(p) == 1 else p.ljust(40, "0") for p in parents),
        author="VWO Test",
        date=when,
        committer_date=when,
        subject=subject,
        body=body,
        trailers=trailers or {},
        changes=text + tuple(FileChange(s, p) for s, p in paths),
        touched=frozenset(touched),
    )


Trailers = dict[str, tuple[str, ...]]
REJECTION_REASON = (
    "Een verbod op elke verwerking buiten de EER sluit clouddiensten uit die gemeenten al "
    "gebruiken.\n\nDe Beheergroep wacht eerst de richtlijnen van de EDPB af."
)
REJECTION_BODY = (
    "Een verbod op elke verwerking buiten de EER sluit clouddiensten uit\n"
    "die gemeenten al gebruiken.\n\n"
    "De Beheergroep wacht eerst de richtlijnen van de EDPB af.\n\n"
    "Voorstel: VWO-2018-002\nBesluit: verworpen\nBesloten-door: Beheergroep VWO\n"
    "Besloten-op: 2018-11-15\nIndiener: Leverancier B.V."
)


def decided(proposal: str, decision: str, day: str, by: str = "Beheergroep VWO") -> Trailers:
    return {
        "Voorstel": (proposal,),
        "Besluit": (decision,),
        "Besloten-door": (by,),
        "Besloten-op": (day,),
    }


def history() -> list[CommitRecord]:
    """Newest first, like ``git log``: one release (1.0), then work towards the next."""
    return [
        record(
            "9",
            "College stemt in met nieuw artikel datalekken",
            "2020-04-02",
            parents=("8",),
            trailers=decided("VWO-2020-001", "aangenomen", "2020-04-01", "College van Dienstverleningszaken"),
            body="Het College stemt in met het advies van de Beheergroep.\n\n"
            "Voorstel: VWO-2020-001\nBesluit: aangenomen\n"
            "Besloten-door: College van Dienstverleningszaken\nBesloten-op: 2020-04-01",
        ),
        record(
            "8",
            "Nieuw artikel over datalekken (#21)",
            "2020-02-21",
            parents=("7",),
            touched=("datalekken",),
            trailers={
                "Voorstel": ("VWO-2020-001",),
                "Soort": ("ingrijpend",),
                "Indiener": ("Gemeente Súdwest-Fryslân", "Gemeente Utrecht"),
                **decided("VWO-2020-001", "aangenomen", "2020-02-20"),
            },
        ),
        record(
            "7",
            "Besluit: auditrecht aangehouden",
            "2020-02-20",
            parents=("6",),
            trailers={
                **decided("VWO-2020-002", "aangehouden", "2020-02-20"),
                "Indiener": ("Gemeente Zwolle",),
            },
            body="Eerst de evaluatie van de TPM-verklaringen afwachten.\n\nVoorstel: VWO-2020-002",
        ),
        record(
            "6",
            "Tikfout in artikel 1 en bijlage 1",
            "2019-09-10",
            parents=("5",),
            touched=("definities", "bijlage-specificatie"),
            trailers={
                "Voorstel": ("VWO-2019-007",),
                "Soort": ("redactioneel",),
                "Indiener": ("Beheergroep",),
            },
        ),
        record(
            "5",
            "Besluit: tikfouten herstellen",
            "2019-09-05",
            parents=("4",),
            trailers={**decided("VWO-2019-007", "aangenomen", "2019-09-05"), "Soort": ("redactioneel",)},
        ),
        record(
            "4",
            "Versie 1.0 vastgesteld",
            "2018-12-06",
            parents=("3",),
            trailers={"Versie": ("1.0",), "Status": ("vastgesteld",)},
            paths=(("A", "versions/1.0/version.yml"), ("A", "versions/1.0/overeenkomst.md")),
        ),
        record(
            "3",
            "Subverwerkers: toestemming vooraf",
            "2018-11-20",
            parents=("2",),
            touched=("subverwerkers",),
            trailers={
                "Voorstel": ("VWO-2018-001",),
                "Soort": ("inhoudelijk",),
                "Indiener": ("Gemeente Amsterdam",),
                **decided("VWO-2018-001", "aangenomen", "2018-11-15"),
            },
        ),
        record(
            "2",
            "Besluit: verwerking buiten de EER verbieden",
            "2018-11-16",
            parents=("1",),
            trailers={
                **decided("VWO-2018-002", "verworpen", "2018-11-15"),
                "Indiener": ("Leverancier B.V.",),
            },
            body=REJECTION_BODY,
        ),
        record("1", "Eerste tekst", "2018-10-01", touched=("", "definities", "subverwerkers")),
    ]
