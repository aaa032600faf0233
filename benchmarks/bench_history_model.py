"""History at scale: the decision log and the changelog from 10,000 commits on 1,000
proposals, as a ratio to the bare ``git log`` that reads them; and ``vwo check`` on this
repository.

(1) A synthetic repository (``git fast-import``) of 10,000 commits: every commit is a
decision on one of 1,000 proposals (10 decisions each: Beheergroep, Toetsgroep and, for the
far-reaching ones, the College; aangenomen, verworpen, aangehouden), every 5th commit also
changes ``docs/overeenkomst.md`` (20 articles), version 1.0 is adopted halfway, and 50
commits are corrected in ``data/correcties.yml``. Measured, each the median of 5 (wall and
CPU of this process plus its children):

- the bare ``git log``: the exact command the history reader runs, output read and thrown
  away (no parsing) — what any reader of the history must pay;
- the history read (``read_history``: that ``git log`` parsed into records, the touched
  articles from ``cat-file --batch``, the corrections applied);
- the decision log (``HistoryModel`` + ``build_decisions`` + page, JSON, CSV and the Atom
  feed) and the changelog (``HistoryModel`` + ``build_changelog`` of concept and of 1.0 +
  page and JSON), each from the records already read.

Goal (issue 16): reading plus the decision log, and reading plus the changelog, at most 3x
the bare ``git log``. (The issue measured 25 s for the decision log alone against 0.17 s
for the log: one scan of all records per decision.)

(2) ``vwo check`` on this repository, in a fresh process as a user runs it (interpreter
start and imports included), median of 5; and ``run_checks`` in this process. Goal: < 1 s.
"""

from __future__ import annotations

import os
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.bench_history import _agreement, _data
from vwo.check import run_checks
from vwo.git.log import log_format
from vwo.history import changelog as cl
from vwo.history import decisions as dc
from vwo.history import read as history
from vwo.history.feeds import decisions_feed
from vwo.history.model import HistoryModel
from vwo.history.records import HISTORY_PATHS
from vwo.text.parse import parse_sources

ROOT = Path(__file__).resolve().parents[1]
COMMITS = 10_000
PROPOSALS = 1_000
TEXT_EVERY = 5  # as in bench_history, whose text generator this uses (20 articles)
CORRECTED = 50
DECISIONS = ("aangenomen", "verworpen", "aangehouden")
LINKS = cl.PageLinks("https://github.com/vwo-gemeenten/vwo", "../besluiten/")


def _message(i: int) -> str:
    proposal = i % PROPOSALS
    far_reaching = proposal % 10 == 0
    text = i % TEXT_EVERY == 0
    body = (
        "College van Dienstverleningszaken"
        if far_reaching and i % 3 == 0
        else ("Beheergroep VWO", "Toetsgroep")[i % 2]
    )
    decision = "aangenomen" if text else DECISIONS[i % 3]
    meeting = f"20{19 + i // 2500:02d}-{1 + i // 250 % 12:02d}-14"
    kind = "ingrijpend" if far_reaching else ("redactioneel", "inhoudelijk")[proposal % 2]
    return (
        f"Besluit {i} over voorstel {proposal} (#{i})\n\nDe reden van besluit {i}.\n\n"
        f"Voorstel: VWO-2019-{proposal:03d}\nIndiener: Gemeente {proposal % 37}\nSoort: {kind}\n"
        f"Besluit: {decision}\nBesloten-door: {body}\nBesloten-op: {meeting}\n"
    )


