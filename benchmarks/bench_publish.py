"""``vwo publish`` adding one version to a branch that holds 30, against one ``mkdocs build``.

Setup (not timed): a throwaway repository with this project's config, hooks and theme,
a small text, 30 synthetic published versions, all published with ``vwo publish``.
Timed, in the same run: (a) ``mkdocs build`` of one version from the temporary config
``vwo publish`` composes (median of 3); (b) ``vwo publish`` after ``vwo adopt`` of one
more consultation version, three times (median), and once after adopting a vastgesteld
version (which also rebuilds the version it replaces). Goal: (b) / (a) <= 1.3.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from tests.gitrepo import GitRepo
from tests.versions_support import make_site, text_files, vwo

from vwo.versions import plan as publishing
from vwo.versions.manifest import MANIFEST_FILE, compute, dumps
from vwo.versions.model import load_versions, version_states
from vwo.versions.publish import compose_docs

GOAL = 1.3
EXISTING = 30


def synthetic_versions(repo: GitRepo, count: int) -> None:
    """``count`` published folders (every third a consultation), committed at once."""
    for index in range(count):
        version = f"1.{index}"
        folder = repo.path / "versions" / version
        for rel, text in text_files(f"schriftelijke ({version})").items():
            target = folder / rel.removeprefix("docs/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        status = "consultatie" if index % 3 == 0 else "vastgesteld"
        lines = [
            f'versie: "{version}"',
            f"status: {status}",
            f"gepubliceerd_op: 2019-01-{index % 28 + 1:02d}",
        ]
        if status == "vastgesteld":
            lines.append("vastgesteld_door: College van Dienstverleningszaken")
        if index:
            lines.append(f'vervangt: "1.{index - 1}"')
        lines.append(f"samenvatting: Synthetische versie {version}.")
        (folder / "version.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (folder / MANIFEST_FILE).write_text(dumps(compute(folder)), encoding="utf-8")
    repo.commit(f"{count} synthetische versies")


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # user + system time of the command and its children (less sensitive to load)


def timed(command: list[str], cwd: Path) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def one_build_command(root: Path, version: str, work: Path) -> list[str]:
    """A plain ``mkdocs build`` of ``version`` from the config ``vwo publish`` would use."""
    infos = load_versions(root)
    state = next(s for s in version_states(infos) if s.version == version)
    target = publishing.Target(version, state.title, f"versions/{version}", 0, ())
    docs = work / "versions" / version
    annexes = compose_docs(publishing.docs_inputs(root, target), docs)
    config = publishing.build_config(publishing.read_config(root), root, version, docs, annexes)
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(config_file),
        "-d",
        str(work / "site"),
    ]


def adopt(repo: GitRepo, version: str, status: str) -> None:
    repo.commit(f"Tekst voor {version}", files=text_files(f"schriftelijke [{version}]"))
    args = ["adopt", version, "--status", status, "--date", "2020-06-01", "--samenvatting", "Nieuwe versie."]
    if status == "vastgesteld":
        args += ["--vastgesteld-door", "College van Dienstverleningszaken"]
    result = vwo(repo.path, *args)
    if result.returncode != 0:
        raise SystemExit(result.stderr)


def ratio(publish: Timing, build: Timing) -> tuple[float, float]:
    return publish.wall / build.wall, publish.cpu / build.cpu


def run() -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory(prefix="vwo-bench-") as tmp:
        home = Path(tmp)
        (home / "gitconfig").write_text("[user]\n\tname = Bench\n\temail = bench@example.org\n")
        os.environ["GIT_CONFIG_GLOBAL"] = str(home / "gitconfig")
        repo = GitRepo(home / "repo")
        make_site(repo)
        synthetic_versions(repo, EXISTING)
        publish = [sys.executable, "-m", "vwo", "-C", str(repo.path), "publish"]
        setup = timed(publish, repo.path)
        build = one_build_command(repo.path, f"1.{EXISTING - 1}", home / "baseline")
        # Interleaved (build, then publish of one more version) so that load drift hits both.
        rounds = []
        for offset in range(3):
            baseline = timed(build, repo.path)
            adopt(repo, f"1.{EXISTING + offset}", "consultatie")
            rounds.append((baseline, timed(publish, repo.path)))
        baseline = timed(build, repo.path)
        adopt(repo, f"1.{EXISTING + 3}", "vastgesteld")
        adopted = (baseline, timed(publish, repo.path))
        baseline = timed(build, repo.path)
        nothing = (baseline, timed(publish, repo.path))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"setup: publish {EXISTING} versions + concept: {setup.wall:.1f} s wall, {setup.cpu:.1f} s cpu")
    for label, (build_t, publish_t) in [
        *((f"+1 consultation version, round {n + 1}", r) for n, r in enumerate(rounds)),
        ("+1 vastgesteld version (rebuilds 4)", adopted),
        ("nothing to do", nothing),
    ]:
        wall, cpu = ratio(publish_t, build_t)
        print(
            f"{label}: publish {publish_t.wall:.2f} s / {publish_t.cpu:.2f} s cpu; "
            f"one build {build_t.wall:.2f} s / {build_t.cpu:.2f} s cpu -> {wall:.2f}x wall, {cpu:.2f}x cpu"
        )
    median = statistics.median(ratio(p, b)[0] for b, p in rounds)
    median_cpu = statistics.median(ratio(p, b)[1] for b, p in rounds)
    print(f"+1 version, median of 3: {median:.2f}x wall, {median_cpu:.2f}x cpu; goal <= {GOAL}x wall")
    print("goal " + ("met" if median <= GOAL else "MISSED"))
    return 0 if median <= GOAL else 1


if __name__ == "__main__":
    sys.exit(run())
