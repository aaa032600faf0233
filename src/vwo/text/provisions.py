"""The closed list of legal provisions an article or clause may record in ``dekking.yml``.

Plain data: one ``Provision`` per code of FORMATS.md §4 (plus ``BIO``, see below), in the
order the AVG-toets page lists the rest, and ``REQUIRED``: what every version's AVG-toets
must cover or mark as deliberately not covered, in the page's order.

Codes are never removed or renamed: frozen versions carry them in their ``dekking.yml``
for ever. Extending ``REQUIRED`` makes older frozen files fail ``vwo check``; give such a
provision a version from which it is required first.

Links are ordinary links the reader follows (never fetched at build time). EUR-Lex gives
the articles of the AVG stable ids (``#art_28``) in its HTML text; its generated ids
(``#d1e3338-1-1``) differ per language and edition and are not used. Dutch law links
through the stable JCI form of wetten.overheid.nl (``jci1.3:c:BWB…&artikel=N``).
Frameworks without a stable public address (BIO, BIO2, ENSIA) and acts not yet in the
Staatsblad (Cbw) have no link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AVG_URL = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679"
WETTEN = "https://wetten.overheid.nl/"


@dataclass(frozen=True)
class Provision:
    code: str  # as written in dekking.yml: "28(3)(a)", "46 UAVG", "Archiefwet"
    citation: str  # how Dutch legal text cites it: "art. 28 lid 3 onder a AVG"
    label: str  # what it is about, in Dutch
    source: str  # the act or framework: AVG, UAVG, Archiefwet, ...
    url: str | None = None

    @property
    def slug(self) -> str:
        """The row's anchor on the AVG-toets page: ``bepaling-28-3-a``, ``bepaling-bw-6-253``."""
        return "bepaling-" + re.sub(r"[^a-z0-9]+", "-", self.code.lower()).strip("-")


def _avg(code: str, citation: str, label: str) -> Provision:
    article = re.match(r"\d+", code)
    assert article is not None, code
    return Provision(code, citation, label, "AVG", f"{AVG_URL}#art_{article.group(0)}")


def _jci(bwb: str, article: str) -> str:
    return f"{WETTEN}jci1.3:c:{bwb}&artikel={article}"


_RIGHTS = {
    "12": "Transparante informatie en nadere regels voor de uitoefening van de rechten van de betrokkene",
    "13": "Informatie bij het verzamelen van persoonsgegevens bij de betrokkene",
    "14": "Informatie als de persoonsgegevens niet van de betrokkene zijn verkregen",
    "15": "Recht van inzage",
    "16": "Recht op rectificatie",
    "17": "Recht op gegevenswissing",
    "18": "Recht op beperking van de verwerking",
    "19": "Kennisgeving van rectificatie, wissing of beperking aan ontvangers",
    "20": "Recht op overdraagbaarheid van gegevens",
    "21": "Recht van bezwaar",
    "22": "Geautomatiseerde individuele besluitvorming, waaronder profilering",
}

