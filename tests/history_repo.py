"""A realistic agreement history in a throwaway repository, for the history tests.

Two published versions (1.0 imported, 1.1 adopted with trailers), then work in
progress: a merged pull request, a squash merge touching two articles, empty decision
commits (rejected, postponed), a change and its revert, non-ASCII names, a multi-line
trailer value, and a far-reaching proposal the College has not yet decided on.
"""

from __future__ import annotations

from tests.gitrepo import GitRepo

HEAD = "# Standaard verwerkersovereenkomst gemeenten\n\nPartijen: de gemeente en de verwerker.\n\n"
DEFINITIES = "## Artikel 1. Definities {#definities}\n\n1.1 Betrokkene: de persoon om wie het gaat.\n\n"
SUB_V1 = "## Artikel 2. Subverwerkers {#subverwerkers}\n\n2.1 Geen subverwerker zonder toestemming.\n\n"
SUB_V2 = (
    "## Artikel 2. Subverwerkers {#subverwerkers}\n\n2.1 Geen subverwerker zonder toestemming.\n\n"
    "2.2 De verwerker meldt een nieuwe subverwerker vier weken vooraf.\n\n"
)
BEV_V1 = "## Artikel 3. Beveiliging {#beveiliging}\n\n3.1 De verwerker beveiligt passend.\n"
BEV_V2 = "## Artikel 3. Beveiliging {#beveiliging}\n\n3.1 De verwerker beveiligt passend en aantoonbaar.\n"
DEF_V2 = (
    "## Artikel 1. Definities {#definities}\n\n1.1 Betrokkene: de natuurlijke persoon om wie het gaat.\n\n"
)
LEK = "## Artikel 4. Datalekken {#datalekken}\n\n4.1 De verwerker meldt een datalek binnen 24 uur.\n"
TOELICHTING = "# Toelichting\n\nAlgemeen.\n\n## Artikel 1. Definities {#definities}\n\nUitleg.\n"
BIJLAGE = "# Bijlage 1. Specificatie {#bijlage-specificatie}\n\nIn te vullen.\n"


REJECTION_REASON = "De huidige termijn in artikel 3 volstaat voor de controle door de gemeente."


def agreement(*articles: str) -> str:
    return HEAD + "".join(articles)


def text_files(*articles: str) -> dict[str, str]:
    return {
        "docs/overeenkomst.md": agreement(*articles),
        "docs/toelichting.md": TOELICHTING,
        "docs/bijlagen/bijlage-1.md": BIJLAGE,
    }


def version_files(version: str, status: str, day: str, articles: tuple[str, ...]) -> dict[str, str]:
    files = {f"versions/{version}/{k.removeprefix('docs/')}": v for k, v in text_files(*articles).items()}
    files[f"versions/{version}/version.yml"] = (
        f'versie: "{version}"\nstatus: {status}\ngepubliceerd_op: {day}\n'
        "vastgesteld_door: College van Dienstverleningszaken\n"
        f"samenvatting: Versie {version} van de standaard.\n"
    )
    return files


def decision(
    proposal: str, besluit: str, day: str, *, body: str = "Beheergroep VWO"
) -> list[tuple[str, str]]:
    return [("Voorstel", proposal), ("Besluit", besluit), ("Besloten-door", body), ("Besloten-op", day)]


def build_history(repo: GitRepo) -> dict[str, str]:
    """Commit the history; returns the sha of each step by name."""
    v10 = (DEFINITIES, SUB_V1, BEV_V1)
    sha: dict[str, str] = {}
    sha["import"] = repo.commit("Tekst versie 1.0 overgenomen", files=text_files(*v10))
    sha["adopt-1.0"] = repo.commit(
        "Versie 1.0 vastgesteld",
        files=version_files("1.0", "vastgesteld", "2018-12-06", v10),
        trailers=[("Versie", "1.0"), ("Status", "vastgesteld")],
    )
    # A pull request with a real merge commit.
    sha["decision-001"] = repo.commit(
        "Besluit: melding nieuwe subverwerker",
        allow_empty=True,
        trailers=[*decision("VWO-2019-001", "aangenomen", "2019-03-14"), ("Soort", "inhoudelijk")],
    )
    repo.git("checkout", "-q", "-b", "voorstel-001")
    sha["pr12-commit"] = repo.commit(
        "Artikel 2: nieuwe subverwerker vooraf melden",
        files={"docs/overeenkomst.md": agreement(DEFINITIES, SUB_V2, BEV_V1)},
        trailers=[
            ("Voorstel", "VWO-2019-001"),
            ("Soort", "inhoudelijk"),
            ("Indiener", "Gemeente Súdwest-Fryslân"),
            ("Indiener", "Vereniging van\n  ICT-leveranciers"),
        ],
    )
    repo.git("checkout", "-q", "main")
    repo.git(
        "merge", "--no-ff", "-q", "voorstel-001", "-m", "Merge pull request #12 from gemeente/voorstel-001"
    )
    sha["pr12-merge"] = repo.head()
    # A squash-merged pull request that touches two articles and carries its decision.
    sha["squash-13"] = repo.commit(
        "Definities en beveiliging verduidelijkt (#13)",
        files={"docs/overeenkomst.md": agreement(DEF_V2, SUB_V2, BEV_V2)},
        trailers=[
            ("Voorstel", "VWO-2019-002"),
            ("Soort", "redactioneel"),
            ("Indiener", "Beheergroep"),
            *decision("VWO-2019-002", "aangenomen", "2019-03-14")[1:],
        ],
    )
    sha["rejected"] = repo.commit(
        "Besluit: bewaartermijn logbestanden\n\n" + REJECTION_REASON,
        allow_empty=True,
        trailers=[*decision("VWO-2019-003", "verworpen", "2019-05-02"), ("Indiener", "Gemeente Utrecht")],
    )
    sha["postponed"] = repo.commit(
        "Besluit: auditrecht",
        allow_empty=True,
        trailers=[*decision("VWO-2019-004", "aangehouden", "2019-05-02"), ("Indiener", "Gemeente Zwolle")],
    )
    sha["reverted"] = repo.commit(
        "Artikel 3: tikfout",
        files={"docs/overeenkomst.md": agreement(DEF_V2, SUB_V2, BEV_V1)},
        trailers=[("Voorstel", "VWO-2019-005"), ("Soort", "redactioneel")],
    )
    repo.git("revert", "--no-edit", "HEAD")
    sha["revert"] = repo.head()
    v11 = (DEF_V2, SUB_V2, BEV_V2)
    sha["adopt-1.1"] = repo.commit(
        "Versie 1.1 vastgesteld",
        files=version_files("1.1", "vastgesteld", "2019-06-01", v11),
        trailers=[("Versie", "1.1"), ("Status", "vastgesteld")],
    )
    # Work in progress: a far-reaching change, adopted by the Beheergroep only.
    sha["ingrijpend"] = repo.commit(
        "Nieuw artikel over datalekken",
        files={"docs/overeenkomst.md": agreement(DEF_V2, SUB_V2, BEV_V2, LEK)},
        trailers=[
            ("Voorstel", "VWO-2020-001"),
            ("Soort", "ingrijpend"),
            ("Indiener", "Gemeente 's-Hertogenbosch"),
            *decision("VWO-2020-001", "aangenomen", "2020-02-20")[1:],
        ],
    )
    return sha
