"""The ``vwo`` command line: parse arguments, call the core, print, exit.

Exit codes: 0 ok, 1 a check found problems, 2 bad input or usage. Errors go to
stderr as ``error: <where>: <what>`` plus a ``hint:`` line, each line made safe for a
terminal (``vwo.site.escape.terminal_line``). No input ends in a Python traceback: a
``VwoError`` is bad input (exit 2), a file the system refuses (``OSError``: a folder
where a file is expected, no permission, a read-only place) names that file (exit 2),
and anything else is a bug, reported as ``error: <type>: <message>`` with exit 1; only
``vwo --debug`` shows its traceback (as jimporter/mike's driver does).

Every package that has subcommands exposes them as ``<package>.cli.register(sub)``
(``vwo check`` as ``vwo.check.register``); this module only lists them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from vwo import check
from vwo.compare import cli as compare_cli
from vwo.conformance import cli as conformance_cli
from vwo.downloads import cli as downloads_cli
from vwo.errors import VwoError
from vwo.history import cli as history_cli
from vwo.site import cli as site_cli
from vwo.site.escape import terminal_line
from vwo.translation import cli as translation_cli
from vwo.versions import cli as versions_cli

EXIT_BUG, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 1, 2, 130, 141

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
    conformance_cli.register,
    translation_cli.register,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vwo", description=__doc__.splitlines()[0])
    parser.add_argument("-C", metavar="PATH", default=".", help="repository root (default: .)")
    parser.add_argument(
        "--debug", action="store_true", help="show the Python traceback of an unexpected error"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in REGISTRARS:
        register(sub)
    return parser


def check_root(path: str) -> None:
    """``-C PATH`` names an existing folder (before any command reads from it)."""
    root = Path(path)
    hint = "give the folder of a clone of the repository, e.g. -C ~/vwo (default: the current folder)"
    if not root.exists():
        raise VwoError(f"-C {path}", "no such folder", hint)
    if not root.is_dir():
        raise VwoError(f"-C {path}", "is a file, not a folder", hint)
    if not os.access(root, os.R_OK | os.X_OK):
        raise VwoError(f"-C {path}", "cannot be read: permission denied", hint)


def report(text: str) -> None:
    """``error: <text>`` on stderr, every line safe for a terminal or a CI log."""
    lines = str(text).split("\n")
    print("\n".join(terminal_line(line) for line in [f"error: {lines[0]}", *lines[1:]]), file=sys.stderr)


def _os_error(error: OSError) -> str:
    where = error.filename if error.filename is not None else type(error).__name__
    what = error.strerror or str(error)
    return (
        f"{where}: {what}\nhint: check that the path exists, is a file or folder as the command "
        "expects, and may be read (or written, for --out)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        check_root(args.C)
        return handler(args)
    except VwoError as error:
        report(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        report("interrupted\nhint: nothing was left half-written; run the command again")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (``vwo decisions | head``): nothing more to say,
        # and nothing more to flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:
        if args.debug:
            raise
        report(_os_error(error))
        return EXIT_USAGE
    except Exception as error:
        if args.debug:
            raise
        report(
            f"{type(error).__name__}: {error}\nhint: this is a bug in vwo, not in your input; "
            "run it again with 'vwo --debug ...' for the traceback, and report it"
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
