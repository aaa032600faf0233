"""The content model of the agreement: Agreement -> Article -> Clause, plus annexes
and the toelichting keyed by article id.

Every feature (site, compare, downloads, changelog) reads the agreement through this
model; ``vwo.text.parse`` is the only code that builds it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

AGREEMENT_FILE = "overeenkomst.md"
EXPLANATION_FILE = "toelichting.md"
ANNEX_DIR = "bijlagen"
# Which provisions each article implements (the AVG-toets): vwo.text.coverage.
COVERAGE_FILE = "dekking.yml"


@dataclass(frozen=True)
class Clause:
    """One numbered clause (lid), e.g. 7.2. ``text`` is its Markdown without the number."""

    article_id: str
    article_number: int
    lid: int
    text: str
    line: int
    end_line: int

    @property
    def number(self) -> str:
        return f"{self.article_number}.{self.lid}"

    @property
    def anchor(self) -> str:
        """Stable anchor: the article's id plus the clause's position, ``subverwerkers-2``."""
        return f"{self.article_id}-{self.lid}"


@dataclass(frozen=True)
class Article:
    id: str
    number: int
    title: str
    clauses: tuple[Clause, ...]
    path: str
    line: int
    end_line: int
    keyword: str = "Artikel"
    """The heading's first word: "Artikel", or "Article" in an English translation."""

    @property
    def heading(self) -> str:
        return f"{self.keyword} {self.number}. {self.title}"


@dataclass(frozen=True)
class Annex:
    """A bijlage: a numbered title and a free Markdown body (tables to fill in, lists)."""

    id: str
    number: int
    title: str
    body: str
    path: str
    line: int
    keyword: str = "Bijlage"

    @property
    def heading(self) -> str:
        return f"{self.keyword} {self.number}. {self.title}"


@dataclass(frozen=True)
class Explanation:
    """The toelichting on one article or annex, keyed by its stable id."""

    target_id: str
    title: str
    body: str
    path: str
    line: int


@dataclass(frozen=True)
class Agreement:
    title: str
    preamble: str
    articles: tuple[Article, ...]
    annexes: tuple[Annex, ...]
    explanation_intro: str
    explanations: tuple[Explanation, ...]

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def annex(self, annex_id: str) -> Annex | None:
        return next((a for a in self.annexes if a.id == annex_id), None)

    def explanation(self, target_id: str) -> Explanation | None:
        return next((e for e in self.explanations if e.target_id == target_id), None)

    def clauses(self) -> Iterator[Clause]:
        for article in self.articles:
            yield from article.clauses

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.articles) + tuple(a.id for a in self.annexes)