def make_repo(path: Path) -> list[str]:
    """The synthetic repository; returns the commit ids (oldest first)."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    stream = bytearray()
    for i in range(COMMITS):
        stream += f"commit refs/heads/main\nmark :{i + 1}\n".encode()
        stream += f"committer VWO Test <t@example.org> {1_550_000_000 + i * 600} +0100\n".encode()
        message = _message(i)
        if i == COMMITS // 2:
            message = "Versie 1.0 vastgesteld\n\nVersie: 1.0\nStatus: vastgesteld\n"
        stream += _data(message)
        if i:
            stream += f"from :{i}\n".encode()
        if i == COMMITS // 2:
            info = 'versie: "1.0"\nstatus: vastgesteld\ngepubliceerd_op: 2020-06-01\n'
            info += "vastgesteld_door: College van Dienstverleningszaken\nsamenvatting: Versie 1.0.\n"
            stream += b"M 100644 inline versions/1.0/version.yml\n" + _data(info)
        elif i % TEXT_EVERY == 0:
            stream += b"M 100644 inline docs/overeenkomst.md\n" + _data(_agreement(i))
        stream += b"\n"
    subprocess.run(["git", "-C", str(path), "fast-import", "--quiet"], input=bytes(stream), check=True)
    subprocess.run(["git", "-C", str(path), "reset", "-q", "--hard", "main"], check=True)
    shas = subprocess.run(
        ["git", "-C", str(path), "rev-list", "--reverse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.split()
    corrections = "".join(
        f"- commit: {sha}\n  trailers:\n    Soort: redactioneel\n  door: Beheergroep VWO\n"
        f"  op: 2021-03-01\n  reden: Correctie {n}.\n"
        for n, sha in enumerate(shas[1 : CORRECTED * 7 : 7])
    )
    (path / "data").mkdir()
    (path / "data" / "correcties.yml").write_text(corrections, encoding="utf-8")
    return shas


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(action: Callable[[], Any], rounds: int = 5) -> tuple[float, float]:
    """Median wall and CPU seconds of ``rounds`` runs of ``action``."""
    walls, cpus = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), cpu()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu() - start_cpu)
    return statistics.median(walls), statistics.median(cpus)


def bare_git_log(path: Path) -> None:
    """The reader's own ``git log`` (vwo.git.log.log with the build's diff paths), its
    output read and discarded."""
    fmt, *_ = log_format(secrets.token_hex(8))
    args = ["git", "-C", str(path), "-c", "core.quotepath=off", "log", "-z", f"--format={fmt}", "--raw",
            "--no-abbrev", "--no-renames", "--sparse", "--full-history", "--end-of-options", "HEAD", "--",
            *HISTORY_PATHS]  # fmt: skip
    subprocess.run(args, stdout=subprocess.PIPE, check=True)


def read(path: Path) -> Any:
    history._CACHE.clear()
    return history.read_history(path).commits


def decision_log(commits: Any) -> None:
    log = dc.build_decisions(HistoryModel(commits))
    dc.decisions_page(log, LINKS, fragments={})
    dc.to_json(log)
    dc.to_csv(log)
    decisions_feed(log, "https://vwo.example/besluiten/", "https://vwo.example/", "")


def changelogs(commits: Any) -> None:
    model = HistoryModel(commits)
    agreement = parse_sources({"overeenkomst.md": _agreement(COMMITS)})
    for version in ("concept", "1.0"):
        log = cl.build_changelog(model, version, agreement)
        cl.changelog_page(log, LINKS, fragments={})
        cl.to_json(log)


def check_process() -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(ROOT), "check"], check=True, capture_output=True, env=env
    )


def run() -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-history-model-"))
    try:
        repo = workdir / "repo"
        start = time.perf_counter()
        make_repo(repo)
        made = time.perf_counter() - start
        load_before = os.getloadavg()[0]
        commits = read(repo)
        model = HistoryModel(commits)
        decided = sum(1 for c in commits if c.value("Besluit"))
        corrected = sum(1 for c in commits if c.corrections)
        entries = dc.build_decisions(model).count
        changes = cl.build_changelog(model, "concept", None).count
        bare = measure(lambda: bare_git_log(repo))
        reading = measure(lambda: read(repo))
        decisions = measure(lambda: decision_log(commits))
        changelog = measure(lambda: changelogs(commits))
        check_wall, check_cpu = measure(check_process)
        in_process = measure(lambda: run_checks(ROOT))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result = {
        "commits": len(commits),
        "decisions": decided,
        "decision_log_entries": entries,
        "proposals": len({c.value("Voorstel") for c in commits if c.value("Voorstel")}),
        "corrected_commits": corrected,
        "changes_in_concept": changes,
        "bare_git_log_s": round(bare[0], 3),
        "bare_git_log_cpu_s": round(bare[1], 3),
        "read_history_s": round(reading[0], 3),
        "read_history_cpu_s": round(reading[1], 3),
        "decision_log_s": round(decisions[0], 3),
        "decision_log_cpu_s": round(decisions[1], 3),
        "changelog_concept_and_1_0_s": round(changelog[0], 3),
        "changelog_cpu_s": round(changelog[1], 3),
        "ratio_read_plus_decisions_to_git_log": round((reading[0] + decisions[0]) / bare[0], 2),
        "ratio_read_plus_decisions_to_git_log_cpu": round((reading[1] + decisions[1]) / bare[1], 2),
        "ratio_read_plus_changelog_to_git_log": round((reading[0] + changelog[0]) / bare[0], 2),
        "ratio_read_plus_changelog_to_git_log_cpu": round((reading[1] + changelog[1]) / bare[1], 2),
        "vwo_check_process_s": round(check_wall, 3),
        "vwo_check_process_cpu_s": round(check_cpu, 3),
        "run_checks_in_process_s": round(in_process[0], 3),
        "repo_setup_s": round(made, 1),
        "load_average_1min_at_start": round(load_before, 1),
    }
    for key, value in result.items():
        print(f"{key}: {value}")
    verdict = {
        "decisions <= 3x": result["ratio_read_plus_decisions_to_git_log"] <= 3,
        "changelog <= 3x": result["ratio_read_plus_changelog_to_git_log"] <= 3,
        "vwo check < 1 s": result["vwo_check_process_s"] < 1,
    }
    print("goals: " + "; ".join(f"{k}: {'ok' if v else 'MISSED'}" for k, v in verdict.items()))
    return result


if __name__ == "__main__":
    run()
