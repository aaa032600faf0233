"""``vwo check``: validate the repository's content.

Pipeline: read the working text (``docs/``) -> parse into the model -> collect
problems as ``<where>: <what>`` strings (a ``vwo.errors.Notice`` among them is a remark,
not a problem). A later check (version folders, registers) adds a line to ``checks``,
which imports them when they run, so that every other ``vwo`` command starts without them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from vwo.errors import Notice, VwoError

Check = Callable[[Path], list[str]]


def check_working_text(root: Path) -> list[str]:
    """The agreement in ``docs/`` parses and every article has a toelichting."""
    from vwo.text.parse import load_agreement

    try:
        agreement = load_agreement(root / "docs", display="docs")
    except VwoError as error:
        return [str(error)]
    return [
        f"{article.path}:{article.line}: article '{article.id}' has no toelichting\n"
        f"hint: add '## {article.heading} {{#{article.id}}}' to docs/toelichting.md"
        for article in agreement.articles
        if agreement.explanation(article.id) is None
    ]


def checks() -> list[Check]:
    """Every check of ``vwo check``, in the order it reports them."""
    from vwo.history.corrections import check_corrections
    from vwo.register.model import check_register, check_register_form
    from vwo.site.build import check_site_settings
    from vwo.text.coverage import check_coverage
    from vwo.translation.check import check_translations
    from vwo.versions.check import check_versions
    from vwo.versions.register import check_events

    return [
        check_working_text,
        check_coverage,
        check_versions,
        check_events,
        check_register,
        check_register_form,
        check_corrections,
        check_site_settings,
        check_translations,
    ]


def run_checks(root: Path) -> list[str]:
    problems: list[str] = []
    for check in checks():
        problems.extend(check(root))
    return problems


def _cmd_check(args: argparse.Namespace) -> int:
    found = run_checks(Path(args.C))
    problems = [item for item in found if not isinstance(item, Notice)]
    for item in found:
        print(f"{'let op' if isinstance(item, Notice) else 'error'}: {item}", file=sys.stderr)
    if problems:
        return 1
    print("vwo check: alles in orde")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("check", help="validate content, version folders and metadata")
    parser.set_defaults(handler=_cmd_check)
