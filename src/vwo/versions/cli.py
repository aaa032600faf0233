"""Subcommands ``adopt``, ``publish``, ``serve`` and ``tag-versions``: parse, call the core, print.

Each runs with ``vwo.interrupt.run_interruptible``: Ctrl+C or SIGTERM prints one line
saying what was left (nothing, for these commands), not a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vwo.interrupt import run_interruptible
from vwo.versions.model import STATUSES


def _cmd_adopt(args: argparse.Namespace) -> int:
    from vwo.versions.adopt import Adoption, adopt

    request = Adoption(
        version=args.version,
        status=args.status,
        day=args.date,
        adopted_by=args.adopted_by,
        comply_or_explain_from=args.comply_or_explain_from,
        mandatory_from=args.mandatory_from,
        summary=args.summary,
        force=args.force,
    )

    def run() -> int:
        sha = adopt(Path(args.C), request)
        print(
            f"versions/{args.version}/ vastgelegd in commit {sha[:12]} met tag v{args.version}; "
            "publiceer met 'vwo publish'"
        )
        return 0

    return run_interruptible("vwo adopt", run, state="nothing was committed")


def _cmd_publish(args: argparse.Namespace) -> int:
    from vwo.versions.publish import publish

    def run() -> int:
        report = publish(Path(args.C), branch=args.branch, push=args.push, take_over=args.take_over)
        built, unchanged = len(report.built), len(report.unchanged)
        print(f"{report.branch}: {built} gebouwd, {unchanged} ongewijzigd, {report.commits} commits")
        return 0

    return run_interruptible("vwo publish", run, state=f"the branch {args.branch} is as it was")


def _cmd_serve(args: argparse.Namespace) -> int:
    from vwo.versions.serve import serve

    def run() -> int:
        serve(Path(args.C), port=args.port, branch=args.branch)
        return 0

    return run_interruptible("vwo serve", run)


def _cmd_tag_versions(args: argparse.Namespace) -> int:
    from vwo.versions.tags import tag_versions

    def run() -> int:
        for line in tag_versions(Path(args.C)):
            print(line)
        return 0

    return run_interruptible("vwo tag-versions", run)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    adopt = sub.add_parser("adopt", help="freeze docs/ into versions/X.Y/, commit and tag it")
    adopt.add_argument("version", metavar="X.Y")
    adopt.add_argument("--status", required=True, choices=STATUSES)
    adopt.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="date of publication or adoption")
    adopt.add_argument(
        "--vastgesteld-door",
        dest="adopted_by",
        metavar="WIE",
        help="who adopted it (required for vastgesteld)",
    )
    adopt.add_argument("--pas-toe-of-leg-uit-vanaf", dest="comply_or_explain_from", metavar="YYYY-MM-DD")
    adopt.add_argument("--verplicht-vanaf", dest="mandatory_from", metavar="YYYY-MM-DD")
    adopt.add_argument(
        "--samenvatting", dest="summary", metavar="TEKST", help="what this version changes and why (Dutch)"
    )
    adopt.add_argument(
        "--force", metavar="REDEN", help="adopt despite an undecided far-reaching change; recorded"
    )
    adopt.set_defaults(handler=_cmd_adopt)

    publish = sub.add_parser("publish", help="deploy every changed version and concept with mike")
    publish.add_argument("--branch", default="gh-pages")
    publish.add_argument("--push", action="store_true", help="push the branch to origin afterwards")
    publish.add_argument(
        "--take-over",
        action="store_true",
        help="replace a site on the branch that vwo publish did not make (its history is kept)",
    )
    publish.set_defaults(handler=_cmd_publish)

    serve = sub.add_parser("serve", help="publish locally and serve the branch on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--branch", default="gh-pages")
    serve.set_defaults(handler=_cmd_serve)

    tags = sub.add_parser(
        "tag-versions",
        help="create the missing annotated tags vX.Y on the adoption commits (idempotent)",
        description="Create the annotated tag vX.Y on the adoption commit of every published version "
        "that has none. Refuses, creating nothing, when a folder differs from its adoption commit "
        "or a tag disagrees with it.",
    )
    tags.set_defaults(handler=_cmd_tag_versions)
