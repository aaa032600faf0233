"""``vwo publish`` on a branch of 30 versions: after a decision commit, after adopting a
version and with nothing to do, each against the builds that must run (issue 17).

Setup: a throwaway repository with this project's config, hooks and theme, a small text
and 30 synthetic published versions, published from an empty branch with ``vwo publish``
(timed too: wall and CPU, so whether both cores work shows as CPU / wall, and its
progress lines counted). Then, in the same run and interleaved so that load drift hits
both sides: (a) one ``mkdocs build`` of one version from the temporary config
``vwo publish`` composes; (b) ``vwo publish`` after an empty decision commit (goal:
<= 1.3 x (a)); (c) ``vwo publish`` after adopting one vastgesteld version, against the
sum of one build of each target that must change, timed one by one right after it (the
new version, the one it supersedes, ``concept``, the pages of the standard and the
register's views; goal
<= 1.2x); (d) ``vwo publish`` with nothing to do (goal: no commit, < 0.5 x (a)).
After each publish the repository is repacked (``git repack -adq``) and the growth of
its pack files recorded: bytes added per publish.
"""

from __future__ import annotations

import os
import re
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

from vwo.site.pagesets import STANDARD, VIEWS
from vwo.versions import plan as publishing
from vwo.versions import standard
from vwo.versions.manifest import MANIFEST_FILE, compute, dumps
from vwo.versions.model import CONCEPT, load_versions, version_states
from vwo.versions.publish import compose_docs

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
    return timed_publish(command, cwd)[0]


def one_build_command(root: Path, version: str, work: Path) -> list[str]:
    """A plain ``mkdocs build`` of ``version`` from the config ``vwo publish`` would use."""
    infos = load_versions(root)
    state = next(s for s in version_states(infos) if s.version == version)
    target = publishing.Target(version, state.title, f"versions/{version}", 0, ())
    docs = work / "versions" / version
    annexes = compose_docs(publishing.docs_inputs(root, target), docs)
    return _command(publishing.build_config(publishing.read_config(root), root, version, docs, annexes), work)


def adopt(repo: GitRepo, version: str, status: str) -> None:
    proposal = f"VWO-2026-{100 + int(version.split('.')[1]):03d}"
    repo.commit(f"Tekst voor {version}", files=text_files(f"schriftelijke [{version}]"),
                trailers={"Voorstel": proposal, "Soort": "redactioneel"})  # fmt: skip
    args = ["adopt", version, "--status", status, "--date", "2020-06-01", "--samenvatting", "Nieuwe versie."]
    if status == "vastgesteld":
        args += ["--vastgesteld-door", "College van Dienstverleningszaken"]
    result = vwo(repo.path, *args)
    if result.returncode != 0:
        raise SystemExit(result.stderr)


def decision(repo: GitRepo, number: int) -> None:
    repo.commit(
        f"Besluit over voorstel {number}\n\nDe Beheergroep wijst het voorstel af: het valt erbuiten.",
        trailers={"Voorstel": f"VWO-2026-9{number:02d}", "Besluit": "verworpen",
                  "Besloten-door": "Beheergroep VWO", "Besloten-op": "2026-11-30"},
        allow_empty=True,
    )  # fmt: skip


def standard_build_command(root: Path, work: Path, pageset: str = STANDARD) -> list[str]:
    """A plain ``mkdocs build`` of the pages of the standard (or, ``VIEWS``, of the
    register's views), as ``vwo publish`` composes it."""
    inputs = standard.inputs(root)
    docs = work / "docs"
    compose_docs(inputs, docs)
    name = standard.NAME if pageset == STANDARD else standard.VIEWS_NAME
    config = publishing.build_config(publishing.read_config(root), root, name, docs, [], pageset)
    return _command(config, work)


def _command(config: dict[str, object], work: Path) -> list[str]:
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


def concept_build_command(root: Path, work: Path) -> list[str]:
    target = publishing.Target(CONCEPT, "concept", "docs", 0, ())
    docs = work / "docs"
    annexes = compose_docs(publishing.docs_inputs(root, target), docs)
    return _command(publishing.build_config(publishing.read_config(root), root, CONCEPT, docs, annexes), work)


def packed_bytes(repo: GitRepo) -> int:
    """The size of the repository's packs after packing everything (``git repack -adq``)."""
    subprocess.run(["git", "-C", str(repo.path), "repack", "-adq"], check=True)
    return sum(p.stat().st_size for p in (repo.path / ".git" / "objects" / "pack").glob("*.pack"))


def built(output: str) -> list[str]:
    return re.findall(r"^(\S+): gebouwd uit ", output, flags=re.MULTILINE)


def timed_publish(command: list[str], cwd: Path) -> tuple[Timing, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu), result.stdout


