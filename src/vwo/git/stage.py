"""A staging ref store for programs that commit by themselves (mike): their commits land
in it, not in the repository's refs, until the caller moves the real branch once.

The stage is a bare repository of its own whose object folder is the repository's own
(``GIT_OBJECT_DIRECTORY``): what is committed there is stored where it belongs at once,
and reads see every object of the repository. Nothing points at those objects until the
caller's compare-and-swap (``vwo.git.refs.update_ref``), so a stage that is abandoned,
also by SIGKILL, leaves nothing visible; ``git gc`` removes the objects in time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vwo.git.refs import OBJECT_ID, git_dirs
from vwo.git.run import call, run
from vwo.git.trees import object_format


class Stage:
    """A bare repository at ``path`` sharing ``root``'s objects."""

    def __init__(self, root: Path, path: Path) -> None:
        self.root = root
        self.path = path
        fmt = object_format(root)
        run(root, "init", "--bare", "--quiet", f"--object-format={fmt}", "--", str(path))
        self.env = {"GIT_DIR": str(path), "GIT_OBJECT_DIRECTORY": str(git_dirs(root)[1] / "objects")}

    def set(self, ref: str, sha: str) -> None:
        run(self.root, "update-ref", "--", ref, sha, env=self.env)

    def get(self, ref: str) -> str | None:
        status, out = call(
            self.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}",
            env=self.env, accept=(0, 1),
        )  # fmt: skip
        sha = out.decode("ascii", "replace").strip()
        return sha if status == 0 and OBJECT_ID.fullmatch(sha) else None

    @contextmanager
    def active(self, extra: dict[str, str]) -> Iterator[None]:
        """Point every git process this process starts at the stage (and set ``extra``),
        for as long as the block runs: for a library that runs git itself."""
        wanted = {**self.env, **extra}
        saved = {name: os.environ.get(name) for name in wanted}
        os.environ.update(wanted)
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
