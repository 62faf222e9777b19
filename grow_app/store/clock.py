"""Timestamps and ids. UTC ISO strings with microseconds sort the same as the times they name."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime


def now_iso() -> str:
    return iso_at(time.time())


def iso_at(seconds: float) -> str:
    """The stamp of a moment given as ``time.time()`` seconds: the one format of every stamp."""
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return str(uuid.uuid4())
