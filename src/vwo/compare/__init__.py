"""Compare two versions of the agreement: article-aligned, word-level.

Pipeline: two ``Agreement``s -> ``align.compare`` (articles and annexes matched by
stable id, clauses aligned, word diff per block in ``worddiff``) -> ``Comparison``
-> a renderer: ``html`` (site pages), ``markdown`` (pull requests), ``data`` (JSON),
``docx`` (Word with tracked changes).
"""

from vwo.compare.align import ClauseDiff, Comparison, SectionDiff, Summary, compare
from vwo.compare.worddiff import BlockDiff, Segment

__all__ = ["BlockDiff", "ClauseDiff", "Comparison", "SectionDiff", "Segment", "Summary", "compare"]
