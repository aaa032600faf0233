"""Run every ``benchmarks/bench_*.py`` module's ``run()`` (or only those named).

``python -m benchmarks`` (``make bench``) runs them all; ``python -m benchmarks bench_site``
runs one. A ``run()`` that returns a dict of numbers has it printed as JSON; record
the numbers in ``benchmarks/results.md``.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path


def main(names: list[str]) -> int:
    modules = sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
    unknown = sorted(set(names) - set(modules))
    if unknown:
        print(f"error: no benchmark {', '.join(unknown)}; have: {', '.join(modules)}", file=sys.stderr)
        return 2
    for name in modules:
        if names and name not in names:
            continue
        print(f"== {name}", flush=True)
        result = importlib.import_module(f"benchmarks.{name}").run()
        if isinstance(result, dict):
            print(json.dumps(result, indent=2, ensure_ascii=False, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
