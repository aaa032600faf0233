"""A supplier's Word copy that looks different but says the same: ``vwo toets`` reports
no deviation.

The copy is the DOCX download of 1.11 with the things real documents carry (written as
package XML in the test): an own cover page, a logo in a text box, a watermark, a page
number field, curly quotes, non-breaking spaces, soft hyphens, the supplier's own heading
style, a header and a footer. None of them changes the text of the agreement.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.gitrepo import ROOT
from tests.toets_copies import W, WordCopy, downloads
from vwo.conformance.check import check
from vwo.conformance.extract import extract
from vwo.conformance.report import Report
from vwo.conformance.sources import load_candidates

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
VML = "urn:schemas-microsoft-com:vml"
COVER = ("Verwerkersovereenkomst Hosting B.V.", "Vertrouwelijk", "Kenmerk HB-2026-17")


def run_element(parent: etree._Element, text: str) -> etree._Element:
    run = etree.SubElement(parent, f"{W}r")
    t = etree.SubElement(run, f"{W}t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def dressed(source: Path, target: Path) -> Path:
    w = WordCopy(source)
    first = w.body[0]
    for line in reversed(COVER):  # an own cover page before the agreement
        p = etree.Element(f"{W}p")
        run_element(p, line)
        first.addprevious(p)
    logo = etree.Element(f"{W}p")  # the supplier's logo: a text box
    box = etree.SubElement(etree.SubElement(etree.SubElement(logo, f"{W}r"), f"{W}pict"), f"{{{VML}}}textbox")
    run_element(etree.SubElement(etree.SubElement(box, f"{W}txbxContent"), f"{W}p"), "LOGO HOSTING")
    first.addprevious(logo)
    # A watermark shape and a page number field inside the text of 10.1.
    clause = w.paragraph("10.1 ")
    mark = etree.SubElement(etree.SubElement(clause, f"{W}r"), f"{W}pict")
    etree.SubElement(etree.SubElement(mark, f"{{{VML}}}shape"), f"{{{VML}}}textpath", string="CONCEPT")
    field = etree.SubElement(clause, f"{W}fldSimple")
    field.set(f"{W}instr", "PAGE")
    # Another apostrophe (the download has U+2019), a non-breaking space, soft hyphens.
    w.replace(w.paragraph("11.2 "), "risico\u2019s", "risico\u2018s")
    w.replace(w.paragraph("10.1 "), "36 uur", "36\u00a0uur")
    w.replace(w.paragraph("10.1 "), "beveiligingsincident", "beveiligings\u00adincident")
    clause_2 = w.paragraph("2.1 ")
    t = clause_2.findall(f".//{W}t")[-1]
    words = (t.text or "").rsplit(" ", 1)
    t.text = words[0] + " " + words[1][:3]
    run = t.getparent()
    etree.SubElement(run, f"{W}softHyphen")
    tail = etree.SubElement(run, f"{W}t")
    tail.text = words[1][3:]
    # The supplier's own heading style on article 3 (no "Heading" in its name).
    heading = w.paragraph("Artikel 3. ")
    props = heading.find(f"{W}pPr")
    assert props is not None
    style = props.find(f"{W}pStyle")
    assert style is not None
    style.set(f"{W}val", "LeverancierArtikelkop")
    # A header and a footer (other parts of the package; the download has none of its own).
    for name, text in (("header1", "Hosting B.V. | Vertrouwelijk"), ("footer1", "Pagina 1 van 30")):
        part = etree.Element(f"{W}{'hdr' if name.startswith('header') else 'ftr'}", nsmap={"w": W[1:-1]})
        run_element(etree.SubElement(part, f"{W}p"), text)
        w.parts[f"word/{name}.xml"] = etree.tostring(part, xml_declaration=True, encoding="UTF-8")
    return w.save(target)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("dressed")
    path = dressed(downloads("1.11", folder)["docx"], folder / "leverancier.docx")
    return check(path.name, extract(path.read_bytes(), path.name, path.name), load_candidates(ROOT, None))


def test_a_dressed_up_copy_is_its_version_without_deviations(report: Report) -> None:
    assert report.identification.version == "1.11"
    assert report.deviations == ()
    assert report.summary is not None and report.summary.identical
    # The cover page is shown apart, not judged; the logo in its text box is not text.
    assert all(line in report.front_matter for line in COVER)
    assert "LOGO" not in report.front_matter
    assert "CONCEPT" not in report.front_matter + report.signature


def test_each_touched_unit_is_identical(report: Report) -> None:
    units = {u.unit.id: u for s in report.sections for u in (s.heading, *s.units)}
    for unit in ("onderwerp-1", "datalekken-1", "dpia-2"):  # soft hyphens, NBSP, apostrophe
        assert units[unit].status == "identical", unit
    # Shown as the report shows every text: typography made plain (rules.clean).
    assert "risico's" in units["dpia-2"].copy_text and "36 uur" in units["datalekken-1"].copy_text
    heading = next(s for s in report.sections if s.number == "3")
    assert heading.heading.status == "identical" and heading.copy_number == "3"
