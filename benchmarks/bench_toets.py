"""``vwo toets``: a 30-page DOCX against 30 published versions, on the command line and in
the page "Toets uw overeenkomst".

Setup (not timed): a throwaway repository with 30 synthetic published versions of an
agreement of 45 articles (clauses of words drawn from the real agreement, the real
annexes); each version changes a few words, every fifth adds an article. The copy is the
DOCX download (``vwo.downloads``) of the last version, changed like a supplier would
(words in three clauses, a clause deleted, a paragraph added, two cells filled in); its
page count is that of the same version's PDF download. For the page: a site tree with the
toets page of one ``mkdocs build`` and, for each version, its ``tekst.json`` and the site
root's ``versies.json``, served on 127.0.0.1 to Debian's Chromium.

Timed: (1) ``vwo toets COPY --format json`` as a command (a fresh process: imports,
reading 30 versions, the check, the JSON), median of 5; in-process, the share of
extraction, identification (scores), matching (alignment and classification) and the
findings with their redline. (2) In Chromium: from the click on "Toetsen" to the report,
with the versions' texts not yet loaded (cold) and loaded (warm), median of 5; and in
the page the share of reading the DOCX, the check without the redline, and the redline.
Goals: (1) < 2 s, (2) < 2 s.
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.site import make_project, sandboxed_git, serve
from tests.gitrepo import ROOT, mkdocs_build
from tests.toets_copies import WordCopy

from vwo.conformance import classify as classify_module
from vwo.conformance.check import check, identify
from vwo.conformance.document import prepare
from vwo.conformance.extract import extract
from vwo.conformance.findings import build_report
from vwo.conformance.match import align
from vwo.conformance.rules import FILL
from vwo.conformance.site import text_json
from vwo.conformance.sources import load_candidates
from vwo.conformance.stream import block_tokens, build_stream
from vwo.downloads import build_document, generate, version_meta
from vwo.downloads.pdf import render_pdf
from vwo.text.parse import load_agreement
from vwo.versions.model import load_versions
from vwo.versions.pages import build_view, versions_json

GOAL = 2.0
VERSIONS = 30
ARTICLES = 45


def _words() -> list[str]:
    text = (ROOT / "versions/1.11/overeenkomst.md").read_text(encoding="utf-8")
    return sorted({w for w in text.replace("\n", " ").split(" ") if w.isalpha() and w.islower()})


def agreements() -> list[str]:
    """30 versions of a 45-article agreement: each changes a few words, every fifth adds an article."""
    rng = random.Random(19)
    words = _words()

    def clause() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(30, 70))).capitalize() + "."

    articles = [(f"artikel-{n}", f"Onderwerp {n}", [clause() for _ in range(4)]) for n in range(ARTICLES)]
    out = []
    for v in range(VERSIONS):
        if v:
            for _ in range(3):
                clauses = rng.choice(articles)[2]
                i = rng.randrange(len(clauses))
                parts = clauses[i].split()
                parts[rng.randrange(len(parts))] = rng.choice(words)
                clauses[i] = " ".join(parts)
            if v % 5 == 0:
                articles.insert(rng.randrange(len(articles)), (f"nieuw-{v}", f"Nieuw {v}", [clause()]))
        lines = [
            "# Standaard verwerkersovereenkomst gemeenten",
            "",
            "Partijen: de gemeente [naam gemeente] en [naam verwerker].",
            "",
        ]
        for n, (aid, title, clauses) in enumerate(articles, start=1):
            lines += [f"## Artikel {n}. {title} {{#{aid}}}", ""]
            lines += [f"{n}.{k} {c}\n" for k, c in enumerate(clauses, start=1)]
        out.append("\n".join(lines))
    return out


def make_repo(folder: Path) -> Path:
    root = folder / "repo"
    for v, text in enumerate(agreements()):
        target = root / "versions" / f"1.{v}"
        shutil.copytree(ROOT / "versions/1.11/bijlagen", target / "bijlagen")
        (target / "overeenkomst.md").write_text(text, encoding="utf-8")
        status = "consultatie" if v % 3 == 0 else "vastgesteld"
        lines = [f'versie: "1.{v}"', f"status: {status}", f"gepubliceerd_op: 2019-01-{v % 28 + 1:02d}"]
        if status == "vastgesteld":
            lines.append("vastgesteld_door: College van Dienstverleningszaken")
        lines.append("samenvatting: Synthetische versie.")
        (target / "version.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copytree(
        root / "versions" / f"1.{VERSIONS - 1}", root / "docs", ignore=shutil.ignore_patterns("version.yml")
    )
    return root


def make_copy(root: Path, folder: Path) -> tuple[Path, int]:
    version = f"1.{VERSIONS - 1}"
    agreement = load_agreement(root / "versions" / version)
    info = next(i for i in load_versions(root) if i.version == version)
    meta = version_meta(agreement.title, version, info)
    bundle = generate(agreement, meta, folder / "downloads")
    pages = len(PdfReader(io.BytesIO(render_pdf(build_document(agreement, meta)))).pages)
    copy = WordCopy(bundle.folder / bundle.file(".docx").name)

    def clause(article: int, lid: int) -> Any:
        """The first clause ``N.lid`` from article ``article`` on (added articles have one)."""
        for n in range(article, article + 10):
            try:
                return copy.paragraph(f"{n}.{lid} ")
            except AssertionError:
                continue
        raise AssertionError(f"no clause {article}.{lid}")

    for (article, lid), word in (((3, 1), "niet"), ((17, 2), "altijd"), ((30, 3), "nooit")):
        p = clause(article, lid)
        copy.replace(p, copy.text(p).split()[4], word)
    copy.delete(clause(12, 2))
    copy.insert_after(clause(20, 1), "De verwerker mag de gegevens ook voor eigen doeleinden gebruiken.")
    copy.fill("Gemeente", "Gemeente Voorbeeldstad")
    copy.fill("Verwerker (naam, vestigingsplaats, KvK-nummer)", "Cloud B.V., Amsterdam, 12345678")
    return copy.save(folder / "leverancier.docx"), pages


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_times(root: Path, copy: Path, rounds: int = 5) -> tuple[list[float], list[float]]:
    """(wall seconds, CPU seconds) per run of the command."""
    command = [sys.executable, "-m", "vwo", "-C", str(root), "toets", str(copy), "--format", "json"]
    times, cpu = [], []
    for _ in range(rounds):
        start, cpu_start = time.perf_counter(), _children_cpu()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - cpu_start)
        if result.returncode != 1:
            raise SystemExit(f"vwo toets: exit {result.returncode}\n{result.stderr}")
    data = json.loads(result.stdout)
    print(f"  found {data['identification']['version']}, {len(data['deviations'])} deviations")
    return times, cpu


def phases(root: Path, copy: Path) -> dict[str, float]:
    """Seconds per step in one process, the versions already read."""
    candidates = load_candidates(root, None)
    start = time.perf_counter()
    extracted = extract(copy.read_bytes(), copy.name, copy.name)
    t_extract = time.perf_counter()
    blocks = {c.facts.version: block_tokens(c.standard) for c in candidates}
    vocabulary = frozenset(t for version in blocks.values() for b in version for t in b if t != FILL)
    prepared = prepare(extracted, vocabulary)
    ident = identify(prepared, candidates, blocks, None)
    t_identify = time.perf_counter()
    chosen = next(c for c in candidates if c.facts.version == ident.version)
    stream = build_stream(chosen.standard)
    found = classify_module.classify(
        stream, prepared, align(stream.tokens, prepared.tokens, stream.unit_of, prepared.paragraph_of)
    )
    t_match = time.perf_counter()
    base = check(copy.name, extracted, candidates)  # the whole check once more, for the base fields
    t_check = time.perf_counter()
    build_report(copy.name, stream, prepared, found, lambda unit: None, base)
    t_report = time.perf_counter()
    return {
        "extraction": t_extract - start,
        "identification": t_identify - t_extract,
        "matching": t_match - t_identify,
        "findings_and_redline": t_report - t_check,
        "whole_check": t_check - t_match,
    }


def site_tree(root: Path, folder: Path) -> Path:
    """The toets page of one build, plus every version's tekst.json and the root's versies.json."""
    with sandboxed_git(folder):
        project = make_project(folder / "project")
        built = folder / "built"
        mkdocs_build(project.path, built)
    tree = folder / "tree"
    latest = f"1.{VERSIONS - 1}"
    shutil.copytree(built, tree / latest)
    infos = load_versions(root)
    (tree / "versies.json").write_text(versions_json(build_view(infos, "concept")), encoding="utf-8")
    for info in infos:
        agreement = load_agreement(root / "versions" / info.version)
        (tree / info.version).mkdir(parents=True, exist_ok=True)
        (tree / info.version / "tekst.json").write_text(
            text_json(agreement, info.version, None), encoding="utf-8"
        )
    return tree


IN_PAGE = """async () => {
  const input = document.querySelector('#vwo-toets-bestand');
  const file = input.files[0];
  const versions = await (await fetch('../../versies.json')).json();
  const cands = await Promise.all(versions.versies.map(async e => {
    const d = await (await fetch('../../' + e.pad + 'tekst.json')).json();
    const facts = { version: e.versie, status: e.status, label: e.label, current: e.actueel,
                    superseded_by: e.vervangen_door };
    return { standard: VwoToets.standardFromData(d), coverage: null, facts: facts };
  }));
  cands.reverse();
  const t0 = performance.now();
  const extracted = await VwoToetsLezen.extract(await file.arrayBuffer(), file.name);
  const t1 = performance.now();
  VwoToets.check(file.name, extracted, cands, null);
  const t2 = performance.now();
  return { extraction: t1 - t0, check_without_redline: t2 - t1 };
}"""


def browser_times(tree: Path, copy: Path, rounds: int = 5) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        return {"skipped": "Chromium is not on PATH"}
    latest = f"1.{VERSIONS - 1}"
    with serve(tree, "/vwo/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        cold, warm, parts = [], [], []
        for _ in range(rounds):
            page = browser.new_page()
            page.goto(f"{base}{latest}/toets/", wait_until="load")
            page.locator("#vwo-toets-bestand").set_input_files(str(copy))
            for times in (cold, warm):
                start = time.perf_counter()
                page.get_by_role("button", name="Toetsen").click()
                page.wait_for_function(
                    "document.querySelector('#vwo-toets-status').textContent.startsWith('Klaar')"
                )
                times.append(time.perf_counter() - start)
                status = page.locator("#vwo-toets-status").inner_text()
                page.evaluate("document.querySelector('#vwo-toets-status').textContent = ''")
            parts.append(page.evaluate(IN_PAGE))
            page.close()
        browser.close()
    extraction = statistics.median(p["extraction"] for p in parts) / 1000
    checking = statistics.median(p["check_without_redline"] for p in parts) / 1000
    return {
        "status": status,
        "cold": statistics.median(cold),
        "warm": statistics.median(warm),
        "extraction": extraction,
        "check_without_redline": checking,
        "redline_and_rendering": statistics.median(warm) - extraction - checking,
    }


def run() -> dict[str, Any]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory(prefix="vwo-bench-toets-") as tmp:
        folder = Path(tmp)
        root = make_repo(folder)
        copy, pages = make_copy(root, folder)
        print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"copy: {copy.stat().st_size // 1024} KB DOCX, {pages} pages as PDF, {VERSIONS} versions")
        cli, cli_cpu = cli_times(root, copy)
        inner = phases(root, copy)
        print(
            f"vwo toets (fresh process), median of 5: {statistics.median(cli):.2f} s wall, "
            f"{statistics.median(cli_cpu):.2f} s CPU (goal < {GOAL} s)"
        )
        print("in process: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in inner.items()))
        tree = site_tree(root, folder)
        page = browser_times(tree, copy)
        print(f"page: {page}")
    result: dict[str, Any] = {
        "pages": pages,
        "cli_median_s": round(statistics.median(cli), 3),
        "cli_cpu_median_s": round(statistics.median(cli_cpu), 3),
        "cli_ratio_to_goal": round(statistics.median(cli) / GOAL, 2),
        "cli_phases_ms": {k: round(v * 1000) for k, v in inner.items()},
        "page": {k: round(v, 3) if isinstance(v, float) else v for k, v in page.items()},
    }
    if isinstance(page.get("cold"), float):
        result["page_ratio_to_goal"] = round(page["cold"] / GOAL, 2)
    return result


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
