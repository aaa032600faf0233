"""``on_config`` has no side effects: mike imports the config (and runs ``on_config``) in its
own process for every command, so loading the config must not write or change anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.gitrepo import GitRepo
from tests.versions_support import make_site, snapshot

MIKE = Path(sys.executable).parent / "mike"


def test_loading_the_config_and_running_on_config_changes_nothing(repo: GitRepo) -> None:
    make_site(repo)
    before = snapshot(repo.path)
    script = (
        "import sys\n"
        "from mkdocs.config import load_config\n"
        "config = load_config(config_file=sys.argv[1])\n"
        "config = config.plugins.on_config(config)\n"
        "print(len(config['hooks']) if 'hooks' in config else 0, sorted(config.plugins))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(repo.path / "mkdocs.yml")],
        capture_output=True, text=True, check=False, cwd=repo.path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "hooks/versions.py" in result.stdout and "hooks/agreement.py" in result.stdout
    assert snapshot(repo.path) == before
    assert repo.git("status", "--porcelain", "--ignored") == ""


def test_mike_commands_change_nothing(repo: GitRepo) -> None:
    make_site(repo)
    before = snapshot(repo.path)
    for command in (["list"], ["list", "--json"]):
        result = subprocess.run(
            [str(MIKE), *command],
            capture_output=True,
            text=True,
            check=False,
            cwd=repo.path,
        )
        assert result.returncode == 0, result.stderr
    assert snapshot(repo.path) == before
    assert repo.git("status", "--porcelain", "--ignored") == ""
