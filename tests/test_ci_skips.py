"""The test run itself: under ``CI`` a skip fails (tests/ci_skips.py); golden files are
rewritten only on request (``--update-golden``), never in CI."""

from __future__ import annotations

import pytest

from tests.gitrepo import ROOT

SKIPPING = """
import pytest

def test_skips():
    pytest.skip("LibreOffice is not installed")

def test_skipif_mark():
    pass

test_skipif_mark = pytest.mark.skipif(True, reason="no tool")(test_skipif_mark)

@pytest.mark.xfail(reason="known", strict=True)
def test_known_failure():
    assert False

def test_runs():
    assert True
"""
MODULE_SKIP = """
import pytest

pytest.importorskip("a_module_that_does_not_exist")

def test_never_collected():
    pass
"""


def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str | None) -> pytest.RunResult:
    pytester.makepyfile(test_skipping=SKIPPING, test_module_skip=MODULE_SKIP)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    # A failed collection stops the run (as it should in CI); here the other file runs too.
    return pytester.runpytest_subprocess(
        "-p", "tests.ci_skips", "-p", "no:cacheprovider", "--continue-on-collection-errors"
    )


def test_without_ci_a_skip_is_a_skip(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(pytester, monkeypatch, None)
    result.assert_outcomes(passed=1, skipped=3, xfailed=1)


def test_under_ci_every_skip_fails_with_its_reason(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(pytester, monkeypatch, "true")
    # The skipif mark skips in setup, so it shows as an error; both stop the run green.
    result.assert_outcomes(passed=1, failed=1, errors=2, xfailed=1)
    result.stdout.fnmatch_lines(
        [  # errors (collection, setup) are reported before failures
            "*module skipped in CI*a_module_that_does_not_exist*",
            "*skipped in CI, which must run every test*no tool*",
            "*skipped in CI, which must run every test*LibreOffice is not installed*",
        ],
        consecutive=False,
    )
    assert result.ret != 0


GOLDEN_TEST = """
def test_output(golden):
    golden.check("out.txt", "nieuwe uitvoer\\n")
"""


def golden_project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of tests/conftest.py over a golden folder with an outdated file."""
    (pytester.path / "tests").mkdir()
    (pytester.path / "tests" / "__init__.py").write_text("", encoding="utf-8")
    conftest = (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    (pytester.path / "tests" / "conftest.py").write_text(conftest, encoding="utf-8")
    (pytester.path / "tests" / "golden").mkdir()
    (pytester.path / "tests" / "golden" / "out.txt").write_text("oude uitvoer\n", encoding="utf-8")
    (pytester.path / "tests" / "test_out.py").write_text(GOLDEN_TEST, encoding="utf-8")
    # tests.gitrepo and tests.ci_skips come from this project; the rest from the copy.
    (pytester.path / "tests" / "gitrepo.py").write_text(
        (ROOT / "tests" / "gitrepo.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (pytester.path / "tests" / "ci_skips.py").write_text(
        (ROOT / "tests" / "ci_skips.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.setenv("PYTHONPATH", str(pytester.path))
    monkeypatch.delenv("CI", raising=False)


def test_golden_files_change_only_with_update_golden(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    golden_project(pytester, monkeypatch)
    out = pytester.path / "tests" / "golden" / "out.txt"
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "tests").assert_outcomes(failed=1)
    assert out.read_text(encoding="utf-8") == "oude uitvoer\n"
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "tests", "--update-golden").assert_outcomes(
        passed=1
    )
    assert out.read_text(encoding="utf-8") == "nieuwe uitvoer\n"
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "tests").assert_outcomes(passed=1)

    monkeypatch.setenv("CI", "true")
    out.write_text("oude uitvoer\n", encoding="utf-8")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "tests", "--update-golden")
    result.assert_outcomes(errors=1)
    assert out.read_text(encoding="utf-8") == "oude uitvoer\n"
