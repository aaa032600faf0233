"""Subcommands ``vwo translation stamp`` and ``vwo translation publish``: parse, call, print."""

from __future__ import annotations

import argparse
from pathlib import Path

from vwo.translation.model import LANGUAGES


def _cmd_stamp(args: argparse.Namespace) -> int:
    from vwo.translation.stamp import stamp

    report = stamp(Path(args.C), language=args.lang, source=args.source, chosen=args.units)
    print(
        f"{report.where}: {len(report.stamped)} eenheden gestempeld tegen de Nederlandse tekst van "
        f"{report.source}, {report.unchanged} ongewijzigd"
        + (f", {len(report.dropped)} vervallen ({', '.join(report.dropped)})" if report.dropped else "")
    )
    for key in report.stamped:
        print(f"  {key}")
    return 0


def _cmd_publish(args: argparse.Namespace) -> int:
    from vwo.translation.publish import publish_translation

    sha = publish_translation(Path(args.C), args.version, language=args.lang, day=args.date)
    print(
        f"vertalingen/{args.version}/{args.lang}/ vastgelegd in commit {sha[:12]}, "
        f"tag v{args.version}-{args.lang}; publiceer met 'vwo publish'"
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("translation", help="keep a translation in step with the Dutch text, publish it")
    commands = parser.add_subparsers(dest="translation_command", required=True, metavar="COMMAND")
    languages = sorted(LANGUAGES)

    stamp = commands.add_parser(
        "stamp",
        help="record that units are translated from the current Dutch text",
        description="Record in vertalingen/<lang>/vertaling.yml the hash of the Dutch text of each unit "
        "(clause anchor, 'aanhef', article id, annex id, 'toelichting', 'toelichting-<id>'); "
        "without units: every unit.",
    )
    stamp.add_argument("--lang", default="en", choices=languages)
    stamp.add_argument(
        "--source", metavar="concept|X.Y", help="the Dutch text it translates (default: the bron it names)"
    )
    stamp.add_argument("units", nargs="*", metavar="UNIT")
    stamp.set_defaults(handler=_cmd_stamp)

    publish = commands.add_parser(
        "publish",
        help="freeze the working translation as the translation of version X.Y and commit it",
    )
    publish.add_argument("version", metavar="X.Y")
    publish.add_argument("--lang", default="en", choices=languages)
    publish.add_argument("--date", metavar="YYYY-MM-DD", help="date of publication (default: today)")
    publish.set_defaults(handler=_cmd_publish)
