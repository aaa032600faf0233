"""The runner of the git adapter (``vwo.git.run``) against real throwaway repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from vwo.git.run import GitError, NoGitError, call, process, run, run_bytes


def test_run_returns_stdout_without_the_final_newline(repo: GitRepo) -> None:
    sha = repo.commit("Eerste", files={"a.txt": "x\n"})
    assert run(repo.path, "rev-parse", "HEAD") == sha
    assert run(repo.path, "log", "--format=%s%n%s") == "Eerste\nEerste"


def test_run_bytes_keeps_the_bytes(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "één\n"})
    assert run_bytes(repo.path, "show", "HEAD:a.txt") == "één\n".encode()


def test_run_feeds_stdin(repo: GitRepo) -> None:
    sha = run(repo.path, "hash-object", "-w", "--stdin", stdin=b"inhoud\n")
    assert run(repo.path, "cat-file", "-p", sha) == "inhoud"


def test_run_passes_extra_environment(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "x\n"})
    ident = run(repo.path, "var", "GIT_COMMITTER_IDENT", env={"GIT_COMMITTER_NAME": "Iemand Anders"})
    assert ident.startswith("Iemand Anders <test@example.org> ")


def test_paths_are_not_quoted(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"bijlagen/één.md": "x\n"})
    assert run(repo.path, "ls-files") == "bijlagen/één.md"


def test_a_failure_carries_the_command_status_and_stderr(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "x\n"})
    with pytest.raises(GitError) as failed:
        run(repo.path, "show", "HEAD:bestaat-niet.txt")
    error = failed.value
    assert error.command == ("show", "HEAD:bestaat-niet.txt")
    assert error.status == 128
    assert "bestaat-niet.txt" in error.stderr and "exists on disk" not in error.stderr
    assert error.where == "git show"
    assert error.what == error.stderr.strip()
    assert str(error).startswith("git show: fatal: ")


def test_the_stderr_in_a_failure_is_neutralised(repo: GitRepo) -> None:
    """git turns ASCII controls in the names it echoes into '?', but passes C1 controls
    (CSI, U+009B) and bidi overrides through: those are replaced here."""
    repo.commit("Eerste", files={"a.txt": "x\n"})
    with pytest.raises(GitError) as failed:
        run(repo.path, "log", "tak\u009b2J\u202eosrever")
    assert "'tak\ufffd2J\ufffdosrever'" in failed.value.stderr
    assert "\u009b" not in str(failed.value) and "\u202e" not in str(failed.value)


def test_a_long_stderr_is_cut_in_the_message_but_kept_whole(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "x\n"})
    names = [f"geen-{n}" for n in range(40)]
    with pytest.raises(GitError) as failed:
        run(repo.path, "rev-parse", "--verify", *names)
    assert len(failed.value.stderr.splitlines()) >= 1
    assert len(failed.value.what.splitlines()) <= 21


def test_call_accepts_the_statuses_it_is_told(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "x\n"})
    assert call(repo.path, "rev-parse", "--verify", "--quiet", "geen", accept=(0, 1)) == (1, b"")
    with pytest.raises(GitError) as failed:
        call(repo.path, "rev-parse", "--verify", "--quiet", "geen")
    assert failed.value.status == 1 and failed.value.what == "failed with exit status 1"


def test_outside_a_repository_is_no_git(tmp_path: Path) -> None:
    with pytest.raises(NoGitError) as failed:
        run(tmp_path, "status")
    assert failed.value.where == str(tmp_path)
    assert "not a git repository" in failed.value.what and "clone" in failed.value.hint


def test_an_enclosing_repository_does_not_count(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"archief/docs/overeenkomst.md": "# Titel\n"})
    with pytest.raises(NoGitError, match="not a git repository"):
        run(repo.path / "archief", "log")


def test_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(NoGitError) as failed:
        run(tmp_path / "bestaat-niet", "status")
    assert failed.value.what == "no such folder" and "-C" in failed.value.hint


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(NoGitError, match="no such folder"):
        run(tmp_path / "bestand", "status")


def test_without_the_git_program_is_no_git(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    with pytest.raises(NoGitError, match="the git program is not installed"):
        run(repo.path, "status")
    with pytest.raises(NoGitError, match="the git program is not installed"):
        process(repo.path, "log").__enter__()


def test_a_worktree_is_a_repository(repo: GitRepo, tmp_path: Path) -> None:
    sha = repo.commit("Eerste", files={"a.txt": "x\n"})
    repo.git("worktree", "add", "-q", str(tmp_path / "wt"), "-b", "zijtak")
    assert (tmp_path / "wt" / ".git").is_file()
    assert run(tmp_path / "wt", "rev-parse", "HEAD") == sha


def test_a_process_streams_its_output(repo: GitRepo) -> None:
    for n in range(3):
        repo.commit(f"Commit {n}", files={"a.txt": f"{n}\n"})
    with process(repo.path, "log", "--format=%s") as git:
        out = git.stdout.read()
        git.finish()
    assert out == b"Commit 2\nCommit 1\nCommit 0\n"


def test_a_process_reads_stdin(repo: GitRepo) -> None:
    with process(repo.path, "hash-object", "--stdin", stdin=True) as git:
        git.stdin.write(b"x\n")
        git.stdin.close()
        out = git.stdout.read()
        git.finish()
    assert out.strip() == run(repo.path, "hash-object", "--stdin", stdin=b"x\n").encode()


def test_a_failed_process_raises_with_its_stderr(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "x\n"})
    with process(repo.path, "log", "geen-tak", "--") as git, pytest.raises(GitError) as failed:
        git.stdout.read()
        git.finish()
    assert failed.value.status == 128 and "geen-tak" in failed.value.stderr


def test_a_process_abandoned_early_is_stopped(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "x\n"})
    with process(repo.path, "cat-file", "--batch", stdin=True) as git:
        popen = git.popen
        assert popen.poll() is None  # waits for input
    assert popen.returncode is not None and popen.stdout is not None and popen.stdout.closed


def test_no_command_reads_the_terminal(repo: GitRepo) -> None:
    """Without ``stdin`` git reads an empty input (never the user's terminal)."""
    assert run(repo.path, "hash-object", "--stdin") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"


def test_history_is_read_as_stored_not_as_replace_refs_or_grafts_show_it(repo: GitRepo) -> None:
    first = repo.commit("Eerste", files={"a.txt": "echt\n"})
    second = repo.commit("Tweede", files={"a.txt": "ook echt\n"})
    fake = repo.git("commit-tree", repo.git("rev-parse", f"{first}^{{tree}}"), "-m", "Nep")
    repo.git("replace", second, fake)
    (repo.path / ".git/info").mkdir(exist_ok=True)
    (repo.path / ".git/info/grafts").write_text(f"{second} {fake}\n")
    assert repo.git("show", "-s", "--format=%s", second) == "Nep"  # git itself shows the fake
    assert run(repo.path, "show", "-s", "--format=%s", second) == "Tweede"
    assert run(repo.path, "show", f"{second}:a.txt") == "ook echt"
    assert run(repo.path, "rev-list", second).split() == [second, first]
    with process(repo.path, "log", "--format=%s", second) as git:
        assert git.stdout.read().decode().split() == ["Tweede", "Eerste"]
        git.finish()
