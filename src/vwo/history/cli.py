"""Subcommands ``vwo changelog``, ``vwo decisions`` and ``vwo lint-commits``.

Each reads the history (``vwo.history.read``), builds the model and prints one format.
The handlers import what they use, so that every other ``vwo`` command starts without it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vwo.errors import VwoError
from vwo.versions.model import CONCEPT, text_folder

if TYPE_CHECKING:
    from vwo.history.model import HistoryModel


def repo_url(root: Path) -> str:
    """``repo_url`` from mkdocs.yml (links to pull requests and commits); no links without
    a mkdocs.yml, and an error (not silently no links) for one that cannot be read."""
    from vwo.site.build import site_settings

    return site_settings(root).repo_url


def _model(root: Path) -> HistoryModel:
    from vwo.history.model import HistoryModel
    from vwo.history.read import read_history

    return HistoryModel(read_history(root).commits)


def _cmd_changelog(args: argparse.Namespace) -> int:
    from vwo.history import changelog
    from vwo.history.site import check_version
    from vwo.text.parse import load_agreement

    root = Path(args.C)
    version = check_version(args.version, where="--version")
    model = _model(root)
    if version != CONCEPT and model.release(version) is None:
        known = ", ".join(r.version for r in model.releases) or "none yet"
        raise VwoError(f"--version {version}", "no published version with that number", f"known: {known}")
    # A text that does not parse is an error, not a changelog that calls every article
    # "no longer in this version".
    agreement = load_agreement(text_folder(root, version), display=str(text_folder(Path(), version)))
    log = changelog.build_changelog(model, version, agreement)
    out = changelog.to_json(log) if args.format == "json" else changelog.to_markdown(log, repo_url(root))
    sys.stdout.write(out)
    return 0


def _cmd_decisions(args: argparse.Namespace) -> int:
    from vwo.history import decisions

    root = Path(args.C)
    log = decisions.build_decisions(_model(root))
    if args.format == "json":
        sys.stdout.write(decisions.to_json(log))
    elif args.format == "csv":
        sys.stdout.write(decisions.to_csv(log))
    else:
        sys.stdout.write(decisions.to_markdown(log, repo_url(root)))
    return 0


def _cmd_lint(args: argparse.Namespace) -> int:
    from vwo.git.objects import paths_exist
    from vwo.history.lint import lint
    from vwo.history.model import HistoryModel
    from vwo.history.read import read_range, read_trailers
    from vwo.site.escape import terminal_line

    root = Path(args.C)
    commits = read_range(root, args.range)
    tip = commits[0].sha if commits else None
    context = HistoryModel(read_trailers(root, tip)) if tip else None  # decisions up to the tip
    findings = lint(commits, lambda names: paths_exist(root, names), context)
    for finding in findings:
        lines = finding.message(tip).split("\n")
        print("\n".join(terminal_line(line) for line in [f"error: {lines[0]}", *lines[1:]]), file=sys.stderr)
    if findings:
        print(f"vwo lint-commits: {len(findings)} problem(s) in {len(commits)} commit(s)", file=sys.stderr)
        return 1
    print(f"vwo lint-commits: {len(commits)} commit(s), alles in orde")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("changelog", help="the changelog of a version, as the site shows it")
    parser.add_argument("--version", default=CONCEPT, help="X.Y or concept (default: concept)")
    parser.add_argument("--format", choices=("md", "json"), default="md")
    parser.set_defaults(handler=_cmd_changelog)
    parser = sub.add_parser("decisions", help="the decision log of the Beheergroep")
    parser.add_argument("--format", choices=("md", "json", "csv"), default="md")
    parser.set_defaults(handler=_cmd_decisions)
    parser = sub.add_parser("lint-commits", help="check the trailers of a range of commits")
    parser.add_argument("range", metavar="BASE..HEAD")
    parser.set_defaults(handler=_cmd_lint)
