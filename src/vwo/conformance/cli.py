"""``vwo toets FILE``: which version a copy of the agreement is, and where it deviates.

Pipeline: arguments -> ``sources.load_candidates`` (the published versions, or the one
asked for) -> ``extract.read_file`` + ``extract.extract`` -> ``check.check`` -> one
renderer (``md``, ``json``, ``html``, ``docx``) -> stdout, or ``--out`` written whole
(temporary file, renamed). Exit 0: the copy is a version of the standard without
deviations; 1: deviations, or no version recognised; 2: bad input (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vwo.atomic import write_atomic
from vwo.errors import VwoError

FORMATS = ("md", "json", "html", "docx")
HELP = """\
FILE: a copy of the agreement as .docx, .odt, .pdf (with a text layer), .md or .txt.

Reports which published version it is (a score per version) and, per article and
clause of that version: identical, changed (with a word-level redline) or missing; text
that is in no clause, where it stands; articles moved or renumbered; the filled-in
parts of the annexes, listed apart. Tracked changes count as accepted.

Formats: md (default), json (schema vwo-toets/1, docs/over/toetsen-json.md), html (one
standalone page), docx (the standard's text with the copy's deviations as tracked
changes; needs --out and a version). Exit status: 0 no deviations, 1 deviations or no version
recognised, 2 bad input."""


def run(args: argparse.Namespace) -> int:
    # Imported here: every other command of ``vwo`` starts without them.
    from vwo.conformance.check import check
    from vwo.conformance.extract import extract, read_file
    from vwo.conformance.render.data import report_json
    from vwo.conformance.render.html import report_html
    from vwo.conformance.render.markdown import report_markdown
    from vwo.conformance.sources import load_candidates

    root = Path(args.C)
    if args.format == "docx" and not args.out:
        raise VwoError("--format docx", "a Word document needs a file", "add --out FILE.docx")
    candidates = load_candidates(root, args.version)
    where = args.file
    data = read_file(Path(args.file), where)
    report = check(
        Path(args.file).name, extract(data, args.file, where), candidates, args.version, where=where
    )
    if args.format == "docx":
        from vwo.conformance.render.word import report_docx

        if not report.recognised:
            raise VwoError(
                where,
                "no version of the standard recognised: a Word redline needs one",
                "give the version with --version X.Y, or see the scores with --format md",
            )

        write_atomic(Path(args.out), report_docx(report))
    else:
        text = {"json": report_json, "html": report_html, "md": report_markdown}[args.format](report)
        if args.out:
            write_atomic(Path(args.out), text.encode("utf-8"))
        else:
            sys.stdout.write(text)
    clean = report.recognised and report.summary is not None and report.summary.identical
    return 0 if clean else 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "toets",
        help="check a copy of the agreement: its version and its deviations",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="the copy: .docx, .odt, .pdf, .md or .txt")
    parser.add_argument("--version", metavar="X.Y", help="compare with this version (or concept)")
    parser.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=run)
