"""The "outstanding changes" notice: which articles of the current version have a change
in the concept that is not adopted yet (pure).

Pipeline: the current version's agreement and the concept's -> the ids of the articles
whose title or clauses differ (or that the concept adds) -> ``openstaand.json``, published
with the concept (``concept/openstaand.json``). The current version's pages are frozen, so
they read this file at run time (``docs/assets/vwo.js``) and show the notice beside each
such article; without JavaScript the status box says to check the concept (a static
line and link, ``templates/version_statusbox.html.j2``).
"""

from __future__ import annotations

import json

from vwo.text.model import Agreement, Article

PENDING_JSON = "openstaand.json"
SCHEMA = 1


def _content(article: Article) -> tuple[str, tuple[str, ...]]:
    return article.title.strip(), tuple(" ".join(c.text.split()) for c in article.clauses)


def pending_articles(current: Agreement, concept: Agreement) -> list[str]:
    """Ids of the concept's articles that differ from (or are new against) ``current``, in order."""
    old = {article.id: _content(article) for article in current.articles}
    return [a.id for a in concept.articles if old.get(a.id) != _content(a)]


def pending_json(version: str, articles: list[str]) -> str:
    """``openstaand.json``: the version compared with, and per article the anchor of its
    change on the comparison page (relative to the concept's folder)."""
    data = {
        "schema": SCHEMA,
        "vergeleken_met": version,
        "vergelijking": f"vergelijken/{version}/",
        "artikelen": {article: f"vergelijken/{version}/#{article}" for article in articles},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
