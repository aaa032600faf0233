"""The exit path from MkDocs 1.6: the same site built by ProperDocs 1.6.7, its drop-in fork.

Material for MkDocs is in maintenance mode and MkDocs 1.6.1 is the last 1.x. This script
proves that the site survives a switch: it builds the site with MkDocs (this venv) and
with ProperDocs in a throwaway environment that has NO MkDocs installed, and compares the
two outputs file by file. Not run by ``make test`` (it installs packages from PyPI).

Pipeline: a throwaway venv -> the project's lock (``requirements/lock.txt``, hashes
checked) without the ``mkdocs`` entry, plus ``properdocs==1.6.7`` (hash below) -> a
throwaway copy of the project (``tests/browser/site.py``) -> ``mkdocs build --strict``
here and ``properdocs build --strict`` there, same ``SOURCE_DATE_EPOCH`` -> files only in
one build, files that differ, and what is left of those differences once the
``<meta name="generator">`` line (which names the program) is removed -> ``vwo publish``
of every version in the ProperDocs environment (mike 2.2 picks ProperDocs up itself) ->
times as a ratio.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.browser.site import make_project, sandboxed_git

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
PROPERDOCS = (
    "properdocs==1.6.7 \\\n"
    "    --hash=sha256:6fa0cfa2e01bf338f684892c8a506cf70ea88ae7f3479c933b6fa20168101cbd\n"
)
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
EPOCH = "1767225600"  # 2026-01-01: both builds date their pages the same
SHOWN_DIFFERENCES = 5


def lock_without_mkdocs(lock: str) -> str:
    """The lock file with the ``mkdocs==`` entry (its hash lines and comments) left out."""
    kept: list[str] = []
    skipping = False
    for line in lock.splitlines(keepends=True):
        if line and not line[0].isspace():
            skipping = line.startswith("mkdocs==")
        if not skipping:
            kept.append(line)
    return "".join(kept)


def make_environment(work: Path) -> Path:
    """A venv with everything the project needs, ProperDocs instead of MkDocs; its python."""
    venv = work / "venv-properdocs"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    requirements = work / "requirements.txt"
    requirements.write_text(lock_without_mkdocs(LOCK.read_text(encoding="utf-8")) + PROPERDOCS)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--require-hashes", "-r", str(requirements)],
        check=True,
    )
    probe = "import importlib.util as u; print(u.find_spec('mkdocs') is None)"
    absent = subprocess.run([str(python), "-c", probe], check=True, capture_output=True, text=True)
    if absent.stdout.strip() != "True":
        raise AssertionError("the ProperDocs environment still has MkDocs installed")
    return python


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
    }


def build(python: Path, program: str, project: Path, site: Path) -> float:
    start = time.perf_counter()
    command = [
        str(python),
        "-m",
        program,
        "build",
        "--strict",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    result = subprocess.run(command, env=environment(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError(f"{program} build failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def compare(left: Path, right: Path) -> dict[str, Any]:
    """Files only in one tree, files that differ, and differences beyond the generator tag."""
    left_files = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    differing: list[str] = []
    beyond_generator: list[str] = []
    examples: list[str] = []
    for name in sorted(left_files & right_files):
        a, b = (left / name).read_bytes(), (right / name).read_bytes()
        if a == b:
            continue
        differing.append(name)
        if GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            beyond_generator.append(name)
            if len(examples) < SHOWN_DIFFERENCES:
                diff = difflib.unified_diff(
                    a.decode("utf-8", "replace").splitlines(),
                    b.decode("utf-8", "replace").splitlines(),
                    lineterm="",
                    n=0,
                )
                examples.append(f"{name}: " + " | ".join(list(diff)[2:6])[:400])
    generators = sorted({m.decode() for m in GENERATOR.findall((right / "index.html").read_bytes())})
    return {
        "files": len(left_files),
        "only_mkdocs": sorted(left_files - right_files),
        "only_properdocs": sorted(right_files - left_files),
        "differing_files": len(differing),
        "differing_beyond_generator_tag": beyond_generator,
        "examples": examples,
        "properdocs_generator_tag": generators,
    }


def publish(python: Path, project: Path) -> float:
    start = time.perf_counter()
    command = [str(python), "-m", "vwo", "-C", str(project), "publish", "--branch", "gh-pages"]
    result = subprocess.run(command, env=environment(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError(f"vwo publish under ProperDocs failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-properdocs-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        python = make_environment(work)
        setup = time.perf_counter() - start
        with sandboxed_git(work):
            project = make_project(work / "project").path
            mkdocs_seconds = build(Path(sys.executable), "mkdocs", project, work / "site-mkdocs")
            properdocs_seconds = build(python, "properdocs", project, work / "site-properdocs")
            published = make_project(work / "published", with_versions=True).path
            publish_seconds = publish(python, published)
            branch = subprocess.run(
                ["git", "-C", str(published), "ls-tree", "--name-only", "gh-pages"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
        return {
            "environment_setup_seconds": round(setup, 1),
            "build_seconds": {"mkdocs": round(mkdocs_seconds, 2), "properdocs": round(properdocs_seconds, 2)},
            "ratio_properdocs_to_mkdocs": round(properdocs_seconds / mkdocs_seconds, 2),
            "comparison": compare(work / "site-mkdocs", work / "site-properdocs"),
            "publish_under_properdocs": {"seconds": round(publish_seconds, 1), "branch_root": branch},
        }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
