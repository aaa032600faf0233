"""``vwo compare A B``: a comparison of two versions on stdout or in a file.

Pipeline: names -> ``sources.load_side`` -> ``align.compare`` -> one renderer
(``md``, ``json``, ``html`` standalone page, ``docx`` with tracked changes) -> stdout,
or ``--out`` (``vwo.atomic.write_out``: a regular file, whole or not at all). The
handler imports the pipeline, so that every other ``vwo`` command starts without it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from vwo.errors import VwoError
from vwo.interrupt import run_interruptible

FORMATS = ("md", "json", "html", "docx")
HELP = """\
A and B: 'concept' (docs/), a published version 'X.Y' (versions/X.Y/) or '@<git-rev>'
(the text in docs/ at that commit, e.g. @origin/main). A is the older text.

Formats: md (GitHub-flavoured, for pull requests), json (schema vwo-compare/1, with the
provisions each change touches; documented in docs/over/vergelijken-json.md), html (one
standalone page), docx (the newer text with the differences as tracked changes; needs
--out)."""


def standalone_html(page_markdown: str, title: str, fragments: Mapping[str, str]) -> str:
    """The page as the site shows it: Markdown, then the HTML blocks put back in place."""
    import markdown

    from vwo.site.fragments import fill_fragments
    from vwo.site.render import render

    html = markdown.markdown(page_markdown, extensions=["attr_list", "toc", "md_in_html"])
    body = fill_fragments(html, fragments)
    return render("compare_standalone.html.j2", title=title, body=body)


def run(args: argparse.Namespace) -> int:
    from vwo.atomic import check_out, write_out
    from vwo.compare.align import compare
    from vwo.compare.coverage import touched_provisions
    from vwo.compare.data import comparison_json
    from vwo.compare.docx import docx_bytes
    from vwo.compare.markdown import comparison_markdown
    from vwo.compare.page import comparison_page
    from vwo.compare.sources import load_side

    root = Path(args.C)
    if args.format == "docx" and not args.out:
        raise VwoError("--format docx", "a Word document needs a file", "add --out FILE.docx")
    if args.out:
        check_out(Path(args.out), folder=False)  # before the work, not after it
    old, new = load_side(root, args.old), load_side(root, args.new)
    comparison = compare(old.agreement, new.agreement, old_version=old.name, new_version=new.name)
    touched = touched_provisions(comparison, old.coverage, new.coverage)
    if args.format == "docx":
        write_out(Path(args.out), docx_bytes(comparison, day=new.day))
        return 0
    if args.format == "json":
        text = comparison_json(comparison, touched)
    elif args.format == "html":
        title = f"VWO {new.name} vergeleken met {old.name}"
        fragments: dict[str, str] = {}
        page = comparison_page(comparison, links=False, fragments=fragments, touched=touched)
        text = standalone_html(page, title, fragments)
    else:
        text = comparison_markdown(comparison)
    if args.out:
        write_out(Path(args.out), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "compare",
        help="word-level comparison of two versions",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", metavar="A", help="older text: concept, X.Y or @<git-rev>")
    parser.add_argument("new", metavar="B", help="newer text: concept, X.Y or @<git-rev>")
    parser.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=lambda args: run_interruptible("vwo compare", lambda: run(args)))
