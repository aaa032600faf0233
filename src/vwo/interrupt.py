"""Interruptions: Ctrl+C (SIGINT), a CI cancel or timeout (SIGTERM) and a closed terminal
(SIGHUP) become ``Interrupted``, so ``finally`` blocks run (temporary folders go, child
processes stop, locks are released) and the command line prints one line, not a traceback.

- ``interruptible()``: while a command runs, those signals raise ``Interrupted`` in the
  main thread;
- ``critical()``: a few steps that must not be cut in two (moving a branch and then the
  working tree); a signal that arrives meanwhile is raised right after them;
- ``checkpoint(name)``: a named moment for tests of interruptions: only when the
  environment says ``VWO_PAUSE_AT=<name>``, the process writes its id into
  ``VWO_PAUSE_FILE`` and waits there to be stopped, so a test can send a real signal at
  exactly that moment (no sleeping and hoping), or delete the file to let it go on.
  Never set in normal use.

SIGKILL cannot be caught: what it leaves is designed to be harmless (objects nobody
points at, a lock the kernel released) and is cleaned up by the next run.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PAUSE_AT, PAUSE_FILE = "VWO_PAUSE_AT", "VWO_PAUSE_FILE"


class Interrupted(BaseException):
    """A signal stopped the command; ``note`` says what it left (set by the core)."""

    def __init__(self, signum: int, note: str = "") -> None:
        self.signum = signum
        self.note = note
        super().__init__(self.name)

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class _Held:
    """Signals held back by ``critical`` (its nesting depth and what arrived)."""

    depth = 0
    pending: list[int] = []  # noqa: RUF012 (one process-wide list, on purpose)


def _handler(signum: int, frame: FrameType | None) -> None:
    if _Held.depth:
        _Held.pending.append(signum)
        return
    raise Interrupted(signum)


@contextmanager
def interruptible() -> Iterator[None]:
    """Raise ``Interrupted`` on SIGINT, SIGTERM and SIGHUP while the block runs (main thread
    only; elsewhere the block runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _handler) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def critical() -> Iterator[None]:
    """Hold back signals until the block is done; then raise the first that came."""
    _Held.depth += 1
    try:
        yield
    except BaseException:
        _Held.depth -= 1
        if not _Held.depth:
            _Held.pending.clear()
        raise
    _Held.depth -= 1
    if not _Held.depth and _Held.pending:
        signum = _Held.pending[0]
        _Held.pending.clear()
        raise Interrupted(signum)


def checkpoint(name: str) -> None:
    """See the module docstring: a pause for tests, at the moment called ``name``. The
    process waits until the test deletes the file (go on) or sends a signal (which, inside
    ``critical``, is held back: then it goes on too, and the signal is raised after)."""
    if os.environ.get(PAUSE_AT) != name or not os.environ.get(PAUSE_FILE):
        return
    marker = Path(os.environ[PAUSE_FILE])
    partial = marker.with_name(marker.name + ".part")
    partial.write_text(f"{os.getpid()}\n", encoding="ascii")
    partial.replace(marker)  # whole or not at all: the test reads the id as soon as it appears
    while marker.exists() and not _Held.pending:
        time.sleep(0.02)


def run_interruptible(what: str, command: Callable[[], int], *, state: str = "") -> int:
    """Run a command with ``interruptible``; an interruption prints ``error: <what>:
    interrupted by <signal>`` and what it left (``Interrupted.note``, else ``state``) on
    stderr and returns 128 + the signal's number, as a shell reports a signal."""
    with interruptible():
        try:
            return command()
        except Interrupted as stop:
            left = stop.note or state
            print(
                f"error: {what}: interrupted by {stop.name}" + (f"; {left}" if left else ""), file=sys.stderr
            )
            print("hint: run the command again when you are ready", file=sys.stderr)
            return stop.exit_code
