"""``vwo`` loads a command's pipeline only when that command runs: ``vwo publish`` and
``vwo check`` start without the diff engine, the download adapters or the link check
(the handlers import them; ``vwo.compare`` and ``vwo.downloads`` re-export lazily).
How much that saves is measured by the benchmarks, not here; this checks which modules
a fresh interpreter has loaded."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from tests.gitrepo import ROOT

HEAVY = (
    "vwo.compare.align",
    "vwo.compare.docx",
    "vwo.downloads.bundle",
    "vwo.downloads.pdf",
    "vwo.site.linkcheck",
    "vwo.history.corrections",
    "vwo.translation.check",
    "docx",
    "mkdocs",
)


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT, timeout=60
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_command_line_starts_without_any_commands_pipeline() -> None:
    loaded = loaded_after("import vwo.cli; vwo.cli.build_parser()")
    assert "vwo.versions.cli" in loaded and "vwo.compare.cli" in loaded  # every command is registered
    assert sorted(loaded & set(HEAVY)) == []


def test_a_command_loads_its_pipeline_when_it_runs() -> None:
    run = "vwo.cli.main(['-C', '.', 'compare', '1.0', '1.11', '--format', 'json'])"
    quiet = "with contextlib.redirect_stdout(io.StringIO()):"
    loaded = loaded_after(f"import vwo.cli, contextlib, io\n{quiet}\n    {run}")
    assert {"vwo.compare.align", "vwo.compare.docx"} <= loaded


@pytest.mark.parametrize("package", ["vwo.compare", "vwo.downloads"])
def test_lazy_re_exports_resolve_and_unknown_names_fail(package: str) -> None:
    module = importlib.import_module(package)
    assert sorted(module.__all__) == sorted(module._EXPORTS)
    for name in module.__all__:
        assert getattr(module, name).__name__ == name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        module.nope  # noqa: B018
