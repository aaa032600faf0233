"""History: the commit reader on 10,000 synthetic commits, and the build overhead.

(1) ``vwo.history.read.read_history`` (one ``git log --raw`` + one ``git cat-file --batch``,
touched articles via the content model) on 10,000 commits that all carry trailers,
2,000 of which change ``docs/overeenkomst.md``; against the naive baseline, GitPython's
``iter_commits`` with ``commit.trailers_dict`` per commit (one subprocess per commit),
which reads only the trailers. Goals: < 0.5 s, and >= 20x faster than the baseline.

(2) ``mkdocs build`` of this repository's site (its own git history) with all history
hooks against the same build without them (the hook and its two pages removed from the
config). Goal: overhead < 10%.

The synthetic repository is written with ``git fast-import`` (seconds, not minutes).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import git
import yaml

from vwo.git.log import log
from vwo.history import read as history
from vwo.history.records import HISTORY_PATHS
from vwo.history.trailers import KNOWN_KEYS

ROOT = Path(__file__).resolve().parents[1]
COMMITS = 10_000
TEXT_EVERY = 5  # every 5th commit changes the agreement text
ARTICLES = 20


def _agreement(revision: int) -> str:
    parts = ["# Standaard verwerkersovereenkomst gemeenten\n\nPartijen.\n"]
    for n in range(1, ARTICLES + 1):
        stamp = revision if n == revision % ARTICLES + 1 else 0
        parts.append(f"## Artikel {n}. Titel {n} {{#artikel-{n}}}\n")
        parts.append(f"{n}.1 Tekst van lid een, stand {stamp}.\n")
        parts.append(f"{n}.2 Tekst van lid twee van artikel {n}.\n")
    return "\n".join(parts)


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n" % len(raw) + raw + b"\n"


def make_repo(path: Path, commits: int = COMMITS) -> None:
    git.Repo.init(path, initial_branch="main")
    stream = bytearray()
    for i in range(commits):
        message = (
            f"Wijziging {i} van de Beheergroep (#{i})\n\nToelichting bij wijziging {i}.\n\n"
            f"Voorstel: VWO-2019-{i % 1000:03d}\nIndiener: Gemeente Súdwest-Fryslân\n"
            f"Soort: redactioneel\nBesluit: aangenomen\nBesloten-door: Beheergroep VWO\n"
            f"Besloten-op: 2019-03-14\n"
        )
        stream += f"commit refs/heads/main\nmark :{i + 1}\n".encode()
        stream += f"committer VWO Test <t@example.org> {1_500_000_000 + i * 60} +0100\n".encode()
        stream += _data(message)
        if i:
            stream += f"from :{i}\n".encode()
        if i % TEXT_EVERY == 0:
            stream += b"M 100644 inline docs/overeenkomst.md\n" + _data(_agreement(i))
        else:
            stream += f"M 100644 inline notities/n{i % 50}.txt\n".encode() + _data(f"notitie {i}\n")
        stream += b"\n"
    subprocess.run(["git", "-C", str(path), "fast-import", "--quiet"], input=bytes(stream), check=True)
    subprocess.run(["git", "-C", str(path), "reset", "-q", "--hard", "main"], check=True)


def cpu() -> float:
    """CPU seconds of this process and its finished children (git, mkdocs): unlike wall
    time, hardly inflated when other jobs share the two cores."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def read_once(path: Path) -> tuple[float, float, int]:
    history._CACHE.clear()
    start, start_cpu = time.perf_counter(), cpu()
    read = history.read_history(path)
    elapsed, used = time.perf_counter() - start, cpu() - start_cpu
    assert len(read.commits) == COMMITS
    return elapsed, used, sum(1 for c in read.commits if c.touched)


def phases(path: Path) -> tuple[float, float]:
    """CPU seconds of (git log + parsing the records, touched articles) in one read."""
    start = cpu()
    records = list(log(path, ["HEAD"], diff_paths=HISTORY_PATHS, keys=KNOWN_KEYS))
    middle = cpu()
    history._read(path, records)
    return middle - start, cpu() - middle


