"""The ``vwo`` command line: parse arguments, call the core, print, exit.

Exit codes: 0 ok, 1 a check found problems, 2 bad input or usage. Errors go to
stderr as ``error: <where>: <what>`` plus a ``hint:`` line.

Every package that has subcommands exposes them as ``<package>.cli.register(sub)``
(``vwo check`` as ``vwo.check.register``); this module only lists them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from vwo import check
from vwo.compare import cli as compare_cli
from vwo.downloads import cli as downloads_cli
from vwo.errors import VwoError
from vwo.history import cli as history_cli
from vwo.site import cli as site_cli
from vwo.versions import cli as versions_cli

EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]
Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

# One line per package, in the order ``vwo --help`` lists them.
REGISTRARS: list[Register] = [
    check.register,
    history_cli.register,
    compare_cli.register,
    downloads_cli.register,
    versions_cli.register,
    site_cli.register,
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
