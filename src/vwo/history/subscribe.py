"""The page "Abonneren": what a feed is, which feeds the site has, how to follow them
(pure: links in, Markdown out; ``templates/subscribe.md.j2``).

E-mail: the site sends none. When the maintainers run a feed-to-mail service of their
own, ``extra.vwo.email_alerts`` (a sentence) and ``extra.vwo.email_alerts_url`` say
so on the page; without them the page explains how an e-mail programme follows a feed and
recommends no third party (which would get the reader's address and could track them).
"""

from __future__ import annotations

from dataclasses import dataclass

from vwo.site.render import render

SUBSCRIBE_PAGE = "abonneren.md"


@dataclass(frozen=True)
class FeedLink:
    title: str
    what: str
    href: str
    """Relative to the page."""
    url: str
    """The absolute address to copy into a feed reader ("" without ``site_url``)."""


def subscribe_page(feeds: list[FeedLink], *, email: str = "", email_url: str = "", about: str = "") -> str:
    return render("subscribe.md.j2", feeds=feeds, email=email, email_url=email_url, about=about)
