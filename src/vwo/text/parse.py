"""Parse the agreement's Markdown sources into the content model.

Pipeline: source texts (``{relative path: text}``) -> line scan per file -> model
(``vwo.text.model.Agreement``). Every malformed input raises ``ParseError`` naming the
file and line, with a hint. ``load_agreement`` reads the files from a folder
(``docs/`` or ``versions/X.Y/``); ``parse_sources`` is the pure core.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from vwo.errors import ParseError
from vwo.text.model import (
    AGREEMENT_FILE,
    ANNEX_DIR,
    EXPLANATION_FILE,
    Agreement,
    Annex,
    Article,
    Clause,
    Explanation,
)

ID = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
ARTICLE_HEADING = re.compile(r"^## +Artikel +(\d+)\. *(.*?) *(?:\{#([^}\s]*)\})? *$")
ANNEX_HEADING = re.compile(r"^# +Bijlage +(\d+)\. *(.*?) *(?:\{#([^}\s]*)\})? *$")
SECTION_HEADING = re.compile(r"^## +(.*?) *(?:\{#([^}\s]*)\})? *$")
CLAUSE_START = re.compile(r"^(\d+)\.(\d+) +(\S.*)$")
ID_RE = re.compile(rf"^{ID}$")
FENCE = re.compile(r"^(```|~~~)")

HEADING_HINT = "write it as '## Artikel 7. Subverwerkers {#subverwerkers}'"
ANNEX_HINT = "write it as '# Bijlage 2. Beveiligingsmaatregelen {#bijlage-beveiliging}'"


def parse_sources(sources: Mapping[str, str], *, prefix: str = "") -> Agreement:
    """Build the model from ``{relative path: text}``; ``prefix`` is prepended in messages.

    Expected paths: ``overeenkomst.md``, ``toelichting.md`` and ``bijlagen/*.md``.
    """
    if AGREEMENT_FILE not in sources:
        raise ParseError(
            prefix + AGREEMENT_FILE,
            0,
            "the agreement file is missing",
            "every text folder holds overeenkomst.md, toelichting.md and bijlagen/",
        )
    title, preamble, articles = parse_agreement(sources[AGREEMENT_FILE], prefix + AGREEMENT_FILE)
    annex_paths = sorted(p for p in sources if p.startswith(ANNEX_DIR + "/") and p.endswith(".md"))
    annexes = parse_annexes({prefix + p: sources[p] for p in annex_paths})
    seen: dict[str, str] = {a.id: f"{a.path}:{a.line}" for a in articles}
    for annex in annexes:
        if annex.id in seen:
            raise ParseError(
                annex.path,
                annex.line,
                f"duplicate id '{annex.id}' (also at {seen[annex.id]})",
                "ids are unique across articles and annexes; choose another id",
            )
        seen[annex.id] = f"{annex.path}:{annex.line}"
    intro: str = ""
    explanations: tuple[Explanation, ...] = ()
    if EXPLANATION_FILE in sources:
        intro, explanations = parse_explanations(
            sources[EXPLANATION_FILE], prefix + EXPLANATION_FILE, known_ids=set(seen)
        )
    return Agreement(title, preamble, articles, annexes, intro, explanations)


def load_agreement(folder: Path, *, display: str | None = None) -> Agreement:
    """Read the text folder ``folder`` (``docs/`` or ``versions/X.Y/``) and parse it."""
    prefix = (display if display is not None else str(folder)).rstrip("/") + "/"
    sources: dict[str, str] = {}
    for name in (AGREEMENT_FILE, EXPLANATION_FILE):
        path = folder / name
        if path.is_file():
            sources[name] = path.read_text(encoding="utf-8")
    annex_dir = folder / ANNEX_DIR
    if annex_dir.is_dir():
        for path in sorted(annex_dir.glob("*.md")):
            sources[f"{ANNEX_DIR}/{path.name}"] = path.read_text(encoding="utf-8")
    return parse_sources(sources, prefix=prefix)


def _lines(text: str) -> list[tuple[int, str]]:
    """Numbered lines with front matter and fenced code blanked out (kept for numbering)."""
    lines = text.splitlines()
    out: list[tuple[int, str]] = []
    in_front = bool(lines) and lines[0].strip() == "---"
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if in_front:
            if number > 1 and line.strip() in ("---", "..."):
                in_front = False
            out.append((number, ""))
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            out.append((number, ""))
            continue
        out.append((number, "" if in_fence else line))
    return out


def _block(lines: list[tuple[int, str]]) -> str:
    return "\n".join(text for _, text in lines).strip("\n")


def _last_text_line(lines: list[tuple[int, str]], default: int) -> int:
    return next((n for n, text in reversed(lines) if text.strip()), default)


def _check_id(path: str, line: int, found: str | None, hint: str) -> str:
    if not found:
        raise ParseError(path, line, "heading has no stable id", hint)
    if not ID_RE.match(found):
        raise ParseError(
            path,
            line,
            f"id '{found}' is not valid",
            "use lower-case letters, digits and single hyphens, e.g. {#subverwerkers}",
        )
    return found


def parse_agreement(text: str, path: str) -> tuple[str, str, tuple[Article, ...]]:
    """``overeenkomst.md`` -> (title, preamble Markdown, articles)."""
    title = ""
    preamble: list[tuple[int, str]] = []
    articles: list[Article] = []
    seen: dict[str, int] = {}
    current: dict[str, object] | None = None
    body: list[tuple[int, str]] = []

    def close(end: int) -> None:
        if current is None:
            return
        articles.append(_make_article(current, body, path, end))

    lines = _lines(text)
    for number, line in lines:
        if line.startswith("# ") and not title and current is None:
            title = line[2:].strip()
            if not title:
                raise ParseError(path, number, "the document title is empty", "start with '# <title>'")
            continue
        if line.startswith("#"):
            match = ARTICLE_HEADING.match(line)
            if not match:
                raise ParseError(
                    path,
                    number,
                    f"unexpected heading {line.strip()!r}",
                    "only article headings are allowed here; " + HEADING_HINT,
                )
            close(number - 1)
            art_no, art_title, art_id = int(match[1]), match[2], match[3]
            art_id = _check_id(path, number, art_id, HEADING_HINT)
            if not art_title:
                raise ParseError(path, number, f"article {art_no} has an empty title", HEADING_HINT)
            expected = len(articles) + 1
            if art_no != expected:
                raise ParseError(
                    path,
                    number,
                    f"article number {art_no} out of order (expected {expected})",
                    "number articles 1, 2, 3, ... in document order; ids stay the same",
                )
            if art_id in seen:
                raise ParseError(
                    path,
                    number,
                    f"duplicate article id '{art_id}' (first at line {seen[art_id]})",
                    "every article needs its own id; ids never change once published",
                )
            seen[art_id] = number
            current = {"id": art_id, "number": art_no, "title": art_title, "line": number}
            body = []
            continue
        if current is None:
            preamble.append((number, line))
        else:
            body.append((number, line))
    close(lines[-1][0] if lines else 0)
    if not title:
        raise ParseError(path, 1, "the agreement has no title", "start the file with '# <title>'")
    if not articles:
        raise ParseError(path, len(lines), "the agreement has no articles", HEADING_HINT)
    return title, _block(preamble), tuple(articles)


def _make_article(head: dict[str, object], body: list[tuple[int, str]], path: str, end: int) -> Article:
    art_id, art_no = str(head["id"]), int(str(head["number"]))
    line = int(str(head["line"]))
    clauses: list[Clause] = []
    chunk: list[tuple[int, str]] = []
    start: tuple[int, int] | None = None  # (lid, line)

    def flush() -> None:
        if start is None:
            return
        lid, first = start
        clauses.append(Clause(art_id, art_no, lid, _block(chunk), first, _last_text_line(chunk, first)))

    for number, text in body:
        match = CLAUSE_START.match(text)
        if match:
            flush()
            c_art, c_lid = int(match[1]), int(match[2])
            if c_art != art_no:
                raise ParseError(
                    path,
                    number,
                    f"clause {c_art}.{c_lid} is in article {art_no}",
                    f"number the clauses of article {art_no} as {art_no}.1, {art_no}.2, ...",
                )
            expected = len(clauses) + 1
            if c_lid != expected:
                raise ParseError(
                    path,
                    number,
                    f"clause {c_art}.{c_lid} out of order (expected {art_no}.{expected})",
                    "number clauses consecutively without gaps",
                )
            start = (c_lid, number)
            chunk = [(number, match[3])]
        elif start is None:
            if text.strip():
                raise ParseError(
                    path,
                    number,
                    f"text before the first clause of article {art_no}",
                    f"start the article's text with '{art_no}.1 '",
                )
        else:
            chunk.append((number, text))
    flush()
    if not clauses:
        raise ParseError(path, line, f"article {art_no} has no clauses", f"add a clause '{art_no}.1 ...'")
    return Article(
        art_id,
        art_no,
        str(head["title"]),
        tuple(clauses),
        path,
        line,
        _last_text_line(body, line) if body else line,
    )


def parse_annexes(files: Mapping[str, str]) -> tuple[Annex, ...]:
    """``{path: text}`` of ``bijlagen/*.md`` -> annexes, ordered and numbered 1..n."""
    annexes: list[Annex] = []
    for path, text in files.items():
        lines = _lines(text)
        first = next(((n, t) for n, t in lines if t.strip()), None)
        if first is None:
            raise ParseError(path, 1, "the annex is empty", ANNEX_HINT)
        number, heading = first
        match = ANNEX_HEADING.match(heading)
        if not match:
            raise ParseError(
                path, number, f"the annex must start with its heading, found {heading.strip()!r}", ANNEX_HINT
            )
        annex_id = _check_id(path, number, match[3], ANNEX_HINT)
        if not match[2]:
            raise ParseError(path, number, f"annex {match[1]} has an empty title", ANNEX_HINT)
        rest = [(n, t) for n, t in lines if n > number]
        for n, t in rest:
            if t.startswith("# "):
                raise ParseError(
                    path,
                    n,
                    "a second level-1 heading in an annex",
                    "one annex per file; use '##' for sections inside an annex",
                )
        annexes.append(Annex(annex_id, int(match[1]), match[2], _block(rest), path, number))
    annexes.sort(key=lambda a: a.number)
    seen: dict[str, Annex] = {}
    for expected, annex in enumerate(annexes, start=1):
        if annex.id in seen:
            other = seen[annex.id]
            raise ParseError(
                annex.path,
                annex.line,
                f"duplicate annex id '{annex.id}' (also in {other.path})",
                "every annex needs its own id",
            )
        seen[annex.id] = annex
        if annex.number != expected:
            raise ParseError(
                annex.path,
                annex.line,
                f"annex number {annex.number} out of order (expected {expected})",
                "number annexes 1, 2, 3, ... without gaps or doubles",
            )
    return tuple(annexes)


def parse_explanations(text: str, path: str, *, known_ids: set[str]) -> tuple[str, tuple[Explanation, ...]]:
    """``toelichting.md`` -> (general introduction, explanations keyed by article/annex id)."""
    intro: list[tuple[int, str]] = []
    sections: list[tuple[str, str, int, list[tuple[int, str]]]] = []
    seen: dict[str, int] = {}
    for number, line in _lines(text):
        if line.startswith("# ") and not sections:
            continue  # the page title
        if line.startswith("## "):
            match = SECTION_HEADING.match(line)
            assert match is not None  # the pattern accepts every '## ' line
            hint = "key each section by the article id, e.g. '## Artikel 7. Subverwerkers {#subverwerkers}'"
            target = _check_id(path, number, match[2], hint)
            if not match[1]:
                raise ParseError(path, number, "the toelichting section has an empty title", hint)
            if target not in known_ids:
                raise ParseError(
                    path,
                    number,
                    f"toelichting for unknown article '{target}'",
                    "use the id of an article or annex in overeenkomst.md or bijlagen/",
                )
            if target in seen:
                raise ParseError(
                    path,
                    number,
                    f"second toelichting for '{target}' (first at line {seen[target]})",
                    "merge the two sections",
                )
            seen[target] = number
            sections.append((target, match[1], number, []))
            continue
        if line.startswith("#") and not line.startswith("###"):
            raise ParseError(
                path,
                number,
                f"unexpected heading {line.strip()!r}",
                "use '##' for a section per article and '###' inside a section",
            )
        (sections[-1][3] if sections else intro).append((number, line))
    explanations = tuple(Explanation(t, title, _block(body), path, line) for t, title, line, body in sections)
    return _block(intro), explanations
