"""Lighthouse on the home page, the agreement page and a comparison page (mobile profile).

Pipeline: publish the throwaway project with every version (``tests/browser/site.py``),
or take ``$VWO_LIGHTHOUSE_SITE`` (an exported published tree, e.g. of another branch) ->
serve it on 127.0.0.1 as GitHub Pages serves it (gzip, ``Cache-Control: max-age=600``)
-> Lighthouse from the npm registry at the version pinned in ``benchmarks/lighthouse/``
(``npm ci --ignore-scripts`` on first use), run with Debian's Chromium (``CHROME_PATH``),
never a browser of its own -> the performance and accessibility scores and the audits
that failed, of the median of ``$VWO_LIGHTHOUSE_RUNS`` runs per page (default 5). Goals
(issue 20): performance at least 95, accessibility 100.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

from tests.browser.site import PagesHandler, publish_site, sandboxed_git, serve, site_prefix
from tests.gitrepo import ROOT

TOOL = Path(__file__).parent / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "actueel/",
    "overeenkomst": "actueel/overeenkomst/",
    "vergelijken": "concept/vergelijken/1.11/",
}
GOALS = {"performance": 95, "accessibility": 100}
RUNS = int(os.environ.get("VWO_LIGHTHOUSE_RUNS", "5"))  # per page; the median run counts
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


class _Compressed(PagesHandler):
    """Static files under ``prefix``, gzip-compressed when asked, cached ten minutes."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "") and self.path.startswith(self.prefix)
        if not (wanted and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def install() -> None:
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("error: npm is needed for Lighthouse\nhint: apt-get install npm")
    subprocess.run(
        [npm, "ci", "--prefix", str(TOOL), "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        check=True,
    )


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        check=True,
        timeout=600,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    failed = sorted(
        name
        for name, audit in report["audits"].items()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    )
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    metrics = {
        name: report["audits"][name]["displayValue"]
        for name in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
    }
    accessibility = {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}
    return {
        **scores,
        **metrics,
        "failed_accessibility_audits": [name for name in failed if name in accessibility],
        "lighthouse": report["lighthouseVersion"],
        "ratio_performance": round(GOALS["performance"] / max(scores["performance"], 1), 3),
        "ratio_accessibility": round(GOALS["accessibility"] / max(scores["accessibility"], 1), 3),
    }


def run() -> dict[str, Any]:
    install()
    with tempfile.TemporaryDirectory(prefix="vwo-lighthouse-") as tmp:
        given = os.environ.get("VWO_LIGHTHOUSE_SITE")
        if given:
            tree = Path(given)
        else:
            workdir = Path(tmp)
            with sandboxed_git(workdir):
                tree = publish_site(workdir)
        results: dict[str, Any] = {"site": given or "this branch, published"}
        results["load_average_at_start"] = [round(x, 1) for x in os.getloadavg()]
        with serve(tree, site_prefix(ROOT), _Compressed) as base:
            for name, path in PAGES.items():
                runs = [lighthouse(base + path, Path(tmp) / f"{name}-{n}.json") for n in range(RUNS)]
                results[name] = _median_run(runs)
        return results


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median performance score (Lighthouse's own advice for noisy
    machines), with every run's scores beside it."""
    ordered = sorted(runs, key=lambda r: r["performance"])
    median = ordered[len(ordered) // 2]
    return {
        **median,
        "runs": len(runs),
        "performance_all_runs": [r["performance"] for r in runs],
        "accessibility_all_runs": [r["accessibility"] for r in runs],
    }
