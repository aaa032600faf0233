"""The AVG coverage slot of the report (``dekking.yml``, FORMATS.md §4) and ``tekst.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_toets_vectors import VECTORS, extracted
from vwo.conformance.check import Candidate, check
from vwo.conformance.coverage import read_coverage
from vwo.conformance.render.data import report_data
from vwo.conformance.render.markdown import report_markdown
from vwo.conformance.report import VersionFacts
from vwo.conformance.site import text_json
from vwo.conformance.standard import standard_data, standard_from_data
from vwo.errors import VwoError
from vwo.text.parse import parse_sources

DEKKING = """\
# Welke wettelijke bepalingen elk artikel of lid uitvoert (AVG-toets).
dekking:
  geheimhouding: ["28(3)(b)"]
  geheimhouding-2: ["32", "28(3)(b)"]
niet-gedekt:
  "28(10)": Bewust niet geregeld.
"""


def test_coverage_is_read_from_dekking_yml(tmp_path: Path) -> None:
    assert read_coverage(tmp_path, "dekking.yml") is None
    (tmp_path / "dekking.yml").write_text(DEKKING, encoding="utf-8")
    assert read_coverage(tmp_path, "dekking.yml") == {
        "geheimhouding": ("28(3)(b)",),
        "geheimhouding-2": ("32", "28(3)(b)"),
    }
    (tmp_path / "dekking.yml").write_text("dekking: [1, 2]\n", encoding="utf-8")
    with pytest.raises(VwoError, match="expected a mapping"):
        read_coverage(tmp_path, "dekking.yml")


def test_deviations_name_the_provisions_they_touch(tmp_path: Path) -> None:
    (tmp_path / "dekking.yml").write_text(DEKKING, encoding="utf-8")
    coverage = read_coverage(tmp_path, "dekking.yml")
    facts = {f["version"]: f for f in VECTORS["versions"]}
    with_coverage = [
        Candidate(standard_from_data(d, v), VersionFacts(**facts[v]), coverage if v == "1.0" else None)
        for v, d in VECTORS["standards"].items()
    ]
    vector = VECTORS["checks"][1]  # the Markdown copy of 1.0 without clause 2.2
    report = check("kopie.md", extracted(vector["copy"]), with_coverage)
    data = report_data(report)
    assert data["coverage"] is True
    by_unit = {d["unit"]: d["provisions"] for d in data["deviations"]}
    assert by_unit["geheimhouding-2"] == ["32", "28(3)(b)"]  # the clause's own, then its article's
    assert by_unit["subverwerkers-1"] == []  # in the matrix, but nothing for this clause
    assert "AVG: 32, 28\\(3\\)\\(b\\)" in report_markdown(report)
    without = check("kopie.md", extracted(vector["copy"]), [c for c in with_coverage if c.coverage is None])
    assert report_data(without)["coverage"] is False
    assert all(d["provisions"] is None for d in report_data(without)["deviations"])


def test_text_json_is_the_standard_and_its_coverage() -> None:
    agreement = parse_sources(
        {
            "overeenkomst.md": "# Titel\n\n## Artikel 1. Een {#een}\n\n"
            "1.1 De gemeente [naam gemeente] doet dit.\n",
            "bijlagen/bijlage-1.md": "# Bijlage 1. Tabel {#bijlage-tabel}\n\n"
            "| Veld | Invulling |\n|---|---|\n| Naam | |\n",
        }
    )
    data = json.loads(text_json(agreement, "1.2", {"een": ("28(3)(a)",)}))
    assert data["coverage"] == {"een": ["28(3)(a)"]}
    data.pop("coverage")
    assert data == standard_data(standard_from_data(data, "tekst.json"))
    [clause] = [u for u in data["units"] if u["kind"] == "lid"]
    assert clause == {
        "id": "een-1", "kind": "lid", "section": "een", "number": "1.1", "title": None,
        "blocks": [{"kind": "p", "text": "De gemeente \u27e6naam gemeente\u27e7 doet dit."}],
    }  # fmt: skip
    row = [b for u in data["units"] for b in u["blocks"] if b["kind"] == "row"][-1]
    assert row == {"kind": "row", "text": "Naam | ", "cells": ["Naam", ""]}
    assert json.loads(text_json(agreement, "1.2", None))["coverage"] is None
