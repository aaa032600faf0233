"""Parse the agreement's Markdown sources into the content model.

Pipeline: source texts (``{relative path: text}``) -> each checked to be plain prose
(``vwo.text.inert``: no raw HTML, raw attributes, code blocks, control or bidi
characters) -> line scan per file -> model (``vwo.text.model.Agreement``). Every
malformed input raises ``ParseError`` naming the file and line, with a hint.
``load_agreement`` reads the files from a folder (``docs/`` or ``versions/X.Y/``; bytes
that are not UTF-8 are an error naming the line); ``parse_sources`` is the pure core.

Numbers (of articles, clauses, annexes) are the ASCII digits 0-9: a Unicode digit class would also
read ``٢`` or ``２`` as 2. Annex files are named ``bijlagen/<lower-case-name>.md``: a
hidden file (``.bijlage-5.md``) or another name is refused rather than silently left out
of one of the commands that copy the text.

``language`` names the heading keywords (``KEYWORDS``): ``nl`` for the agreement itself,
``en`` for its English translation (``vwo.translation``); every other rule is the same.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vwo.errors import ParseError, VwoError
from vwo.text.inert import check_source
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
ANNEX_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.md$")

HEADING_HINT = "write it as '## Artikel 7. Subverwerkers {#subverwerkers}'"
ANNEX_HINT = "write it as '# Bijlage 2. Beveiligingsmaatregelen {#bijlage-beveiliging}'"


@dataclass(frozen=True)
class Keywords:
    """The words that open article and annex headings in one language, with a hint each."""

    article: str
    annex: str
    heading_hint: str
    annex_hint: str


KEYWORDS = {
    "nl": Keywords("Artikel", "Bijlage", HEADING_HINT, ANNEX_HINT),
    "en": Keywords(
        "Article",
        "Annex",
        "write it as '## Article 7. Sub-processors {#subverwerkers}' (the id as in the Dutch text)",
        "write it as '# Annex 2. Security measures {#bijlage-beveiliging}' (the id as in the Dutch text)",
    ),
}


@cache
def _patterns(language: str) -> tuple[Keywords, re.Pattern[str], re.Pattern[str]]:
    """(keywords, article heading, annex heading) of ``language``; Dutch: the patterns above."""
    if language not in KEYWORDS:
        raise VwoError(language, f"unknown text language '{language}'", "use one of: " + ", ".join(KEYWORDS))
    words = KEYWORDS[language]
    if language == "nl":
        return words, ARTICLE_HEADING, ANNEX_HEADING
    article = ARTICLE_HEADING.pattern.replace("Artikel", re.escape(words.article), 1)
    annex = ANNEX_HEADING.pattern.replace("Bijlage", re.escape(words.annex), 1)
    return words, re.compile(article), re.compile(annex)


def parse_sources(
    sources: Mapping[str, str], *, prefix: str = "", language: str = "nl", also_known: Collection[str] = ()
) -> Agreement:
    """Build the model from ``{relative path: text}``; ``prefix`` is prepended in messages.
    ``also_known``: ids the toelichting may name besides the text's own (a translation's
    source ids, so that a mistaken article id is reported once, by ``vwo.translation``).

    Expected paths: ``overeenkomst.md``, ``toelichting.md`` and ``bijlagen/*.md``.
    """
    if AGREEMENT_FILE not in sources:
        raise ParseError(
            prefix + AGREEMENT_FILE,
            0,
            "the agreement file is missing",
            "every text folder holds overeenkomst.md, toelichting.md and bijlagen/",
        )
    title, preamble, articles = parse_agreement(sources[AGREEMENT_FILE], prefix + AGREEMENT_FILE, language)
    annex_paths = sorted(
        p for p in sources if p.startswith(ANNEX_DIR + "/") and p.endswith(".md") and p.count("/") == 1
    )
    for annex_path in annex_paths:
        name = annex_path.split("/", 1)[1]
        if not ANNEX_NAME.match(name):
            what = "a hidden annex file" if name.startswith(".") else f"annex file name {name!r}"
            raise ParseError(
                prefix + annex_path,
                1,
                f"{what}: annex files are named with lower-case letters, digits and hyphens",
                "rename it, e.g. bijlagen/bijlage-5-contact.md (a hidden file would be checked but "
                "left out of vwo adopt and the site)",
            )
    annexes = parse_annexes({prefix + p: sources[p] for p in annex_paths}, language)
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
            sources[EXPLANATION_FILE], prefix + EXPLANATION_FILE, known_ids={*seen, *also_known}
        )
    return Agreement(title, preamble, articles, annexes, intro, explanations)


def load_agreement(
    folder: Path, *, display: str | None = None, language: str = "nl", also_known: Collection[str] = ()
) -> Agreement:
    """Read the text folder ``folder`` (``docs/`` or ``versions/X.Y/``) and parse it. A text
    file that is a folder, a FIFO or device, or a symbolic link to nothing is an error, not
    a missing file."""
    prefix = (display if display is not None else str(folder)).rstrip("/") + "/"
    sources: dict[str, str] = {}
    for name in (AGREEMENT_FILE, EXPLANATION_FILE):
        path = folder / name
        if _text_file(path, prefix + name):
            sources[name] = read_text(path, prefix + name)
    annex_dir = folder / ANNEX_DIR
    if annex_dir.exists() and not annex_dir.is_dir():
        raise ParseError(
            prefix + ANNEX_DIR, 1, "is a file, not the folder of the annexes", "make it a folder"
        )
    if annex_dir.is_dir():
        for path in sorted(annex_dir.glob("*.md")):
            rel = f"{ANNEX_DIR}/{path.name}"
            if _text_file(path, prefix + rel):
                sources[rel] = read_text(path, prefix + rel)
    return parse_sources(sources, prefix=prefix, language=language, also_known=also_known)


def _text_file(path: Path, where: str) -> bool:
    """Whether ``path`` is there to be read; raises for something that is there but is no
    regular file (it would be skipped by one command and read by another)."""
    if path.is_file():
        return True
    if path.is_symlink():
        raise ParseError(
            where, 1, "a symbolic link to nothing (or to itself)", "remove it, or make it a file"
        )
    if path.exists():
        kind = "a folder" if path.is_dir() else "a FIFO, socket or device"
        raise ParseError(where, 1, f"is {kind}, not a text file", "make it a regular file (UTF-8 Markdown)")
    return False


def read_text(path: Path, where: str) -> str:
    """The file as text; bytes that are not UTF-8 are a ``ParseError`` naming the line."""
    return decode_text(path.read_bytes(), where)


def decode_text(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ParseError(
            where,
            line,
            f"not valid UTF-8 (byte {error.start} of the file, {data[error.start : error.start + 1]!r})",
            "save the file as UTF-8 (the text files are Markdown in UTF-8; this one is in another "
            "encoding, such as Latin-1 or Windows-1252, or is not text)",
        ) from None


def _lines(text: str, path: str) -> list[tuple[int, str]]:
    """Numbered lines, after ``check_source`` refused what is not plain prose."""
    check_source(path, text)
    return list(enumerate(text.splitlines(), start=1))


def _ascii_number(path: str, line: int, kind: str, digits: str) -> int:
    if not digits.isascii():
        raise ParseError(
            path,
            line,
            f"{kind} number {digits!r} is not written with the digits 0-9",
            "write numbers with the ordinary digits 0-9",
        )
    return int(digits)


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


def parse_agreement(text: str, path: str, language: str = "nl") -> tuple[str, str, tuple[Article, ...]]:
    """``overeenkomst.md`` -> (title, preamble Markdown, articles)."""
    words, article_heading, _ = _patterns(language)
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

    lines = _lines(text, path)
    for number, line in lines:
        if line.startswith("# ") and not title and current is None:
            title = line[2:].strip()
            if not title:
                raise ParseError(path, number, "the document title is empty", "start with '# <title>'")
            continue
        if line.startswith("#"):
            match = article_heading.match(line)
            if not match:
                raise ParseError(
                    path,
                    number,
                    f"unexpected heading {line.strip()!r}",
                    "only article headings are allowed here; " + words.heading_hint,
                )
            close(number - 1)
            art_no = _ascii_number(path, number, "article", match[1])
            art_title, art_id = match[2], match[3]
            art_id = _check_id(path, number, art_id, words.heading_hint)
            if not art_title:
                raise ParseError(path, number, f"article {art_no} has an empty title", words.heading_hint)
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
            current = {
                "id": art_id,
                "number": art_no,
                "title": art_title,
                "line": number,
                "kw": words.article,
            }
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
        raise ParseError(path, len(lines), "the agreement has no articles", words.heading_hint)
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
            c_art = _ascii_number(path, number, "clause", match[1])
            c_lid = _ascii_number(path, number, "clause", match[2])
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
        str(head["kw"]),
    )


def parse_annexes(files: Mapping[str, str], language: str = "nl") -> tuple[Annex, ...]:
    """``{path: text}`` of ``bijlagen/*.md`` -> annexes, ordered and numbered 1..n."""
    words, _, annex_heading = _patterns(language)
    annexes: list[Annex] = []
    for path, text in files.items():
        lines = _lines(text, path)
        first = next(((n, t) for n, t in lines if t.strip()), None)
        if first is None:
            raise ParseError(path, 1, "the annex is empty", words.annex_hint)
        number, heading = first
        match = annex_heading.match(heading)
        if not match:
            raise ParseError(
                path,
                number,
                f"the annex must start with its heading, found {heading.strip()!r}",
                words.annex_hint,
            )
        annex_id = _check_id(path, number, match[3], words.annex_hint)
        if not match[2]:
            raise ParseError(path, number, f"annex {match[1]} has an empty title", words.annex_hint)
        rest = [(n, t) for n, t in lines if n > number]
        for n, t in rest:
            if t.startswith("# "):
                raise ParseError(
                    path,
                    n,
                    "a second level-1 heading in an annex",
                    "one annex per file; use '##' for sections inside an annex",
                )
        annex_no = _ascii_number(path, number, "annex", match[1])
        annexes.append(Annex(annex_id, annex_no, match[2], _block(rest), path, number, words.annex))
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
    for number, line in _lines(text, path):
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
