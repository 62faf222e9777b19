"""Plain helpers the tests share; the fixtures are in ``conftest.py``.

Imported as ``from tests.helpers import ...`` (the checkout's root is on the path: see
``pythonpath`` in pyproject.toml).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def sha256(path: Path | str) -> str:
    """The file's SHA-256, to show that something left it untouched (or changed it)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class FakeClock:
    """A clock a test moves by hand (``clock.now += 60``): pass it where grow takes ``clock=``."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def wait_until(condition: Callable[[], object], timeout: float = 30.0, what: str = "") -> None:
    """Poll ``condition()`` until it holds, for another process or thread (a Pilot test waits
    with ``ui_session_helpers.wait_for``); fail after ``timeout`` seconds, a generous limit."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not after {timeout} s: {what or condition}"
        time.sleep(0.05)


def paper(meeting, folder: Path, name: str = "paper.docx", **options):
    """The meeting's position paper written as Word into ``folder``, opened with python-docx."""
    from docx import Document

    from grow_app.export.paper import export_paper
    from grow_app.services.snapshots import snapshot_of

    return Document(export_paper(snapshot_of(meeting), "docx", folder / name, **options).path)


def spawn_python(code: str, *args: object) -> subprocess.Popen:
    """``python -c code args...`` in a process of its own, its output read as text."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def keep_in_another_process(
    folder: Path, fallback: Path, session_id: str, key: tuple, text: str
) -> None:
    """A recovery journal entry written by another grow (another window, or one killed since)."""
    import json

    script = (
        "import sys, json; from pathlib import Path; from grow_app.services.journal import Journal;"
        "a = json.loads(sys.argv[1]);"
        "Journal(Path(a[0]), Path(a[1])).keep(a[2], tuple(a[3]), a[4], '2026-12-02T10:00:00')"
    )
    arguments = json.dumps([str(folder), str(fallback), session_id, list(key), text])
    subprocess.run([sys.executable, "-c", script, arguments], check=True, timeout=60)
