"""The prose of a commit as a reader sees it: its reason, its title, its sentences (pure).

A decision's reason is the body of its commit (CONTRIBUTING.md §3: "Zet de reden van het
besluit in de tweede alinea"). The body that git hands out still ends in the trailer
block; ``reason_of`` drops it, and ``paragraphs`` joins the lines git wraps at 72 columns
into paragraphs. ``without_outcome`` drops the outcome from a subject such as "Auditrecht
schrappen: verworpen", because every page shows the decision beside the title.
"""

from __future__ import annotations

import re

_TRAILER_LINE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*:\s")
_CONTINUATION = re.compile(r"^\s+\S")
_GIT_NOTES = re.compile(
    r"^(This reverts commit [0-9a-f]{7,40}\.?|\(cherry picked from commit [0-9a-f]{7,40}\))$"
)
_SENTENCE_END = (".", "!", "?", "…")


def _is_trailer_block(paragraph: str) -> bool:
    lines = paragraph.splitlines()
    if not lines or not _TRAILER_LINE.match(lines[0]):
        return False
    return all(_TRAILER_LINE.match(line) or _CONTINUATION.match(line) for line in lines)


def _split(text: str) -> list[str]:
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]


def reason_of(body: str) -> str:
    """The prose of a commit body: without its trailer block (the last paragraph when
    every line of it is ``Key: value`` or a continuation) and without git's own notes
    ("This reverts commit ..."). Each paragraph on one line (git wraps bodies at 72
    columns), separated by one blank line."""
    parts = _split(body)
    if parts and _is_trailer_block(parts[-1]):
        parts.pop()
    kept = [" ".join(p.split()) for p in parts if not _GIT_NOTES.match(p.strip())]
    return "\n\n".join(p for p in kept if p)


def paragraphs(text: str) -> list[str]:
    """``text`` as paragraphs, each on one line (git wraps bodies at 72 columns)."""
    return [" ".join(p.split()) for p in _split(text)]


def without_outcome(subject: str, decision: str | None) -> str:
    """``Auditrecht schrappen: verworpen`` -> ``Auditrecht schrappen`` when the decision is
    ``verworpen`` (also ``... aangehouden``, ``... (ingetrokken)``); anything else as is."""
    if not decision:
        return subject
    pattern = re.compile(rf"(?:\s*[:–—-]\s*|\s+\(?){re.escape(decision)}\)?[\s.]*$", re.IGNORECASE)
    match = pattern.search(subject)
    if match is None or match.start() == 0:
        return subject
    return subject[: match.start()]


def sentence(text: str) -> str:
    """``text`` ending in exactly one full stop: ``Software B.V.`` stays, ``n.v.t.`` stays,
    ``aangenomen`` becomes ``aangenomen.``."""
    text = text.rstrip()
    return text if not text or text.endswith(_SENTENCE_END) else text + "."
