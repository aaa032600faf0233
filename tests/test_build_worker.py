"""The warm build process of ``vwo publish`` (``vwo.versions.build_worker``): a build in
it writes the same site, byte for byte, as ``python -m mkdocs build`` of the same config;
its errors come back like a cold build's; an unused one stops with its ``with`` block.
What it saves is measured in ``benchmarks/bench_publish.py``."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.versions_support import make_site
from vwo.versions import build_worker
from vwo.versions.mkdocs import WarmWorker, build_all
from vwo.versions.plan import Target

CONCEPT = Target("concept", "concept", "docs", 1767225600, ())


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.e2e
def test_a_build_in_the_warm_worker_is_the_same_as_a_cold_build(repo: GitRepo, tmp_path: Path) -> None:
    make_site(repo)
    config = repo.path / "mkdocs.yml"
    with WarmWorker(repo.path, tmp_path / "label") as warm:
        time.sleep(0.5)  # a build that arrives while it is still loading waits for it
        ((_, warm_problems),) = build_all([(CONCEPT, config, tmp_path / "warm")], workers=1, warm=warm)
        assert warm.pid is None  # used once
    ((_, cold_problems),) = build_all([(CONCEPT, config, tmp_path / "cold")], workers=1)
    assert warm_problems is None and cold_problems is None
    warm_site, cold_site = tree(tmp_path / "warm"), tree(tmp_path / "cold")
    assert "overeenkomst/index.html" in warm_site and len(warm_site) > 50
    assert warm_site == cold_site


def test_a_failed_build_in_the_warm_worker_reports_what_mkdocs_said(repo: GitRepo, tmp_path: Path) -> None:
    missing = tmp_path / "geen" / "mkdocs.yml"
    with WarmWorker(repo.path, tmp_path / "label") as warm:
        ((_, warm_problems),) = build_all([(CONCEPT, missing, tmp_path / "warm")], workers=1, warm=warm)
    ((_, cold_problems),) = build_all([(CONCEPT, missing, tmp_path / "cold")], workers=1)
    assert warm_problems is not None and str(missing) in warm_problems
    assert warm_problems == cold_problems


def test_only_the_first_build_runs_in_the_warm_worker(repo: GitRepo, tmp_path: Path) -> None:
    missing = tmp_path / "geen.yml"
    jobs = [(CONCEPT, missing, tmp_path / "a"), (CONCEPT, missing, tmp_path / "b")]
    with WarmWorker(repo.path, tmp_path / "label") as warm:
        first = warm.pid
        results = build_all(jobs, workers=1, warm=warm)
    assert first is not None and warm.pid is None
    assert [problems is not None for _, problems in results] == [True, True]


def test_an_unused_warm_worker_stops_with_its_block(repo: GitRepo, tmp_path: Path) -> None:
    with WarmWorker(repo.path, tmp_path / "label") as warm:
        pid = warm.pid
        assert pid is not None
        args = subprocess.run(
            ["ps", "-ww", "-o", "args=", "-p", str(pid)], capture_output=True, text=True
        ).stdout
        assert str(tmp_path / "label") in args  # the run it belongs to, for ps
    assert warm.pid is None
    gone = subprocess.run(
        ["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True
    ).stdout.strip()
    assert gone in ("", "Z")  # no such process (or not yet reaped by the system)


def test_the_worker_exits_without_a_build_on_an_empty_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    assert build_worker.main(["mkdocs", str(tmp_path)]) == 0


def test_the_modules_it_loads_follow_from_mkdocs_yml() -> None:
    config = {
        "theme": {"name": "material"},
        "plugins": [{"mike": {"alias_type": "copy"}}, "search"],
        "markdown_extensions": ["abbr", {"toc": {"permalink": "#"}}, "pymdownx.details", "vwo.site.lists"],
    }
    assert build_worker._modules(config) == [
        "material",
        "mike.mkdocs_plugin",
        "search.mkdocs_plugin",
        "markdown.extensions.abbr",
        "markdown.extensions.toc",
        "pymdownx.details",
        "vwo.site.lists",
    ]


def test_mkdocs_own_yaml_tags_do_not_stop_the_preloading(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        "site_name: !ENV [NAAM, 'x']\ntheme: material\nhooks:\n  - hooks/a.py\n", encoding="utf-8"
    )
    assert build_worker._config(path) == {"site_name": None, "theme": "material", "hooks": ["hooks/a.py"]}
    path.write_text("[niet: af", encoding="utf-8")
    assert build_worker._config(path) == {}


@pytest.mark.e2e
def test_a_warning_in_the_warm_worker_fails_the_strict_build_as_in_a_cold_one(
    repo: GitRepo, tmp_path: Path
) -> None:
    make_site(repo)
    (repo.path / "docs" / "index.md").write_text("# Home\n\n[Weg](nergens.md)\n", encoding="utf-8")
    config = repo.path / "mkdocs.yml"
    with WarmWorker(repo.path, tmp_path / "label") as warm:
        ((_, warm_problems),) = build_all([(CONCEPT, config, tmp_path / "warm")], workers=1, warm=warm)
    ((_, cold_problems),) = build_all([(CONCEPT, config, tmp_path / "cold")], workers=1)
    assert warm_problems is not None and "WARNING" in warm_problems and "nergens.md" in warm_problems
    assert warm_problems == cold_problems
