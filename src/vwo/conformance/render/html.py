"""The report as one standalone HTML page (``vwo toets --format html``).

Pipeline: ``Report`` -> ``view`` (the wording) -> ``toets_report.html.j2`` (autoescaped;
the redline through ``vwo.compare.html.blocks_html``, which escapes the words and marks
insertions and deletions for screen readers, not by colour alone). No external requests.
"""

from __future__ import annotations

from vwo.compare.html import blocks_html
from vwo.conformance.render.view import context
from vwo.conformance.report import Report
from vwo.site.render import render


def report_html(report: Report) -> str:
    return render("toets_report.html.j2", redline=blocks_html, **context(report))
