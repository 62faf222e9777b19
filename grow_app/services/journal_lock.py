"""Keeping the recovery journal's changes apart: one change of a journal folder at a time, also
between grows, and which process wrote an entry (:func:`process_mark`).
Part of :mod:`grow_app.services.journal`."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: threads are kept apart, other processes are not
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".lock"
LOCK_WAIT = 0.5
"""Longest wait for another grow's hold on a journal folder (it holds it for a file operation)."""
_THREADS = threading.Lock()


def _flock(handle: int) -> None:
    """The folder's file lock, waiting at most :data:`LOCK_WAIT` seconds: another grow that is
    stopped (Ctrl+Z) or hangs while holding it must not stop this one's writer, nor its screen.
    Raises ``OSError`` when the wait is over."""
    assert fcntl is not None
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.002)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One change of a journal folder at a time: the threads of this process (the writer
    journals while the screen forgets what the database already has), and other grows (a
    second window on the session) where the system has file locks. Held only to replace,
    compare or remove a file, never while a text is written or synced."""
    with _THREADS:
        handle = None
        if fcntl is not None:
            try:
                handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
                _flock(handle)
            except OSError:  # no lock file possible (a full disk), or another grow stuck
                if handle is not None:  # holding it: threads are still kept apart
                    os.close(handle)
                handle = None
        try:
            yield
        finally:
            if handle is not None:
                os.close(handle)  # and with it the lock


def process_mark(pid: int | None = None) -> str:
    """ "pid:start" of a running process ("" if it is not running): the start time (from
    /proc where there is one) keeps a later process that got the same number from counting."""
    pid = os.getpid() if pid is None else pid
    try:
        os.kill(pid, 0)
    except PermissionError:
        pass  # running, as another user
    except (OSError, OverflowError):
        return ""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        started = stat.rpartition(")")[2].split()[19]
    except (OSError, IndexError):
        started = ""
    return f"{pid}:{started}"
