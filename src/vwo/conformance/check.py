"""The check itself: a copy's paragraphs against the published versions -> a ``Report``.

Pipeline: ``Extracted`` -> ``document.prepare`` (tokens) -> refused if there is no text
or it is in another language -> ``match.identify``: a score per version, the best one if
it is good enough (or the version asked for) -> ``match.align`` and
``classify.classify`` against that version -> ``findings.build_report``. Pure: the
versions come in as ``Candidate`` records, the file is already read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vwo.conformance.classify import classify
from vwo.conformance.coverage import Coverage, provisions_for
from vwo.conformance.document import Copy, Extracted, prepare
from vwo.conformance.findings import build_report
from vwo.conformance.language import other_language
from vwo.conformance.match import SCORE_K, align, grams, ranked, same_score, score
from vwo.conformance.report import Identification, Notes, Report, VersionFacts, VersionScore
from vwo.conformance.rules import FILL
from vwo.conformance.standard import Standard, Unit
from vwo.conformance.stream import block_tokens, build_stream
from vwo.errors import VwoError


@dataclass(frozen=True)
class Candidate:
    standard: Standard
    facts: VersionFacts
    coverage: Coverage | None = None


def notes(copy: Copy) -> Notes:
    source = copy.source
    return Notes(
        format=source.format,
        pages=source.pages,
        insertions=source.insertions,
        deletions=source.deletions,
        moves=source.moves,
        formatting=source.formatting,
        comments=tuple((c.author, c.text) for c in source.comments),
        auto_numbered=source.auto_numbered,
        hidden=source.hidden,
        noise=source.noise,
        page_numbers=copy.page_numbers,
    )


def identify(
    copy: Copy,
    candidates: Sequence[Candidate],
    blocks: Mapping[str, list[tuple[str, ...]]],
    version: str | None,
) -> Identification:
    copy_grams = grams(copy.tokens, SCORE_K)
    facts = {c.facts.version: c.facts for c in candidates}
    cache: dict[tuple[str, ...], tuple[int, int]] = {}
    found = [score(v, blocks[v], copy_grams, cache) for v in facts]
    scores = ranked(found, list(facts))
    best = scores[0] if scores and scores[0].recognised else None
    tied = tuple(s.version for s in scores[1:] if best is not None and same_score(s, best))
    return Identification(
        tuple(VersionScore(s.version, s.score, s.containment, facts[s.version].label) for s in scores),
        best.version if best else None,
        version if version is not None else (best.version if best else None),
        version is not None,
        tied,
    )


def check(
    file: str,
    extracted: Extracted,
    candidates: Sequence[Candidate],
    version: str | None = None,
    *,
    where: str | None = None,
) -> Report:
    """``file``: the name the report shows; ``where``: the path errors name (default ``file``)."""
    where = where or file
    blocks = {c.facts.version: block_tokens(c.standard) for c in candidates}
    distinct = {tokens for version in blocks.values() for tokens in version}
    vocabulary = frozenset(t for tokens in distinct for t in tokens if t != FILL)
    copy = prepare(extracted, vocabulary)
    if not copy.tokens:
        raise VwoError(
            where, "no text found in the document", "is it the agreement? a scan needs a text layer"
        )
    language = other_language(copy.tokens)
    if language is not None:
        raise VwoError(
            where,
            f"the document is in {language}, not in Dutch",
            "the check compares with the Dutch text of the standard; ask for the Dutch version",
        )
    by_version = {c.facts.version: c for c in candidates}
    if version is not None and version not in by_version:
        raise VwoError(version, "unknown version", "known: " + ", ".join(by_version))
    identification = identify(copy, candidates, blocks, version)
    chosen = by_version.get(identification.version or "")
    base = Report(
        file=file,
        notes=notes(copy),
        identification=identification,
        facts=chosen.facts if chosen else None,
        title=None,
        considerans=None,
        sections=(),
        additions=(),
        front_matter="",
        signature="",
        values=(),
        deviations=(),
        summary=None,
        coverage=bool(chosen and chosen.coverage is not None),
    )
    if chosen is None:
        return base
    stream = build_stream(chosen.standard)
    alignment = align(stream.tokens, copy.tokens, stream.unit_of, copy.paragraph_of, stream.slot_text)
    found = classify(stream, copy, alignment)

    def provisions(unit: Unit) -> tuple[str, ...] | None:
        return provisions_for(chosen.coverage, unit)

    return build_report(file, stream, copy, found, provisions, base)
