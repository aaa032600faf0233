"""Word diff: bounded cost for any input, this engine against the one before (third round).

Every case runs in a fresh process, once with this tree's ``src/`` and once with ``src/``
of ``BASELINE`` (the engine before the third round, unpacked with ``git archive``), so
the ratio is measured in one run. Each process prints the CPU seconds of
``compare`` (align and word diff) and of the Markdown that ``vwo compare --format md``
writes, and its peak memory. Cases:

- one clause of 5,000, 20,000 and 100,000 words (real sentences of 1.11 and its
  toelichting drawn at random, one paragraph) against the same text with one word
  replaced in every sentence; goal for 100,000 words: under 5 s;
- the same 100,000 words with 1 % of the words replaced at random;
- two unrelated clauses (drawn independently) of 5,000, 20,000 and 100,000 words: the
  worst case, and the one the review timed (5,000 words 2 s, 20,000 words 17 s);
- a 4.7 MB agreement: the articles and toelichting of 1.11 repeated, each clause tagged
  with its copy, against the same built from the concept (review row C13);
- ``bench_compare``'s 30 synthetic versions: one pair (median of 15, caches cleared) and
  all 435 pairs with their page (goals < 50 ms and < 10 s).

The old engine gets ``OLD_TIMEOUT`` seconds per case (it is quadratic: review row C14).
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "ec08ef4"  # main before the third round's word diff
OLD_TIMEOUT = 60
NEW_TIMEOUT = 300
GOAL_100K = 5.0
CLAUSE_CASES = {
    "5k-elke-zin": (5_000, "each"),
    "20k-elke-zin": (20_000, "each"),
    "100k-elke-zin": (100_000, "each"),
    "100k-1-procent": (100_000, "share"),
    "5k-ongerelateerd": (5_000, "other"),
    "20k-ongerelateerd": (20_000, "other"),
    "100k-ongerelateerd": (100_000, "other"),
}
CASES = [*CLAUSE_CASES, "4,7-MB-bijna-gelijk", "30-versies-een-paar", "30-versies-alle-paren"]


# Inputs ------------------------------------------------------------------------------


def _sentences() -> list[str]:
    folder = ROOT / "versions/1.11"
    names = ("overeenkomst.md", "toelichting.md")
    text = " ".join((folder / name).read_text(encoding="utf-8") for name in names)
    lines = [line for line in text.splitlines() if line and not line.startswith(("#", "|", "-"))]
    found = re.findall(r"[^.;:]+[.;:]", " ".join(lines))
    return [s.strip() for s in found if len(s.split()) >= 4]


def _clause_texts(words: int, kind: str) -> tuple[str, str]:
    rng = random.Random(words)
    pool = _sentences()

    def draw() -> list[str]:
        out: list[str] = []
        count = 0
        while count < words:
            out.append(rng.choice(pool))
            count += len(out[-1].split())
        return out

    old = draw()
    if kind == "other":
        return " ".join(old), " ".join(draw())
    if kind == "each":
        new = []
        for sentence in old:
            parts = sentence.split()
            k = rng.randrange(len(parts) - 1)  # never the last word, which carries the full stop
            parts[k] = rng.choice(["schriftelijk", "gemeente", "leverancier", "binnen", "niet"])
            new.append(" ".join(parts))
        return " ".join(old), " ".join(new)
    parts = " ".join(old).split()
    for k in rng.sample(range(len(parts)), len(parts) // 100):
        parts[k] = "gewijzigd" + parts[k][-1] if not parts[k][-1].isalnum() else "gewijzigd"
    return " ".join(old), " ".join(parts)


def _one_clause(text: str) -> dict[str, str]:
    return {"overeenkomst.md": f"# Overeenkomst\n\n## Artikel 1. Lang {{#lang}}\n\n1.1 {text}\n"}


def _repeated(folder: Path, size: int) -> dict[str, str]:
    """The agreement of ``folder`` repeated until ``size`` bytes, every clause and
    toelichting tagged with its copy (so no word diff is answered from the cache)."""
    from vwo.text.parse import load_agreement

    agreement = load_agreement(folder)
    body, notes = [f"# {agreement.title}", "", agreement.preamble, ""], ["# Toelichting", ""]
    count, copy = 0, 0
    while count < size:
        for article in agreement.articles:
            number = copy * len(agreement.articles) + article.number
            head = f"## Artikel {number}. {article.title} {{#{article.id}-{copy}}}"
            body += [head, ""]
            for clause in article.clauses:
                body += [f"{number}.{clause.lid} (deel {copy}) {clause.text}", ""]
            note = agreement.explanation(article.id)
            notes += [head, "", f"(deel {copy}) " + (note.body if note else "Geen."), ""]
        copy += 1
        count = sum(len(x) + 1 for x in body + notes)
    return {"overeenkomst.md": "\n".join(body), "toelichting.md": "\n".join(notes)}


# One case in this process ----------------------------------------------------------------


def _measure(case: str) -> dict[str, Any]:
    from vwo.compare.align import compare
    from vwo.compare.markdown import comparison_markdown
    from vwo.text.parse import parse_sources

    out: dict[str, Any] = {}
    if case.startswith("30-versies"):
        return {**out, **_measure_versions(case)}
    if case in CLAUSE_CASES:
        old_text, new_text = _clause_texts(*CLAUSE_CASES[case])
        sources = (_one_clause(old_text), _one_clause(new_text))
        out["woorden"] = len(old_text.split())
    else:
        sources = (_repeated(ROOT / "versions/1.11", 4_700_000), _repeated(ROOT / "docs", 4_700_000))
        out["bytes"] = sum(len(t.encode()) for t in sources[0].values())
    start = time.process_time()
    old, new = parse_sources(sources[0]), parse_sources(sources[1])
    out["parse_s"] = time.process_time() - start
    start = time.process_time()
    comparison = compare(old, new, old_version="a", new_version="b")
    out["compare_s"] = time.process_time() - start
    start = time.process_time()
    comparison_markdown(comparison)
    out["markdown_s"] = time.process_time() - start
    out["words_inserted"], out["words_deleted"] = (
        comparison.summary.words_inserted,
        comparison.summary.words_deleted,
    )
    return out


def _measure_versions(case: str) -> dict[str, Any]:
    from benchmarks.bench_compare import all_pairs, one_pair, versions
    from vwo.text.parse import parse_sources

    agreements = [parse_sources(t) for t in versions()]
    if case == "30-versies-een-paar":
        return {"compare_s": one_pair(agreements)}
    cpu, _, pairs = all_pairs(agreements)
    return {"compare_s": cpu, "paren": pairs}


# Both engines, one process per case -----------------------------------------------------


def _child(src: Path, case: str, timeout: int) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_diff", case],
            cwd=ROOT,
            env={"PYTHONPATH": f"{src}:{ROOT}", "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return {"timeout_s": timeout}
    out: dict[str, Any] = json.loads(result.stdout)
    out["wall_s"] = time.perf_counter() - start
    return out


def _baseline_src(folder: Path) -> Path:
    command = ["git", "archive", BASELINE, "src"]
    archive = subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def run() -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        old_src = _baseline_src(Path(tmp))
        for case in CASES:
            new = _child(ROOT / "src", case, NEW_TIMEOUT)
            old = _child(old_src, case, OLD_TIMEOUT)
            row: dict[str, Any] = {"nieuw": new, "oud": old}
            if "compare_s" in new:
                total = new["compare_s"] + new.get("markdown_s", 0.0)
                if "compare_s" in old:
                    row["verhouding_oud_nieuw"] = (old["compare_s"] + old.get("markdown_s", 0.0)) / total
                else:
                    row["verhouding_oud_nieuw"] = f"> {OLD_TIMEOUT / total:.0f}"
                if case in ("100k-elke-zin", "100k-ongerelateerd"):
                    row["verhouding_tot_doel"] = total / GOAL_100K
            results[case] = row
            print(case, json.dumps(row, default=str), flush=True)
    return results


if __name__ == "__main__":
    case = sys.argv[1]
    measured = _measure(case)
    measured["vwo"] = str(Path(__import__("vwo").__file__).parents[1])
    measured["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(measured))
