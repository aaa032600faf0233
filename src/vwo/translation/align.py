"""A translation's structure against its Dutch source. Pure: models and texts in, findings out.

Pipeline: the two models (``Agreement``, both from ``vwo.text.parse``) and the raw text of
the agreement and annex files (for the lines of preamble blocks, annex sections and
tables) + the translation's stamps -> ``Finding`` per difference: an article, clause,
annex or toelichting section missing, extra, out of order or with another id or
number; preamble blocks that do not pair one to one; an annex with other sections or
tables. Each finding names the translation's file and line and where the Dutch source
has it, with a hint.

A finding is *behind* when it concerns a unit whose Dutch text changed since it was
stamped (or was never stamped): the source moved on and the translation has not caught
up yet. That is a warning for the working translation and an error for a translation
being published; every other finding is a mistake in the translation and always an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE, Agreement, Article
from vwo.text.parse import KEYWORDS
from vwo.translation.blocks import annex_parts, preamble_blocks
from vwo.translation.units import EXPLANATION, PREAMBLE, explanation_key, hashes

NUMBERED_TITLE = re.compile(r"^(\w+) +(\d+)\.")
ORDER_HINT = "keep the order and the numbering of the Dutch text; ids never change"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str
    hint: str
    behind: bool = False
    unit: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}\nhint: {self.hint}"


class _Aligner:
    def __init__(
        self, source: Agreement, translation: Agreement, stamps: Mapping[str, str], prefix: str
    ) -> None:
        self.s = source
        self.t = translation
        self.stamps = stamps
        self.current = hashes(source)
        self.prefix = prefix
        self.findings: list[Finding] = []
        language = next((a.keyword for a in translation.articles), "Article")
        self.words = next((w for w in KEYWORDS.values() if w.article == language), KEYWORDS["en"])

    def behind(self, unit: str) -> bool:
        """The unit's Dutch text differs from the text it was translated from."""
        return self.stamps.get(unit) != self.current.get(unit)

    def add(self, path: str, line: int, what: str, hint: str, unit: str | None) -> None:
        behind = unit is not None and self.behind(unit)
        self.findings.append(Finding(path, line, what, hint, behind, unit))

    def articles(self) -> None:
        s_ids = {a.id: a for a in self.s.articles}
        t_ids = {a.id: a for a in self.t.articles}
        s_at = {a.number: a for a in self.s.articles}
        renamed: set[str] = set()
        path = self.prefix + AGREEMENT_FILE
        for t in self.t.articles:
            s = s_ids.get(t.id)
            if s is not None:
                self.clauses(s, t)
                continue
            other = s_at.get(t.number)
            if other is not None and other.id not in t_ids:
                renamed.add(other.id)
                self.add(
                    t.path,
                    t.line,
                    f"article {t.number} has the id '{t.id}', the Dutch article {other.number} has "
                    f"'{other.id}' ({other.path}:{other.line})",
                    f"ids are the same in every language: write {{#{other.id}}}",
                    t.id,
                )
            else:
                self.add(
                    t.path,
                    t.line,
                    f"article {t.number} {{#{t.id}}} is not in the Dutch source",
                    "a translation has exactly the articles of its source: remove it, or give it the id "
                    "of the Dutch article it translates",
                    t.id,
                )
        shared = [a.id for a in self.t.articles if a.id in s_ids]
        order = [a.id for a in self.s.articles if a.id in t_ids]
        for here, there in zip(shared, order, strict=True):
            if here != there:
                t, s = t_ids[here], s_ids[here]
                self.findings.append(
                    Finding(
                        t.path,
                        t.line,
                        f"article {t.number} {{#{t.id}}} is article {s.number} in the Dutch source "
                        f"({s.path}:{s.line})",
                        ORDER_HINT,
                    )
                )
                break
        for s in self.s.articles:
            if s.id in t_ids or s.id in renamed:
                continue
            later = next((t_ids[a.id] for a in self.s.articles[s.number :] if a.id in t_ids), None)
            line = later.line if later else (self.t.articles[-1].end_line + 1 if self.t.articles else 1)
            self.add(
                path,
                line,
                f"article {s.number} {{#{s.id}}} is missing (the Dutch source has it at {s.path}:{s.line})",
                f"translate it, with the same number and id: '## {self.words.article} {s.number}. "
                f"<title> {{#{s.id}}}'",
                s.id,
            )

    def clauses(self, s: Article, t: Article) -> None:
        count = len(s.clauses)
        for clause in s.clauses[len(t.clauses) :]:
            self.add(
                t.path,
                t.end_line,
                f"clause {t.number}.{clause.lid} is missing "
                f"(the Dutch source has it at {s.path}:{clause.line})",
                f"translate every Dutch clause under its own number, '{t.number}.{clause.lid} ...'; if a "
                "clause in the middle was left out, the numbers after it have shifted",
                clause.anchor,
            )
        for clause in t.clauses[count:]:
            self.add(
                t.path,
                clause.line,
                f"clause {clause.number} is not in the Dutch source (article {s.number} has {count} "
                f"clause{'s' if count != 1 else ''} there, {s.path}:{s.line})",
                "a translation has exactly the clauses of its source: remove it or join it to the clause "
                "it belongs to",
                clause.anchor,
            )

    def preamble(self, source_text: str, translation_text: str) -> None:
        s_blocks, t_blocks = preamble_blocks(source_text), preamble_blocks(translation_text)
        s_path = self.s.articles[0].path if self.s.articles else AGREEMENT_FILE
        t_path = self.prefix + AGREEMENT_FILE
        hint = (
            "the preamble mirrors the Dutch blocks one to one: each paragraph and list item "
            "(parties, recitals a., b., ...) translated in its own block with the same marker"
        )
        for index, (s, t) in enumerate(zip(s_blocks, t_blocks, strict=False), start=1):
            if (s.kind, s.marker) != (t.kind, t.marker):
                self.add(
                    t_path,
                    t.line,
                    f"preamble block {index} is a {t.describe()}, the Dutch preamble has a {s.describe()} "
                    f"there ({s_path}:{s.line})",
                    hint,
                    PREAMBLE,
                )
                return
        if len(s_blocks) != len(t_blocks):
            first_extra = min(len(s_blocks), len(t_blocks))
            line = (
                t_blocks[first_extra].line
                if len(t_blocks) > first_extra
                else (t_blocks[-1].line if t_blocks else 1)
            )
            where = (
                f"; block {first_extra + 1} is at {s_path}:{s_blocks[first_extra].line}"
                if len(s_blocks) > first_extra
                else ""
            )
            self.add(
                t_path,
                line,
                f"the preamble has {len(t_blocks)} blocks, the Dutch preamble {len(s_blocks)}{where}",
                hint,
                PREAMBLE,
            )

    def annexes(self, source_files: Mapping[str, str], translation_files: Mapping[str, str]) -> None:
        s_files = {a.path.rsplit("/", 1)[-1]: a for a in self.s.annexes}
        t_files = {a.path.rsplit("/", 1)[-1]: a for a in self.t.annexes}
        for name, s in s_files.items():
            t = t_files.get(name)
            if t is None:
                self.add(
                    f"{self.prefix}{ANNEX_DIR}/{name}",
                    1,
                    f"annex {s.number} {{#{s.id}}} is missing (the Dutch source has it at {s.path}:{s.line})",
                    f"translate it into a file of the same name, starting '# {self.words.annex} {s.number}. "
                    f"<title> {{#{s.id}}}'",
                    s.id,
                )
                continue
            if t.id != s.id:
                self.add(
                    t.path,
                    t.line,
                    f"annex {t.number} has the id '{t.id}', the Dutch annex has '{s.id}' ({s.path}:{s.line})",
                    f"ids are the same in every language: write {{#{s.id}}}",
                    s.id,
                )
            elif t.number != s.number:
                self.add(
                    t.path,
                    t.line,
                    f"annex {{#{t.id}}} is numbered {t.number}, in the Dutch source it is annex {s.number} "
                    f"({s.path}:{s.line})",
                    ORDER_HINT,
                    s.id,
                )
            else:
                self.annex_parts(s.id, f"{ANNEX_DIR}/{name}", s.path, t.path, source_files, translation_files)
        for name, t in t_files.items():
            if name not in s_files:
                self.add(
                    t.path,
                    t.line,
                    f"annex {t.number} {{#{t.id}}} ({ANNEX_DIR}/{name}) is not in the Dutch source",
                    "a translation has exactly the annexes of its source, in files of the same names",
                    t.id,
                )

    def annex_parts(
        self,
        unit: str,
        rel: str,
        s_path: str,
        t_path: str,
        source_files: Mapping[str, str],
        translation_files: Mapping[str, str],
    ) -> None:
        s_parts = annex_parts(source_files.get(rel, ""))
        t_parts = annex_parts(translation_files.get(rel, ""))
        hint = (
            "an annex mirrors the Dutch sections and tables: the same headings, and tables with the "
            "same columns"
        )
        for s, t in zip(s_parts, t_parts, strict=False):
            if (s.kind, s.shape) != (t.kind, t.shape):
                self.add(
                    t_path,
                    t.line,
                    f"{t.describe()} where the Dutch annex has {s.describe()} ({s_path}:{s.line})",
                    hint,
                    unit,
                )
                return
        if len(s_parts) > len(t_parts):
            s = s_parts[len(t_parts)]
            self.add(
                t_path,
                t_parts[-1].line if t_parts else 1,
                f"{s.describe()} is missing ({s_path}:{s.line})",
                hint,
                unit,
            )
        elif len(t_parts) > len(s_parts):
            t = t_parts[len(s_parts)]
            self.add(t_path, t.line, f"{t.describe()} that the Dutch annex does not have", hint, unit)

    def explanations(self) -> None:
        s_ids = {e.target_id: e for e in self.s.explanations}
        t_ids = {e.target_id: e for e in self.t.explanations}
        path = self.prefix + EXPLANATION_FILE
        renamed: set[str] = set()
        for index, t in enumerate(self.t.explanations):
            unit = explanation_key(t.target_id)
            s = s_ids.get(t.target_id)
            if s is None:
                other = self.s.explanations[index] if index < len(self.s.explanations) else None
                if other is not None and other.target_id not in t_ids:
                    renamed.add(other.target_id)
                    what = (
                        f"the toelichting section {{#{t.target_id}}} stands where the Dutch toelichting has "
                        f"{{#{other.target_id}}} ({other.path}:{other.line})"
                    )
                    self.add(
                        t.path,
                        t.line,
                        what,
                        f"ids are the same in every language: write {{#{other.target_id}}}",
                        unit,
                    )
                else:
                    self.add(
                        t.path,
                        t.line,
                        f"the toelichting section {{#{t.target_id}}} is not in the Dutch toelichting",
                        "a translation has exactly the toelichting sections of its source",
                        unit,
                    )
                continue
            self.section_title(s.title, t.title, t.path, t.line, s.path, s.line, unit)
        shared = [e.target_id for e in self.t.explanations if e.target_id in s_ids]
        order = [e.target_id for e in self.s.explanations if e.target_id in t_ids]
        for here, there in zip(shared, order, strict=True):
            if here != there:
                t, s = t_ids[here], s_ids[here]
                self.findings.append(
                    Finding(
                        t.path,
                        t.line,
                        f"the toelichting section {{#{here}}} is in another place than in the Dutch "
                        f"toelichting ({s.path}:{s.line})",
                        ORDER_HINT,
                    )
                )
                break
        for position, s in enumerate(self.s.explanations):
            if s.target_id in t_ids or s.target_id in renamed:
                continue
            later = next(
                (t_ids[e.target_id] for e in self.s.explanations[position:] if e.target_id in t_ids), None
            )
            self.add(
                later.path if later else path,
                later.line if later else 1,
                f"the toelichting section {{#{s.target_id}}} is missing (the Dutch source has it at "
                f"{s.path}:{s.line})",
                f"translate it: '## {self._section_heading(s.title)} {{#{s.target_id}}}'",
                explanation_key(s.target_id),
            )
        if self.s.explanation_intro and not self.t.explanation_intro:
            self.add(
                path,
                1,
                "the toelichting has no introduction; the Dutch toelichting has one",
                "translate it",
                EXPLANATION,
            )
        elif self.t.explanation_intro and not self.s.explanation_intro:
            self.add(
                path,
                1,
                "the toelichting has an introduction; the Dutch toelichting has none",
                "remove it",
                EXPLANATION,
            )

    def _section_heading(self, dutch: str) -> str:
        match = NUMBERED_TITLE.match(dutch)
        if match is None:
            return "<title>"
        word = {KEYWORDS["nl"].article: self.words.article, KEYWORDS["nl"].annex: self.words.annex}.get(
            match[1]
        )
        return f"{word or match[1]} {match[2]}. <title>"

    def section_title(
        self, dutch: str, english: str, t_path: str, t_line: int, s_path: str, s_line: int, unit: str
    ) -> None:
        match = NUMBERED_TITLE.match(dutch)
        if match is None:
            return
        expected = self._section_heading(dutch).removesuffix(" <title>")
        if not english.startswith(expected + " ") and english != expected:
            self.add(
                t_path,
                t_line,
                f"the toelichting section is titled '{english}', the Dutch section '{dutch}' "
                f"({s_path}:{s_line})",
                f"start its title with '{expected}', as the article or annex it explains",
                unit,
            )


def compare(
    source: Agreement,
    translation: Agreement,
    *,
    stamps: Mapping[str, str],
    source_files: Mapping[str, str],
    translation_files: Mapping[str, str],
    prefix: str,
) -> list[Finding]:
    """Every structural difference of ``translation`` (files under ``prefix``, e.g.
    ``vertalingen/en/``) from ``source``; ``*_files`` map ``overeenkomst.md`` and
    ``bijlagen/<name>.md`` to their text."""
    aligner = _Aligner(source, translation, stamps, prefix)
    aligner.preamble(source_files.get(AGREEMENT_FILE, ""), translation_files.get(AGREEMENT_FILE, ""))
    aligner.articles()
    aligner.annexes(source_files, translation_files)
    aligner.explanations()
    return aligner.findings


def errors(findings: Sequence[Finding], *, published: bool) -> list[Finding]:
    """The findings that are errors: all of them for a published translation."""
    return list(findings) if published else [f for f in findings if not f.behind]
