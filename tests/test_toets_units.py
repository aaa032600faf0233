"""The AVG coverage slot of the report (``dekking.yml``, FORMATS.md §4) and ``tekst.json``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_toets_vectors import VECTORS, extracted
from vwo.cli import main
from vwo.conformance.check import Candidate, check
from vwo.conformance.render.data import report_data
from vwo.conformance.report import VersionFacts
from vwo.conformance.site import text_json
from vwo.conformance.standard import standard_data, standard_from_data
from vwo.text.parse import parse_sources

FIXTURE = Path(__file__).parent / "fixtures" / "dekking-concept-2026"


def test_a_version_with_a_coverage_matrix_names_the_provisions_a_deviation_touches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A repository whose only version is the fixture text with its ``dekking.yml``; the
    copy is that text as Markdown with 10.1 changed (dekking: datalekken-1)."""
    version = tmp_path / "repo" / "versions" / "2.0"
    shutil.copytree(FIXTURE, version, ignore=shutil.ignore_patterns("README.md"))
    (version / "version.yml").write_text(
        'versie: "2.0"\nstatus: vastgesteld\ngepubliceerd_op: 2027-01-01\n'
        "vastgesteld_door: Algemene Ledenvergadering VNG\nsamenvatting: Testversie.\n",
        encoding="utf-8",
    )
    texts = [(FIXTURE / "overeenkomst.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((FIXTURE / "bijlagen").glob("*.md"))]
    copy = tmp_path / "kopie.md"
    text = "\n\n".join(texts)
    assert "uiterlijk binnen 36 uur" in text
    copy.write_text(text.replace("uiterlijk binnen 36 uur", "uiterlijk binnen 72 uur"), encoding="utf-8")
    assert main(["-C", str(tmp_path / "repo"), "toets", str(copy), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["coverage"] is True
    assert [(d["unit"], d["provisions"]) for d in data["deviations"]] == [
        ("datalekken-1", ["28(3)(f)", "33(2)"])
    ]
    unit = next(u for s in data["sections"] for u in s["units"] if u["id"] == "datalekken-1")
    assert unit["provisions"] == ["28(3)(f)", "33(2)"]
    assert main(["-C", str(tmp_path / "repo"), "toets", str(copy)]) == 1
    assert "AVG: 28\\(3\\)\\(f\\), 33\\(2\\)" in capsys.readouterr().out


def test_a_unit_touches_its_own_provisions_and_its_articles() -> None:
    coverage = {"geheimhouding": ("28(3)(b)",), "geheimhouding-2": ("32", "28(3)(b)")}
    facts = {f["version"]: f for f in VECTORS["versions"]}
    candidates = [
        Candidate(standard_from_data(d, v), VersionFacts(**facts[v]), coverage if v == "1.0" else None)
        for v, d in VECTORS["standards"].items()
    ]
    vector = VECTORS["checks"][1]  # the Markdown copy of 1.0 without clause 2.2
    report = check("kopie.md", extracted(vector["copy"]), candidates)
    by_unit = {d.unit: d.provisions for d in report.deviations}
    assert by_unit["geheimhouding-2"] == ("32", "28(3)(b)")  # its own, then its article's (once)
    assert by_unit["subverwerkers-1"] == ()  # a matrix, but nothing for this clause
    without = check("kopie.md", extracted(vector["copy"]), [c for c in candidates if c.coverage is None])
    assert report_data(without)["coverage"] is False
    assert all(d.provisions is None for d in without.deviations)


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