def baseline(path: Path) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), cpu()
    count = 0
    for commit in git.Repo(path).iter_commits("HEAD"):
        count += bool(commit.trailers_dict)
    assert count == COMMITS
    return time.perf_counter() - start, cpu() - start_cpu


def _config_without_history(target: Path) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", []) if "history" not in h]
    config["nav"] = [item for item in config["nav"] if not _is_history_page(item)]
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["watch"] = []
    config.setdefault("extra", {}).setdefault("vwo", {})["root"] = str(ROOT)
    target.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


def _is_history_page(item: Any) -> bool:
    return isinstance(item, dict) and any(v in ("wijzigingen.md", "besluiten.md") for v in item.values())


def _build(config: Path, site: Path) -> tuple[float, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start, start_cpu = time.perf_counter(), cpu()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start, cpu() - start_cpu


def build_overhead(workdir: Path, rounds: int = 11) -> dict[str, float]:
    without = _config_without_history(workdir / "mkdocs-zonder-historie.yml")
    with_hooks = ROOT / "mkdocs.yml"
    runs: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    _build(with_hooks, workdir / "warmup")
    for _ in range(rounds):  # alternate, so changes in load hit both alike
        runs["with"].append(_build(with_hooks, workdir / "site-met"))
        runs["without"].append(_build(without, workdir / "site-zonder"))
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    used = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    return {
        "build_with_history_s": round(wall["with"], 2),
        "build_without_history_s": round(wall["without"], 2),
        "build_overhead_pct": round(100 * (wall["with"] - wall["without"]) / wall["without"], 1),
        "build_with_history_cpu_s": round(used["with"], 2),
        "build_without_history_cpu_s": round(used["without"], 2),
        "build_overhead_cpu_pct": round(100 * (used["with"] - used["without"]) / used["without"], 1),
    }


def run() -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-history-"))
    try:
        repo = workdir / "repo"
        start = time.perf_counter()
        make_repo(repo)
        made = time.perf_counter() - start
        load_before = os.getloadavg()[0]
        reads = [read_once(repo) for _ in range(5)]
        log_cpu, touched_cpu = phases(repo)
        naive, naive_cpu = baseline(repo)
        reader, reader_cpu = statistics.median(r[0] for r in reads), statistics.median(r[1] for r in reads)
        result = {
            "commits": COMMITS,
            "text_commits_with_touched_articles": reads[0][2],
            "reader_s_median_of_5": round(reader, 3),
            "reader_s_min": round(min(r[0] for r in reads), 3),
            "reader_cpu_s_median": round(reader_cpu, 3),
            "reader_cpu_s_log_and_records": round(log_cpu, 3),
            "reader_cpu_s_touched_articles": round(touched_cpu, 3),
            "baseline_gitpython_trailers_s": round(naive, 2),
            "baseline_cpu_s": round(naive_cpu, 2),
            "speedup": round(naive / reader, 1),
            "speedup_cpu": round(naive_cpu / reader_cpu, 1),
            **build_overhead(workdir),
            "repo_setup_s": round(made, 1),
            "load_average_1min_at_start": round(load_before, 1),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for key, value in result.items():
        print(f"{key}: {value}")
    print(
        f"goals: reader < 0.5 s: {'ok' if result['reader_s_median_of_5'] < 0.5 else 'MISSED'} "
        f"(cpu: {'ok' if result['reader_cpu_s_median'] < 0.5 else 'MISSED'}); "
        f">= 20x: {'ok' if result['speedup'] >= 20 else 'MISSED'}; "
        f"overhead < 10%: {'ok' if result['build_overhead_pct'] < 10 else 'MISSED'} "
        f"(cpu: {'ok' if result['build_overhead_cpu_pct'] < 10 else 'MISSED'})"
    )
    return result


if __name__ == "__main__":
    run()
