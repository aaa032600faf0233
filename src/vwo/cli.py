"""The ``vwo`` command line: parse arguments, call the core, print, exit.

Exit codes: 0 ok, 1 a check found problems, 2 bad input or usage. Errors go to
stderr as ``error: <where>: <what>`` plus a ``hint:`` line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from vwo.compare.cli import add_compare
from vwo.downloads import cli as downloads_cli
from vwo.errors import VwoError
from vwo.versions import cli as version_cli

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


def _cmd_check(args: argparse.Namespace) -> int:
    from vwo.check import run_checks

    problems = run_checks(Path(args.C))
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return EXIT_FINDINGS
    print("vwo check: alles in orde")
    return EXIT_OK


def _add_check(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("check", help="validate content, version folders and metadata")
    parser.set_defaults(handler=_cmd_check)


def _add_history(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from vwo.history.cli import register

    register(sub)


# Each feature module registers its subcommands here; keep one line per module.
REGISTRARS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _add_check,
    _add_history,
    add_compare,
    downloads_cli.register,
    version_cli.register,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vwo", description=__doc__.splitlines()[0])
    parser.add_argument("-C", metavar="PATH", default=".", help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in REGISTRARS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except VwoError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
