"""The register as downloads: ``gebruik.csv`` and ``gebruik.json``.

Pipeline: ``Register`` + ``Statistics`` -> rows / a JSON document -> text. Names come
from outsiders (an issue form), so every CSV cell that a spreadsheet would run as a
formula is prefixed with ``'`` (``vwo.site.escape.csv_cell``, OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from vwo.register.model import COLUMNS, PRODUCT_SEPARATOR, Entry, Register, Statistics, name_key
from vwo.site.escape import csv_cell

JSON_FORMAT = 1


def _row(entry: Entry) -> list[str]:
    return [
        entry.name,
        entry.type,
        f"{PRODUCT_SEPARATOR} ".join(entry.products),
        entry.version,
        entry.since.isoformat(),
        entry.source,
    ]


def register_csv(register: Register) -> str:
    """RFC 4180 CSV (UTF-8, CRLF), the columns of ``data/gebruik.csv``, sorted by name."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for entry in sorted(register.entries, key=lambda e: name_key(e.name)):
        writer.writerow([csv_cell(cell) for cell in _row(entry)])
    return out.getvalue()


def register_document(register: Register, stats: Statistics, *, example: bool) -> dict[str, Any]:
    """The JSON document; its shape is documented in ``data/README.md``."""
    share = stats.share_on_current
    return {
        "formaat": JSON_FORMAT,
        "voorbeeldgegevens": example,
        "actuele_versie": stats.current,
        "statistiek": {
            "organisaties": stats.total,
            "gemeenten": stats.municipalities,
            "leveranciers": stats.suppliers,
            "gemeenten_op_actuele_versie": stats.municipalities_on_current,
            "aandeel_gemeenten_op_actuele_versie": None if share is None else round(share, 4),
            "per_versie": [
                {
                    "versie": count.version,
                    "status": count.status,
                    "gemeenten": count.municipalities,
                    "leveranciers": count.suppliers,
                    "totaal": count.total,
                }
                for count in stats.per_version
            ],
        },
        "organisaties": [
            {
                "naam": entry.name,
                "type": entry.type,
                "producten": list(entry.products),
                "versie": entry.version,
                "sinds": entry.since.isoformat(),
                "bron": entry.source,
            }
            for entry in sorted(register.entries, key=lambda e: name_key(e.name))
        ],
    }


def register_json(register: Register, stats: Statistics, *, example: bool) -> str:
    """Pretty JSON; ``<``, ``>`` and ``&`` as ``\\u`` escapes, so it stays inert even inside HTML."""
    document = register_document(register, stats, example=example)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
