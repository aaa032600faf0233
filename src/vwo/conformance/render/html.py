"""The report as one standalone HTML page (``vwo toets --format html``).

Pipeline: ``Report`` -> ``view`` (the wording) -> ``toets_report.html.j2`` (autoescaped;
the redline through ``vwo.compare.html.blocks_html``, which escapes the words and marks
insertions and deletions for screen readers, not by colour alone). No external requests.
"""

from __future__ import annotations

from vwo.compare.html import blocks_html
from vwo.conformance.render.view import (
    SCOPE,
    STATUS,
    deviation_views,
    note_lines,
    per_mille,
    summary_lines,
    version_lines,
)
from vwo.conformance.report import Report
from vwo.site.render import render


def report_html(report: Report) -> str:
    return render(
        "toets_report.html.j2",
        report=report,
        version_lines=version_lines(report),
        summary_lines=summary_lines(report),
        note_lines=note_lines(report),
        deviations=deviation_views(report),
        redline=blocks_html,
        per_mille=per_mille,
        status=STATUS,
        scope=SCOPE,
    )
