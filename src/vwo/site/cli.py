"""Subcommand ``vwo check-links SITE_DIR``: the link check of a built site.

Pipeline: ``SITE_DIR`` (a ``mkdocs build`` or an exported ``gh-pages`` tree) and the
site's ``site_url`` and ``repo_url`` (from ``mkdocs.yml``, or the options) ->
``linkcheck.scan_links`` -> one line per problem on stderr; exit 1 if there is any.
The handler imports the check, so that every other ``vwo`` command starts without it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vwo.errors import VwoError


def _cmd_check_links(args: argparse.Namespace) -> int:
    from vwo.site.build import site_settings
    from vwo.site.escape import terminal_line
    from vwo.site.linkcheck import DEFAULT_ALLOWED, REVIEWED_EXTERNAL, scan_links

    site = Path(args.site_dir)
    if not site.is_dir():
        what = "is a file, not a folder" if site.exists() else "no such folder"
        raise VwoError(str(site), what, "build the site first (mkdocs build, or git archive gh-pages)")
    settings = site_settings(Path(args.C))
    site_url = args.site_url if args.site_url is not None else settings.site_url
    own = [settings.repo_url] if settings.repo_url else list(DEFAULT_ALLOWED)
    report = scan_links(site, allowed=[*own, *REVIEWED_EXTERNAL, *args.allow], site_url=site_url)
    for problem in report.problems:
        print(f"error: {terminal_line(problem)}", file=sys.stderr)
    if report.problems:
        count = len(report.problems)
        print(
            f"vwo check-links: {count} {'probleem' if count == 1 else 'problemen'} in {site}", file=sys.stderr
        )
        return 1
    print(f"vwo check-links: {site}: alle links in orde")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "check-links",
        help="check every link and anchor of a built site; nothing may load from elsewhere",
        description=(
            "Every internal link and #anchor resolves; links leave the site only to the repository "
            "(repo_url), reviewed addresses and mailto:; scripts, styles and images are local."
        ),
    )
    parser.add_argument("site_dir", metavar="SITE_DIR", help="the built site or an exported gh-pages tree")
    parser.add_argument("--site-url", help="the site's address (default: site_url in mkdocs.yml)")
    parser.add_argument(
        "--allow", action="append", default=[], metavar="PREFIX", help="another address links may go to"
    )
    parser.set_defaults(handler=_cmd_check_links)
