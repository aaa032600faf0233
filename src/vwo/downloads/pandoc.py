"""Run the pandoc that ``pypandoc-binary`` bundles: the one adapter for that program.

Pandoc reads Markdown built by ``vwo.downloads.markdown`` (never the site's own
Markdown); ``SOURCE_DATE_EPOCH`` pins the timestamps it writes into DOCX and ODT. The
compare redline takes its Word styles from pandoc's ``reference.docx`` (``reference_docx``).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vwo.errors import VwoError

# fancy_lists on: an item that carries its own letter ("- a. text") reaches pandoc as an
# ordered list of letters (``vwo.text.lists.pandoc_lists``), which keeps every other line
# that would start such a list literal. raw_html and raw_tex off: HTML and TeX in the text
# stay text (the builder writes neither; its own snippets use raw_attribute, see
# vwo.downloads.markdown). tex_math_dollars off: "$x$" is text on the site, so it is text
# in the downloads too (not a formula only the PDF and DOCX would show).
READER = "markdown-raw_html-raw_tex-tex_math_dollars"
# A tiny reader width makes pandoc honour the relative widths of every pipe table.
COMMON = ("--from", READER, "--wrap=none", "--columns=1", "--eol=lf")


@dataclass(frozen=True)
class Job:
    """One conversion: Markdown in, ``to`` out, written to ``output`` (or stdout)."""

    markdown: str
    to: str
    args: tuple[str, ...] = ()
    output: Path | None = None


@cache
def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


@cache
def pandoc_version() -> str:
    return subprocess.run(
        [pandoc_path(), "--version"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[0]


@cache
def reference_docx() -> bytes:
    """Pandoc's default ``reference.docx`` (its styles), read once per process."""
    try:
        result = subprocess.run(
            [pandoc_path(), "--print-default-data-file", "reference.docx"], capture_output=True, check=True
        )
    except (OSError, subprocess.CalledProcessError) as error:
        raise VwoError(
            "pandoc", f"cannot read its reference.docx: {error}", "reinstall pypandoc-binary"
        ) from None
    return result.stdout


def convert(job: Job, *, epoch: int) -> bytes:
    """Run one conversion; returns pandoc's stdout (empty when it wrote ``job.output``)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    out = ("--output", str(job.output)) if job.output else ()
    cmd = [pandoc_path(), *COMMON, "--to", job.to, *job.args, *out]
    result = subprocess.run(
        cmd, input=job.markdown.encode("utf-8"), capture_output=True, env=env, check=False
    )
    if result.returncode != 0:
        raise VwoError(
            f"pandoc --to {job.to}",
            result.stderr.decode("utf-8", "replace").strip(),
            "check the pandoc bundled with pypandoc-binary",
        )
    return result.stdout
