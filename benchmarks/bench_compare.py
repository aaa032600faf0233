"""Compare: 30 synthetic versions of a 25-article agreement.

Measures (1) the diff of one pair, (2) all 435 pairs with their page each (both views), and
(3) a ``mkdocs build`` of the concept with its 30 comparisons (pages and DOCX) against
the same build without the compare hook. Goals: (1) < 50 ms, (2) < 10 s, (3) <= 1.5x.
"""

from __future__ import annotations

import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vwo.compare import compare
from vwo.compare.html import blocks_html, clause_html, clause_row
from vwo.compare.page import comparison_page
from vwo.compare.worddiff import _blocks, diff_text
from vwo.text.model import Agreement
from vwo.text.parse import parse_sources

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 25
VERSIONS = 30
WORDS = [
    "de",
    "verwerker",
    "verwerkt",
    "persoonsgegevens",
    "uitsluitend",
    "op",
    "gedocumenteerde",
    "instructie",
    "van",
    "de",
    "verwerkingsverantwoordelijke",
    "en",
    "neemt",
    "passende",
    "technische",
    "en",
    "organisatorische",
    "maatregelen",
    "om",
    "een",
    "op",
    "het",
    "risico",
    "afgestemd",
    "beveiligingsniveau",
    "te",
    "waarborgen",
    "binnen",
    "de",
    "termijn",
]


def _clause(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "."


def versions() -> list[dict[str, str]]:
    """30 versions: each changes a few words in a few clauses; every fifth adds an article."""
    rng = random.Random(7)
    articles = [(f"artikel-{n}", f"Onderwerp {n}", [_clause(rng) for _ in range(4)]) for n in range(ARTICLES)]
    out = []
    for v in range(VERSIONS):
        if v:
            for _ in range(3):
                _, _, clauses = rng.choice(articles)
                i = rng.randrange(len(clauses))
                words = clauses[i].split()
                words[rng.randrange(len(words))] = rng.choice(WORDS)
                clauses[i] = " ".join(words)
            if v % 5 == 0:
                articles.insert(rng.randrange(len(articles)), (f"nieuw-{v}", f"Nieuw {v}", [_clause(rng)]))
        lines = ["# Verwerkersovereenkomst", ""]
        expl = ["# Toelichting", ""]
        for n, (aid, title, clauses) in enumerate(articles, start=1):
            lines += [f"## Artikel {n}. {title} {{#{aid}}}", ""]
            lines += [f"{n}.{k} {c}\n" for k, c in enumerate(clauses, start=1)]
            expl += [f"## Artikel {n}. {title} {{#{aid}}}", "", f"Uitleg {v if n == 1 else 0}.", ""]
        out.append({"overeenkomst.md": "\n".join(lines), "toelichting.md": "\n".join(expl)})
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build(project: Path, site: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``mkdocs build``."""
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        check=True,
        capture_output=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def _project(folder: Path, texts: list[dict[str, str]], *, with_compare: bool) -> Path:
    """This project's whole site (every page and hook) with the synthetic texts: the last
    one in ``docs/``, the others as published versions 1.0 .. 1.28 with the real annexes.
    Without compare: no compare hook, no "Vergelijken" page, no article history."""
    project = folder / ("with" if with_compare else "without")
    (project / "src").mkdir(parents=True)
    for name in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / name, project / name)
    for v, files in enumerate(texts):
        target = project / ("docs" if v == len(texts) - 1 else f"versions/1.{v}")
        if target.name != "docs":
            shutil.copytree(ROOT / "docs/bijlagen", target / "bijlagen")
            (target / "version.yml").write_text(
                f'versie: "1.{v}"\nstatus: vastgesteld\ngepubliceerd_op: 2019-01-{v % 28 + 1:02d}\n'
                "vastgesteld_door: College\nsamenvatting: x\n",
                encoding="utf-8",
            )
        for rel, text in files.items():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not with_compare:
        config = config.replace("  - hooks/compare.py\n", "").replace(
            "  - Vergelijken: vergelijken/index.md\n", ""
        )
        hook = project / "hooks/agreement.py"
        source = hook.read_text(encoding="utf-8")
        call = 'build_history(build.root, build.version, _state["agreement"], published)'
        assert call in source, "update the benchmark: the article history call moved"
        hook.write_text(source.replace(call, "{}"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def clear_caches() -> None:
    for cached in (diff_text, _blocks, blocks_html, clause_html, clause_row):
        cached.cache_clear()


def one_pair(agreements: list[Agreement]) -> float:
    """CPU seconds of comparing the first and the last version, caches cleared, median of 15."""
    one = []
    for _ in range(15):
        clear_caches()
        start = time.process_time()
        compare(agreements[0], agreements[-1], old_version="1.0", new_version="1.29")
        one.append(time.process_time() - start)
    clear_caches()
    return statistics.median(one)


def all_pairs(agreements: list[Agreement]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, pairs) of every pair compared, with its page."""
    start, cpu = time.perf_counter(), time.process_time()
    pairs = 0
    for j in range(len(agreements)):
        for i in range(j):
            c = compare(agreements[i], agreements[j], old_version=f"1.{i}", new_version=f"1.{j}")
            comparison_page(c)  # both views: inline redline and side-by-side tables
            pairs += 1
    return time.process_time() - cpu, time.perf_counter() - start, pairs


def run() -> None:
    """Wall time and CPU time: on a shared machine CPU time is the steadier number."""
    texts = versions()
    agreements = [parse_sources(t) for t in texts]
    print(
        f"one pair (1.0 vs 1.29), CPU, caches cleared, median of 15: "
        f"{one_pair(agreements) * 1000:.1f} ms (goal < 50 ms)"
    )
    cpu, wall, pairs = all_pairs(agreements)
    print(f"all {pairs} pairs, diff + page (both views): {cpu:.2f} s CPU, {wall:.2f} s wall (goal < 10 s)")
    for history in (texts, texts[-6:]):
        _measure_build(history)


def _measure_build(texts: list[dict[str, str]], rounds: int = 5) -> None:
    """Builds alternate (without, with, without, ...) so a change in the machine's load
    hits both alike; the ratio is of the medians."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        without = _project(folder, texts, with_compare=False)
        with_ = _project(folder, texts, with_compare=True)
        _build(without, folder / "site-a")  # warm-up: file cache, .pyc, downloads cache
        _build(with_, folder / "site-b")
        runs: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
        for _ in range(rounds):
            runs["without"].append(_build(without, folder / "site-a"))
            runs["with"].append(_build(with_, folder / "site-b"))
        docx = len(list((folder / "site-b/vergelijken").rglob("*.docx")))
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    print(
        f"build of the concept (whole site) with {len(texts) - 1} earlier versions, median of {rounds} "
        f"alternating rounds: without compare {cpu['without']:.2f} s CPU ({wall['without']:.2f} s wall); "
        f"with {docx} comparisons (pages + DOCX) and article history {cpu['with']:.2f} s CPU "
        f"({wall['with']:.2f} s wall): {cpu['with'] / cpu['without']:.2f}x CPU, "
        f"{wall['with'] / wall['without']:.2f}x wall (goal <= 1.5x)"
    )
