"""Pytest plugin: with ``CI`` set, a skipped test or module fails instead.

A missing tool (Chromium, LibreOffice, a command) must never turn a CI run green without
the check having run. Tests that need a tool fail by themselves under ``CI`` with a hint
on how to install it; this plugin is the backstop for any skip they miss (it turns the
skip into a failure that names the skip's reason). ``xfail`` is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def _reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {_reason(report)}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    if in_ci() and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"module skipped in CI, which must run every test: {_reason(report)}"
    return report