class Results(dict[str, object]):
    """The numbers, each also printed as it is measured (a later failure keeps them)."""

    def __setitem__(self, key: str, value: object) -> None:
        print(f"{key}: {value}", flush=True)
        super().__setitem__(key, value)


def run() -> dict[str, object]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    out = Results()
    with tempfile.TemporaryDirectory(prefix="vwo-bench-") as tmp:
        home = Path(tmp)
        (home / "gitconfig").write_text("[user]\n\tname = Bench\n\temail = bench@example.org\n")
        os.environ["GIT_CONFIG_GLOBAL"] = str(home / "gitconfig")
        repo = GitRepo(home / "repo")
        make_site(repo)
        synthetic_versions(repo, EXISTING)
        publish = [sys.executable, "-m", "vwo", "-C", str(repo.path), "publish"]
        setup, log = timed_publish(publish, repo.path)
        out["full publish of 30 versions + concept + standard + register views"] = {
            "wall s": round(setup.wall, 1),
            "cpu s": round(setup.cpu, 1),
            "cpu / wall (cores used)": round(setup.cpu / setup.wall, 2),
            "progress lines": len(re.findall(r": klaar \(\d+ van \d+, \d+ s\)", log)),
            "builds": len(built(log)),
        }
        size = packed_bytes(repo)
        out["packed bytes after the full publish"] = size
        build = one_build_command(repo.path, f"1.{EXISTING - 1}", home / "baseline")
        site_build = standard_build_command(repo.path, home / "standard")
        # (b) a decision commit, three rounds
        rounds = []
        for number in range(3):
            baseline = timed(build, repo.path)
            decision(repo, number)
            publish_t, log = timed_publish(publish, repo.path)
            grown = packed_bytes(repo)
            rounds.append({
                "built": built(log),
                "publish wall s": round(publish_t.wall, 2), "publish cpu s": round(publish_t.cpu, 2),
                "one build wall s": round(baseline.wall, 2), "one build cpu s": round(baseline.cpu, 2),
                "ratio wall": round(publish_t.wall / baseline.wall, 2),
                "ratio cpu": round(publish_t.cpu / baseline.cpu, 2),
                "packed bytes added": grown - size,
            })  # fmt: skip
            size = grown
        out["after a decision commit"] = rounds
        median = statistics.median(float(str(r["ratio wall"])) for r in rounds)
        out["decision: median ratio wall (goal <= 1.3)"] = median
        # (c) adopting one vastgesteld version
        adopt(repo, f"1.{EXISTING}", "vastgesteld")
        publish_t, log = timed_publish(publish, repo.path)
        grown = packed_bytes(repo)
        new = one_build_command(repo.path, f"1.{EXISTING}", home / "new")
        old = one_build_command(repo.path, f"1.{EXISTING - 1}", home / "old")
        parts = {
            f"1.{EXISTING}": timed(new, repo.path),
            f"1.{EXISTING - 1}": timed(old, repo.path),
            "concept": timed(concept_build_command(repo.path, home / "concept"), repo.path),
            "standaard": timed(site_build, repo.path),
            "weergaven": timed(standard_build_command(repo.path, home / "views", VIEWS), repo.path),
        }
        total_wall = sum(t.wall for t in parts.values())
        total_cpu = sum(t.cpu for t in parts.values())
        out["after adopting one version"] = {
            "built": built(log),
            "publish wall s": round(publish_t.wall, 2), "publish cpu s": round(publish_t.cpu, 2),
            "sum of those builds wall s": round(total_wall, 2), "sum cpu s": round(total_cpu, 2),
            "each build wall s": {name: round(t.wall, 2) for name, t in parts.items()},
            "ratio wall (goal <= 1.2)": round(publish_t.wall / total_wall, 2),
            "ratio cpu": round(publish_t.cpu / total_cpu, 2),
            "packed bytes added": grown - size,
        }  # fmt: skip
        # (d) nothing to do
        baseline = timed(build, repo.path)
        tip = subprocess.run(["git", "-C", str(repo.path), "rev-parse", "gh-pages"], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
        publish_t, log = timed_publish(publish, repo.path)
        same = tip == subprocess.run(["git", "-C", str(repo.path), "rev-parse", "gh-pages"],
                                     capture_output=True, text=True, check=True).stdout  # fmt: skip
        out["nothing to do"] = {
            "built": built(log), "no commit": same,
            "publish wall s": round(publish_t.wall, 2), "one build wall s": round(baseline.wall, 2),
            "ratio wall (goal < 0.5)": round(publish_t.wall / baseline.wall, 2),
            "ratio cpu": round(publish_t.cpu / baseline.cpu, 2),
        }  # fmt: skip
    out["load average at the end"] = f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
