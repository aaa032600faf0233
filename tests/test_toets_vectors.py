"""The shared vectors (``tests/toets_vectors.json``) through the Python implementation.

The same file runs through ``docs/assets/vwo-toets-regels.js`` (and the two parts after it) in Chromium
(``tests/browser/test_toets_page.py``): both must give exactly these results, so the
CLI and the page cannot drift apart. Every expected value in the file was worked out
by hand from the rules in ``docs/over/toetsen-regels.md``, not copied from a run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vwo.conformance import mdtext, rules
from vwo.conformance.check import Candidate, check
from vwo.conformance.document import Extracted, Paragraph
from vwo.conformance.extract.plain import read_markdown, read_text
from vwo.conformance.language import other_language
from vwo.conformance.report import Report, VersionFacts
from vwo.conformance.standard import standard_from_data
from vwo.errors import VwoError

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "toets_vectors.json").read_text(encoding="utf-8")
)
RULES = VECTORS["rules"]


@pytest.mark.parametrize(("text", "expected"), RULES["clean"])
def test_clean(text: str, expected: str) -> None:
    assert rules.clean(text) == expected


@pytest.mark.parametrize(("text", "labels", "rest"), RULES["split_label"])
def test_split_label(text: str, labels: list[list[str]], rest: str) -> None:
    found, remainder = rules.split_label(text)
    assert [[lab.kind, lab.value] for lab in found] == labels
    assert remainder == rest


@pytest.mark.parametrize(("text", "expected"), RULES["tokens"])
def test_tokens(text: str, expected: list[str]) -> None:
    assert rules.tokens(rules.clean(text)) == expected


@pytest.mark.parametrize(("text", "expected"), RULES["standard_tokens"])
def test_standard_tokens(text: str, expected: list[str]) -> None:
    assert rules.standard_tokens(text) == expected


@pytest.mark.parametrize(("cells", "expected"), RULES["row_tokens"])
def test_row_tokens(cells: list[str], expected: list[str]) -> None:
    assert rules.row_tokens(cells) == expected


@pytest.mark.parametrize(("text", "expected"), RULES["page_number"])
def test_page_number(text: str, expected: bool) -> None:
    assert rules.is_page_number(text) is expected


@pytest.mark.parametrize(("lines", "expected"), RULES["join_lines"])
def test_join_lines(lines: list[str], expected: list[str]) -> None:
    assert rules.join_lines(lines) == expected


@pytest.mark.parametrize(("markdown", "placeholders", "expected"), RULES["md_blocks"])
def test_md_blocks(markdown: str, placeholders: bool, expected: list[list[Any]]) -> None:
    found = mdtext.blocks(markdown, placeholders=placeholders)
    assert [[b.kind, b.text, list(b.cells), b.level] for b in found] == expected


@pytest.mark.parametrize(("text", "expected"), RULES["language"])
def test_language(text: str, expected: str | None) -> None:
    assert other_language(rules.tokens(rules.clean(text))) == expected


def candidates() -> list[Candidate]:
    facts = {f["version"]: f for f in VECTORS["versions"]}
    return [
        Candidate(standard_from_data(data, version), VersionFacts(**facts[version]))
        for version, data in VECTORS["standards"].items()
    ]


def extracted(copy: dict[str, Any]) -> Extracted:
    if copy["format"] == "txt":
        return read_text(copy["text"].encode("utf-8"), "vector")
    if copy["format"] == "md":
        return read_markdown(copy["text"].encode("utf-8"), "vector")
    if copy["format"] == "lines":
        return Extracted("txt", tuple(Paragraph(p) for p in rules.join_lines(copy["lines"])))
    return Extracted(
        "docx", tuple(Paragraph(p["text"], p["kind"], tuple(p["cells"])) for p in copy["paragraphs"])
    )


def findings(report: Report) -> dict[str, Any]:
    """What both implementations must agree on (``VwoToets.findings`` in JavaScript)."""
    units = [report.considerans] + [f for s in report.sections for f in (s.heading, *s.units)]
    return {
        "version": report.identification.version,
        "best": report.identification.best,
        "deviations": [[d.kind, d.unit] for d in report.deviations],
        "units": [[f.unit.id, f.status] for f in units if f is not None and f.status != "identical"],
        "additions": [[a.after, a.kind, a.text] for a in report.additions],
        "values": [[v.unit, v.field, v.value] for v in report.values if v.filled],
        "sections": [[s.id, s.copy_number, s.moved] for s in report.sections if s.moved or s.renumbered],
        "front_matter": report.front_matter,
        "signature": report.signature,
    }


@pytest.mark.parametrize("vector", VECTORS["checks"], ids=[v["name"] for v in VECTORS["checks"]])
def test_check(vector: dict[str, Any]) -> None:
    source = extracted(vector["copy"])
    if "error" in vector:
        with pytest.raises(VwoError) as raised:
            check("vector", source, candidates(), vector["version"])
        assert raised.value.what == vector["error"]
        return
    report = check("vector", source, candidates(), vector["version"])
    assert findings(report) == vector["expect"]
