"""Downloads: the three files (PDF, DOCX, ODT) of one version, from this repository's
real text (18 articles, 4 annexes with tables).

Measures (1) a cold generation (parse, render all three files in parallel, manifest,
write), (2) a cached one (parse, hash, find the folder: what every ``mkdocs serve``
rebuild and repeated ``mkdocs build`` pays), (3) each stage on its own, and (4) the
PDF through WeasyPrint (pandoc HTML + print CSS, ``pdf/a-3a`` with tags) to show why
the project typesets with Typst. Goals: (1) < 3 s, (2) < 0.1 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from vwo.downloads import cached, generate
from vwo.downloads.bundle import render
from vwo.downloads.document import build_document
from vwo.downloads.markdown import pandoc_markdown
from vwo.downloads.office import render_office
from vwo.downloads.pandoc import COMMON, pandoc_path
from vwo.downloads.pdf import render_pdf
from vwo.downloads.source import load_source

ROOT = Path(__file__).resolve().parents[1]
GOAL_COLD, GOAL_CACHED = 3.0, 0.1
PRINT_CSS = """
@page { size: A4; margin: 2.8cm 2.5cm 2.4cm;
  @top-right { content: "Versie"; font-size: 8.5pt }
  @bottom-center { content: "pagina " counter(page) " van " counter(pages); font-size: 8.5pt } }
html { font-family: "DejaVu Serif"; font-size: 10.5pt; hyphens: auto; text-align: justify }
table { border-collapse: collapse; width: 100% } td, th { border: 0.5pt solid #888; padding: 4pt }
nav#TOC a::after { content: leader('.') target-counter(attr(href), page) }
"""


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pandoc): unlike wall time,
    hardly affected by other work on a shared machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _times(action: Callable[[], object], runs: int) -> list[tuple[float, float]]:
    out = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        action()
        out.append((time.perf_counter() - start, _cpu() - cpu))
    return out


def _report(label: str, times: list[tuple[float, float]], goal: float | None = None) -> None:
    wall = [w for w, _ in times]
    median = statistics.median(wall)
    cpu = statistics.median(c for _, c in times)
    ratio = f"  = {median / goal:.2f} x goal ({goal:g} s)" if goal else ""
    spread = f"median {median:7.3f} s  min {min(wall):7.3f} s  cpu {cpu:6.3f} s"
    print(f"{label:<44} {spread}  (n={len(times)}){ratio}")


def weasyprint_pdf(markdown: str) -> bytes:
    from weasyprint import CSS, HTML

    html = subprocess.run(
        [pandoc_path(), *COMMON, "--to", "html5", "--standalone", "--toc", "--toc-depth=2"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return bytes(
        HTML(string=html).write_pdf(
            stylesheets=[CSS(string=PRINT_CSS)], pdf_variant="pdf/a-3a", pdf_tags=True
        )
    )


def run() -> None:
    agreement, meta = load_source(ROOT, "concept", env={})
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"text: {len(agreement.articles)} articles, {len(agreement.annexes)} annexes; load average {load}")
    document = build_document(agreement, meta)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        count = iter(range(1000))
        cold = _times(lambda: generate(*load_source(ROOT, "concept", env={}), base / f"out{next(count)}"), 3)
        _report("cold: parse + PDF, DOCX, ODT + manifest", cold, GOAL_COLD)
        cached(agreement, meta, base / "cache")
        warm = _times(lambda: cached(*load_source(ROOT, "concept", env={}), base / "cache"), 20)
        _report("cached: parse + hash + lookup", warm, GOAL_CACHED)
    _report("  stage: PDF (pandoc -> Typst)", _times(lambda: render_pdf(document), 3))
    _report("  stage: DOCX (pandoc)", _times(lambda: render_office(document, "docx"), 3))
    _report("  stage: ODT (pandoc)", _times(lambda: render_office(document, "odt"), 3))
    _report("  all three in parallel, in memory", _times(lambda: render(document), 3))
    markdown = pandoc_markdown(document, "docx").replace("{=openxml}", "{=html}")
    _report("  alternative: PDF via WeasyPrint (rejected)", _times(lambda: weasyprint_pdf(markdown), 2))
