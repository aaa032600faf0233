"""The agreement page in the browser: each article's reaction links carry article and version."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from tests.browser.conftest import Visit
from tests.browser.pages import AGREEMENT, PAGES, VERSION_PREFIXES

# Per article: its id, number (from the heading) and the hrefs of the reaction paragraph
# that belongs to it (the next .vwo-reageer before the next article).
ARTICLES = """() => [...document.querySelectorAll('.md-content h2[id]')].map(h => {
  let el = h.nextElementSibling;
  while (el && !(el.matches('h2') || el.matches('.vwo-reageer'))) el = el.nextElementSibling;
  const links = el && el.matches('.vwo-reageer') ? [...el.querySelectorAll('a')].map(a => a.href) : [];
  return {id: h.id, heading: h.textContent.replace(/#$/, '').trim(), links};
})"""


def test_reaction_links_carry_article_and_version(visit: Callable[[str], Visit]) -> None:
    record = visit("desktop")
    for prefix, version in VERSION_PREFIXES.items():
        record.goto(prefix + PAGES[AGREEMENT])
        articles = record.page.evaluate(ARTICLES)
        assert len(articles) >= 2, articles
        for article in articles:
            where = f"{prefix}{PAGES[AGREEMENT]}#{article['id']}"
            number = article["heading"].split(".")[0].removeprefix("Artikel ").strip()
            issue = [u for u in article["links"] if u.startswith("https://")]
            mail = [u for u in article["links"] if u.startswith("mailto:")]
            assert len(issue) == 1 and len(mail) == 1, f"{where}: {article['links']}"
            query = parse_qs(urlsplit(issue[0]).query)
            assert query["artikel"] == [article["id"]], where
            assert query["versie"] == [version], where
            assert query["title"][0].startswith(f"Artikel {number} ({article['id']}), versie {version}"), (
                where
            )
            mail_query = parse_qs(urlsplit(mail[0]).query)
            assert f"versie {version}" in mail_query["subject"][0], where
            assert f"Artikel {number}." in mail_query["subject"][0], where
            assert f"(#{article['id']})" in unquote(mail_query["body"][0]), where
