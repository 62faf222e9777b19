"""Plain helpers the tests share; the fixtures are in ``conftest.py``.

Imported as ``from tests.helpers import ...`` (the checkout's root is on the path: see
``pythonpath`` in pyproject.toml).
"""

from __future__ import annotations

import hashlib
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
