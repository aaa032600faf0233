"""A build process started before its build is known: ``vwo publish`` starts one at
once, and it loads MkDocs, the theme, the Markdown extensions and the modules of the
project's hooks while ``vwo publish`` still plans; the first build then runs in it.

Starting Python and importing all that is most of the fixed cost of a build (measured in
``benchmarks/bench_publish.py``); for a publish that builds one target (a decision
commit: the pages of the standard) it would otherwise come after the planning.

Pipeline: ``python -m vwo.versions.build_worker ENGINE ROOT WORK`` -> import what a build
of ROOT's ``mkdocs.yml`` imports (errors ignored: the build itself reports them) -> read
one line from stdin, ``{"args": [...], "env": {...}}`` (an empty line or end of input:
exit 0, the build was not needed) -> set the environment -> run the engine's command
line with those arguments, as ``python -m ENGINE ARGS`` would, with the process's exit
code. WORK is only there to name the run the process belongs to (``ps``).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

ALWAYS = ("commands.build", "config.defaults", "structure.files", "structure.nav", "structure.pages", "theme")


def preload(engine: str, root: Path) -> None:
    """Import the engine's command line and build, and what ``ROOT/mkdocs.yml`` names."""
    importlib.import_module(f"{engine}.__main__")
    for name in ALWAYS:
        importlib.import_module(f"{engine}.{name}")
    config = _config(root / "mkdocs.yml")
    for module in _modules(config):
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    for index, hook in enumerate(config.get("hooks") or []):
        _run_hook(index, root / str(hook))


def _config(path: Path) -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use MkDocs' own tags (!ENV, !relative): any tag reads as None here.
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _names(items: Any) -> list[str]:
    out = []
    for item in items if isinstance(items, list) else []:
        name = next(iter(item), None) if isinstance(item, dict) else item
        if isinstance(name, str):
            out.append(name)
    return out


def _modules(config: dict[str, Any]) -> list[str]:
    """The theme, the plugins' and the Markdown extensions' modules (a guess per name)."""
    theme = config.get("theme")
    name = theme.get("name") if isinstance(theme, dict) else theme
    modules = [str(name)] if isinstance(name, str) else []
    modules += [f"{plugin}.mkdocs_plugin" for plugin in _names(config.get("plugins"))]
    for ext in _names(config.get("markdown_extensions")):
        modules.append(ext if "." in ext else f"markdown.extensions.{ext}")
    return modules


def _run_hook(index: int, path: Path) -> None:
    """Run a hook file as a throwaway module, for its imports (MkDocs loads it again)."""
    spec = importlib.util.spec_from_file_location(f"_vwo_preload_hook_{index}", path)
    if spec is None or spec.loader is None:
        return
    with contextlib.suppress(Exception):
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


def main(argv: list[str]) -> int:
    engine, root = argv[0], Path(argv[1])
    # Nothing the preloading prints may reach the build's output, which vwo reads.
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet), contextlib.suppress(Exception):
        preload(engine, root)
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    job = json.loads(line)
    os.environ.update({str(k): str(v) for k, v in job["env"].items()})
    command = importlib.import_module(f"{engine}.__main__").cli
    sys.argv = [engine, *job["args"]]
    try:
        command.main(job["args"], prog_name=f"python -m {engine}")  # as click names it then
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
