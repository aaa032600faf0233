"""The site search: index size per version, bytes transferred, and quality against Material's.

Pipeline: the throwaway project with its ``versions/`` -> ``vwo publish`` -> the exported
branch (every version's ``pagefind/``: bytes on disk, files, pages) -> the agreement
page's weight as ``bench_site`` measures it (HTML, CSS, JS, gzip) -> served on
127.0.0.1, driven in Debian's Chromium: the bytes of the dialog's first search (this
version), of the same query in all versions, and of ten more queries (every response
body, as served and gzip-compressed level 6 as a web server would send it; Pagefind's
own files are compressed already; a file the browser takes from its cache counts again).

Quality, on one build of the working text that has both indexes (Material's search
plugin switched back on in a copy of ``mkdocs.yml``): the query list of
``tests/browser/test_search.py`` plus every article title and each word of it, through
(a) the site's dialog (Pagefind), (b) Material's own search worker as it searches
(``term*``), (c) the same worker with the fix from the review (``stem OR term*``, as
the query ``term^10 term``) and the agreement page boosted 5x (front matter
``search.boost``). A query counts when its first result is the expected article (its
heading or a clause of it); a clause query only when it lands on the clause itself.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page, sync_playwright
from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.searching import choose_scope, open_search, search
from tests.browser.site import make_project, publish_site, sandboxed_git, serve
from tests.browser.test_search import CLAUSES, INFLECTED, STOP_WORDS

from benchmarks.bench_site import AGREEMENT_PAGE, page_weight
from vwo.text.parse import load_agreement

AGREEMENT = "overeenkomst/"
MORE_QUERIES = ["melden", "audits", "7.2", "teruggave", "doorgiften", "toestemming", "bewaartermijnen",
                "artikel 10.1", "aansprakelijkheid", "geheimhouding"]  # fmt: skip
# Material's worker protocol (its worker/message/index.ts): SETUP 0, READY 1, QUERY 2, RESULT 3.
MATERIAL_QUERY = """async ([workerUrl, index, queries, boost]) => {
  index.options = index.options || {suggest: false};  // the page adds it from the theme's features
  if (boost) for (const doc of index.docs) if (doc.location.startsWith('overeenkomst/')) doc.boost = boost;
  const worker = new Worker(workerUrl);
  const ask = (message) => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data); worker.postMessage(message); });
  await ask({type: 0, data: index});
  const out = [];
  for (const query of queries) {
    const answer = await ask({type: 2, data: query});
    const best = (answer.data.items[0] || []).slice().sort((a, b) => b.score - a.score)[0];
    out.push(best ? best.location : null);
  }
  worker.terminate();
  return out;
}"""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def index_sizes(tree: Path) -> dict[str, Any]:
    out = {}
    for version in sorted(p.name for p in tree.iterdir() if (p / "pagefind").is_dir()):
        bundle = tree / version / "pagefind"
        out[version] = {
            "bytes": folder_bytes(bundle),
            "files": sum(1 for p in bundle.rglob("*") if p.is_file()),
            "pages": len(list((bundle / "fragment").glob("*.pf_fragment"))),
            "index_chunks_bytes": folder_bytes(bundle / "index"),
            "fragments_bytes": folder_bytes(bundle / "fragment"),
            "wasm_nl_bytes": sum(p.stat().st_size for p in bundle.glob("wasm.nl*")),
        }
    return out


class Meter:
    """Bytes of every response of one page, split by whether it is the search's."""

    def __init__(self, page: Page) -> None:
        self.seen: list[tuple[str, int, int]] = []
        page.on("response", self._on)

    def _on(self, response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        self.seen.append((urlsplit(response.url).path, len(body), gz(body)))

    def mark(self) -> int:
        return len(self.seen)

    def since(self, mark: int) -> dict[str, int]:
        part = self.seen[mark:]
        return {
            "requests": len(part),
            "bytes_served": sum(s for _, s, _ in part),
            "bytes_gzip": sum(g for _, _, g in part),
        }


def transfer(tree: Path) -> dict[str, Any]:
    with serve(tree, "/vwo/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page()
        meter = Meter(page)
        page.goto(base + "actueel/" + AGREEMENT, wait_until="networkidle")
        # The page itself as bench_site weighs it (every asset, gzip); the search loads nothing yet.
        weight = page_weight(tree, "actueel/" + AGREEMENT_PAGE)
        out: dict[str, Any] = {"agreement_page_without_search": weight}
        assert not [p for p, _, _ in meter.seen if "/pagefind/" in p], "the index loads only when used"
        mark = meter.mark()
        open_search(page)
        search(page, "subverwerkers")
        out["first_search_this_version"] = meter.since(mark)
        mark = meter.mark()
        choose_scope(page, "alle")
        search(page, "subverwerkers")
        out["same_query_all_versions"] = meter.since(mark)
        mark = meter.mark()
        for query in MORE_QUERIES:
            search(page, query)
        out["ten_more_queries_all_versions"] = meter.since(mark)
        browser.close()
    return out


def expectations(docs: Path) -> list[tuple[str, str, bool]]:
    """(query, expected article id or clause anchor, is a clause query)."""
    articles = load_agreement(docs).articles
    items = [(q, a, False) for q, a in INFLECTED] + [("ingebrekestelling", "duur-en-beeindiging", False)]
    items += [(q, a, True) for q, a in CLAUSES]
    for article in articles:
        items.append((article.title, article.id, False))
        for word in re.findall(r"\w+", article.title.lower()):
            if word not in STOP_WORDS:
                items.append((word, article.id, False))
    return items


def correct(location: str | None, expected: str, clause: bool) -> bool:
    if location is None:
        return False
    path, _, anchor = location.partition("#")
    if not path.rstrip("/").endswith("overeenkomst"):
        return False
    return (
        anchor == expected if clause else re.fullmatch(rf"{re.escape(expected)}(-\d+)?", anchor) is not None
    )


def quality(work: Path) -> dict[str, Any]:
    with sandboxed_git(work):
        project = make_project(work / "quality").path
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"].insert(
        0, {"search": {"lang": "nl", "pipeline": ["stemmer", "stopWordFilter", "trimmer"]}}
    )
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    site = work / "quality-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        check=True,
        capture_output=True,
    )
    items = expectations(project / "docs")
    material_index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    material_bytes = {
        "search_index_json": (site / "search" / "search_index.json").stat().st_size,
        "search_index_json_gzip": gz((site / "search" / "search_index.json").read_bytes()),
        "worker_and_dutch_stemmer_gzip": sum(
            gz(p.read_bytes())
            for p in (worker, lunr / "lunr.nl.min.js", lunr / "lunr.stemmer.support.min.js")
        ),
    }
    with serve(site, "/vwo/") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + AGREEMENT)
        worker_url = base + worker.relative_to(site).as_posix()
        queries = [q for q, _, _ in items]
        as_is = page.evaluate(MATERIAL_QUERY, [worker_url, material_index, queries, 0])
        fixed_queries = [" ".join(f"{w}^10 {w}" for w in q.split()) for q in queries]
        fixed = page.evaluate(MATERIAL_QUERY, [worker_url, material_index, fixed_queries, 5])
        open_search(page)
        ours = []
        for query in queries:
            results = search(page, query)
            ours.append(
                urlsplit(results[0].href).path.removeprefix("/vwo/")
                + "#"
                + urlsplit(results[0].href).fragment
                if results
                else None
            )
        browser.close()
    scores: dict[str, Any] = {"queries": len(items), "material_bytes": material_bytes}
    for name, answers in (
        ("material_as_is", as_is),
        ("material_fixed_boosted", fixed),
        ("pagefind_dialog", ours),
    ):
        good = [correct(loc, exp, clause) for loc, (_, exp, clause) in zip(answers, items, strict=True)]
        scores[name] = {
            "first_result_correct": sum(good),
            "clauses_correct": sum(g for g, (_, _, c) in zip(good, items, strict=True) if c),
            "missed": [q for g, (q, _, _) in zip(good, items, strict=True) if not g],
        }
    return scores


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        work = Path(tmp)
        with sandboxed_git(work):
            tree = publish_site(work)
        return {
            "index_per_version": index_sizes(tree),
            "transfer": transfer(tree),
            "quality": quality(work),
        }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
