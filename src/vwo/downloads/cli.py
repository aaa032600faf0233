"""``vwo downloads X.Y --out DIR``: the download files of one version, on demand.

Pipeline: arguments -> ``source.load_source`` (text + facts, and those of the version's
translations) -> ``bundle.cached``
(or ``bundle.generate`` with ``--no-cache``; a cached bundle is checked against its
checksums first) -> copied into ``DIR`` (``vwo.atomic.write_out``: only regular files,
refused before any work when ``--out`` is no folder vwo may write) -> a list of the
files with the checksums of what was written on stdout. A malformed text stops before
anything is written. The handler imports the pipeline, so that every other ``vwo``
command starts without it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from vwo.errors import VwoError
from vwo.interrupt import run_interruptible


def run(args: argparse.Namespace) -> int:
    from vwo.atomic import check_out
    from vwo.downloads.bundle import cached, copy_bundle, generate
    from vwo.downloads.manifest import MANIFEST, SUMS
    from vwo.downloads.page import filesize
    from vwo.downloads.source import CACHE_DIR, load_source, load_translations

    root = Path(args.C)
    if not args.out.strip():
        raise VwoError("--out", "is empty", "name the folder to write into, e.g. --out downloads/")
    out = Path(args.out)
    # Before the work, not after it; every download folder has these two files (the
    # documents are named after the version).
    check_out(out, folder=True, names=(MANIFEST, SUMS))
    agreement, meta = load_source(root, args.version, env=os.environ)
    translations = load_translations(root, args.version, agreement, env=os.environ)
    if args.no_cache:
        bundle = generate(agreement, meta, out, translations)
    else:
        bundle = copy_bundle(cached(agreement, meta, root / CACHE_DIR, translations), out)
    for item in bundle.files:
        print(f"{out / item.name}  {filesize(item.size)}  sha256 {item.sha256}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "downloads",
        help="write a version's PDF, DOCX, ODT, manifest.json and SHA256SUMS",
        description="Write the download files of a version (X.Y or 'concept') into a folder.",
    )
    parser.add_argument("version", help="a published version such as 1.0, or 'concept'")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write the files into")
    parser.add_argument(
        "--no-cache", action="store_true", help="generate afresh instead of reusing .cache/downloads/"
    )
    parser.set_defaults(handler=lambda args: run_interruptible("vwo downloads", lambda: run(args)))
