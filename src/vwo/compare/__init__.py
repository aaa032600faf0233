"""Compare two versions of the agreement: article-aligned, word-level.

Pipeline: two ``Agreement``s -> ``align.compare`` (articles and annexes matched by
stable id, clauses aligned, word diff per block in ``worddiff``) -> ``Comparison``
-> a renderer: ``html`` (site pages), ``markdown`` (pull requests), ``data`` (JSON),
``docx`` (Word with tracked changes).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vwo.compare.align import ClauseDiff, Comparison, SectionDiff, Summary, compare
    from vwo.compare.worddiff import BlockDiff, Segment

# Imported on first use (PEP 562): ``import vwo.compare.cli`` for another command should
# not load the diff engine.
_EXPORTS = {
    "ClauseDiff": "vwo.compare.align",
    "Comparison": "vwo.compare.align",
    "SectionDiff": "vwo.compare.align",
    "Summary": "vwo.compare.align",
    "compare": "vwo.compare.align",
    "BlockDiff": "vwo.compare.worddiff",
    "Segment": "vwo.compare.worddiff",
}

__all__ = ["BlockDiff", "ClauseDiff", "Comparison", "SectionDiff", "Segment", "Summary", "compare"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
