"""Three small versions of an agreement, written for the compare tests (counts checked by hand)."""

from __future__ import annotations

V10 = """\
# Verwerkersovereenkomst

Partijen: de gemeente en de verwerker.

## Artikel 1. Definities {#definities}

1.1 In deze overeenkomst wordt verstaan onder verwerker: de leverancier.

## Artikel 2. Subverwerkers {#subverwerkers}

2.1 De verwerker schakelt geen subverwerker in zonder toestemming.

## Artikel 3. Beveiliging {#beveiliging}

3.1 De verwerker beveiligt de persoonsgegevens passend.

## Artikel 4. Slotbepalingen {#slot}

4.1 Nederlands recht is van toepassing.
"""

# 1.1: one word in 1.1 changed; article "Datalekken" inserted as 2 (so 2, 3, 4 become
# 3, 4, 5, unchanged in text); a clause added to the last article.
V11 = """\
# Verwerkersovereenkomst

Partijen: de gemeente en de verwerker.

## Artikel 1. Definities {#definities}

1.1 In deze overeenkomst wordt verstaan onder verwerker: de opdrachtnemer.

## Artikel 2. Datalekken {#datalekken}

2.1 De verwerker meldt een datalek binnen 24 uur.

## Artikel 3. Subverwerkers {#subverwerkers}

3.1 De verwerker schakelt geen subverwerker in zonder toestemming.

## Artikel 4. Beveiliging {#beveiliging}

4.1 De verwerker beveiligt de persoonsgegevens passend.

## Artikel 5. Slotbepalingen {#slot}

5.1 Nederlands recht is van toepassing.

5.2 Geschillen gaan naar de rechter in Den Haag.
"""

# concept: the last article removed, one word in Beveiliging.
CONCEPT = """\
# Verwerkersovereenkomst

Partijen: de gemeente en de verwerker.

## Artikel 1. Definities {#definities}

1.1 In deze overeenkomst wordt verstaan onder verwerker: de opdrachtnemer.

## Artikel 2. Datalekken {#datalekken}

2.1 De verwerker meldt een datalek binnen 24 uur.

## Artikel 3. Subverwerkers {#subverwerkers}

3.1 De verwerker schakelt geen subverwerker in zonder toestemming.

## Artikel 4. Beveiliging {#beveiliging}

4.1 De verwerker beveiligt de persoonsgegevens zorgvuldig.
"""

ANNEX = (
    "# Bijlage 1. Specificatie {#bijlage-specificatie}\n\n"
    "| Doel | Grondslag |\n|---|---|\n| [in te vullen] | |\n"
)


def toelichting(agreement: str) -> str:
    """A toelichting section for every article of ``agreement``."""
    parts = ["# Toelichting", "", "Inleiding.", ""]
    for line in agreement.splitlines():
        if line.startswith("## Artikel"):
            parts += [line, "", f"Uitleg bij {line.split('{#')[1].rstrip('}')}.", ""]
    return "\n".join(parts)


def sources(agreement: str) -> dict[str, str]:
    return {
        "overeenkomst.md": agreement,
        "toelichting.md": toelichting(agreement),
        "bijlagen/bijlage-1-specificatie.md": ANNEX,
    }