PROVISIONS: tuple[Provision, ...] = (
    _avg("4", "art. 4 AVG", "Definities"),
    _avg("5", "art. 5 AVG", "Beginselen inzake verwerking van persoonsgegevens"),
    _avg("9", "art. 9 AVG", "Verwerking van bijzondere categorieën van persoonsgegevens"),
    *(_avg(code, f"art. {code} AVG", label) for code, label in _RIGHTS.items()),
    _avg("24", "art. 24 AVG", "Verantwoordelijkheid van de verwerkingsverantwoordelijke"),
    _avg("26", "art. 26 AVG", "Gezamenlijke verwerkingsverantwoordelijken"),
    _avg("28(1)", "art. 28 lid 1 AVG", "Alleen verwerkers die afdoende garanties bieden"),
    _avg(
        "28(2)",
        "art. 28 lid 2 AVG",
        "Geen andere verwerker zonder voorafgaande schriftelijke toestemming; "
        "informeren over beoogde veranderingen, met gelegenheid tot bezwaar",
    ),
    _avg(
        "28(3)",
        "art. 28 lid 3 AVG",
        "Overeenkomst met onderwerp, duur, aard en doel van de verwerking, soort persoonsgegevens, "
        "categorieën van betrokkenen en de rechten en verplichtingen van de verwerkingsverantwoordelijke",
    ),
    _avg(
        "28(3)(a)",
        "art. 28 lid 3 onder a AVG",
        "Verwerking alleen op grond van schriftelijke instructies, ook bij doorgifte, "
        "tenzij het Unierecht of het lidstatelijke recht de verwerking voorschrijft",
    ),
    _avg("28(3)(b)", "art. 28 lid 3 onder b AVG", "Geheimhoudingsplicht van de gemachtigde personen"),
    _avg("28(3)(c)", "art. 28 lid 3 onder c AVG", "Alle maatregelen die artikel 32 vereist (beveiliging)"),
    _avg(
        "28(3)(d)",
        "art. 28 lid 3 onder d AVG",
        "Voorwaarden voor het inschakelen van een andere verwerker (leden 2 en 4)",
    ),
    _avg(
        "28(3)(e)", "art. 28 lid 3 onder e AVG", "Bijstand bij het beantwoorden van verzoeken van betrokkenen"
    ),
    _avg(
        "28(3)(f)",
        "art. 28 lid 3 onder f AVG",
        "Bijstand bij beveiliging, meldingen van inbreuken, DPIA en voorafgaande raadpleging "
        "(artikelen 32 tot en met 36)",
    ),
    _avg(
        "28(3)(g)",
        "art. 28 lid 3 onder g AVG",
        "Wissen of terugbezorgen van de persoonsgegevens na afloop van de dienstverlening",
    ),
    _avg(
        "28(3)(h)",
        "art. 28 lid 3 onder h AVG",
        "Informatie ter beschikking stellen en audits, waaronder inspecties, mogelijk maken",
    ),
    _avg(
        "28(3) tweede alinea",
        "art. 28 lid 3, tweede alinea, AVG",
        "Onmiddellijk melden als een instructie naar het oordeel van de verwerker inbreuk maakt op de AVG",
    ),
    _avg(
        "28(4)",
        "art. 28 lid 4 AVG",
        "Dezelfde verplichtingen voor een andere verwerker; de verwerker blijft volledig aansprakelijk",
    ),
    _avg("28(9)", "art. 28 lid 9 AVG", "Overeenkomst schriftelijk, ook in elektronische vorm"),
    _avg(
        "28(10)",
        "art. 28 lid 10 AVG",
        "Een verwerker die zelf doel en middelen bepaalt, is verwerkingsverantwoordelijke",
    ),
    _avg("29", "art. 29 AVG", "Verwerking onder gezag van de verwerkingsverantwoordelijke of de verwerker"),
    _avg("30(2)", "art. 30 lid 2 AVG", "Register van verwerkingsactiviteiten van de verwerker"),
    _avg("31", "art. 31 AVG", "Medewerking met de toezichthoudende autoriteit"),
    _avg("32", "art. 32 AVG", "Beveiliging van de verwerking"),
    _avg(
        "33", "art. 33 AVG", "Melding van een inbreuk in verband met persoonsgegevens aan de toezichthouder"
    ),
    _avg(
        "33(2)",
        "art. 33 lid 2 AVG",
        "Melding van een inbreuk door de verwerker aan de verwerkingsverantwoordelijke, "
        "zonder onredelijke vertraging",
    ),
    _avg("34", "art. 34 AVG", "Mededeling van een inbreuk in verband met persoonsgegevens aan de betrokkene"),
    _avg("35", "art. 35 AVG", "Gegevensbeschermingseffectbeoordeling (DPIA)"),
    _avg("36", "art. 36 AVG", "Voorafgaande raadpleging van de toezichthouder"),
    _avg("37", "art. 37 AVG", "Functionaris voor gegevensbescherming"),
    _avg("44", "art. 44 AVG", "Algemeen beginsel inzake doorgiften"),
    _avg("45", "art. 45 AVG", "Doorgiften op basis van een adequaatheidsbesluit"),
    _avg("46", "art. 46 AVG", "Doorgiften op basis van passende waarborgen"),
    _avg("47", "art. 47 AVG", "Bindende bedrijfsvoorschriften"),
    _avg("48", "art. 48 AVG", "Niet bij Unierecht toegestane doorgifte of verstrekking"),
    _avg("49", "art. 49 AVG", "Afwijkingen voor specifieke situaties"),
    _avg("82", "art. 82 AVG", "Recht op schadevergoeding en aansprakelijkheid"),
    _avg("83", "art. 83 AVG", "Administratieve geldboeten"),
    Provision(
        "46 UAVG",
        "art. 46 UAVG",
        "Verwerking van het burgerservicenummer (een wettelijk identificatienummer)",
        "UAVG",
        _jci("BWBR0040940", "46"),
    ),
    Provision(
        "Archiefwet",
        "Archiefwet 1995",
        "Bewaren, vernietigen en overbrengen van archiefbescheiden",
        "Archiefwet",
        f"{WETTEN}BWBR0007376",
    ),
    Provision(
        "Woo", "Wet open overheid", "Openbaarmaking van overheidsinformatie", "Woo", f"{WETTEN}BWBR0045754"
    ),
    # FORMATS.md §4 names only BIO2; versions 2.0-2.5 name the BIO that preceded it.
    Provision("BIO", "BIO", "Baseline Informatiebeveiliging Overheid (de BIO vóór BIO2)", "BIO"),
    Provision("BIO2", "BIO2", "Baseline Informatiebeveiliging Overheid 2", "BIO2"),
    Provision(
        "ENSIA",
        "ENSIA",
        "Verantwoording over informatiebeveiliging door gemeenten (Eenduidige Normatiek Single "
        "Information Audit)",
        "ENSIA",
    ),
    Provision(
        "Cbw",
        "Cyberbeveiligingswet",
        "Zorgplicht en meldplicht voor cyberincidenten (uitvoering van de NIS2-richtlijn, "
        "Richtlijn (EU) 2022/2555)",
        "Cbw",
    ),
    Provision(
        "Data Act",
        "Dataverordening",
        "Overstappen tussen dataverwerkingsdiensten (Verordening (EU) 2023/2854)",
        "Dataverordening",
        "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32023R2854",
    ),
    Provision(
        "AI-verordening",
        "AI-verordening",
        "Regels voor AI-systemen (Verordening (EU) 2024/1689)",
        "AI-verordening",
        "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32024R1689",
    ),
    Provision(
        "Gemeentewet 160",
        "art. 160 Gemeentewet",
        "Het college besluit tot privaatrechtelijke rechtshandelingen van de gemeente",
        "Gemeentewet",
        _jci("BWBR0005416", "160"),
    ),
    Provision(
        "Gemeentewet 171",
        "art. 171 Gemeentewet",
        "De burgemeester vertegenwoordigt de gemeente",
        "Gemeentewet",
        _jci("BWBR0005416", "171"),
    ),
    Provision("BW 6:253", "art. 6:253 BW", "Derdenbeding", "Burgerlijk Wetboek", _jci("BWBR0005289", "253")),
)

BY_CODE: dict[str, Provision] = {p.code: p for p in PROVISIONS}
assert len(BY_CODE) == len(PROVISIONS), "a code is listed twice"

REQUIRED: tuple[str, ...] = (
    *(f"28(3)({letter})" for letter in "abcdefgh"),
    "28(3) tweede alinea",
    "28(2)",
    "28(4)",
    "28(9)",
    "32",
    "33",
    "34",
    "35",
    "36",
)
assert set(REQUIRED) <= set(BY_CODE)


def provision(code: str) -> Provision | None:
    return BY_CODE.get(code)


def page_order(codes: set[str] | frozenset[str]) -> list[Provision]:
    """``codes`` in the AVG-toets page's order: the required ones first, then the list's."""
    rank: dict[str, int] = {}
    for code in (*REQUIRED, *(p.code for p in PROVISIONS)):
        rank.setdefault(code, len(rank))
    return [BY_CODE[code] for code in sorted(codes, key=lambda c: rank.get(c, len(rank))) if code in BY_CODE]


def list_order(codes: set[str] | frozenset[str]) -> list[Provision]:
    """``codes`` in the closed list's order (article by article, then Dutch law)."""
    return [p for p in PROVISIONS if p.code in codes]
