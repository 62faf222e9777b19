"""The writer's waiting room: what waits for its write, and when (see :mod:`grow_app.services.writer`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from grow_app.services.changes import Change

MAX_WAIT = 0.5
"""Longest a change waits for its write while more changes of the same field keep coming."""
JOURNAL_SECONDS = 0.1
"""A typed text is in the recovery journal this long after it was typed (longer for long
texts, :func:`journal_delay`), well before its database write."""
POLL_SECONDS = 0.3
"""How often the database is checked for changes made elsewhere."""
RETRY_SECONDS = (0.25, 0.5, 1.0, 2.0, 4.0)
"""Pauses between attempts after a failed write (the last one repeats)."""


@dataclass
class Pending:
    change: Change
    due: float
    latest: float
    journaled: bool = False
    journal_due: float = 0.0
    """When the text goes into the recovery journal (soon after it was typed, well before its
    database write: so it is on disk within a moment even if the process is killed)."""
    stored: bool = False
    """The database has it: the journal thread must not write it again."""
    seq: int = 0
    """The order in which its change was made (a newer text of a field has a higher one)."""


@dataclass
class Watch:
    session_id: str
    known: dict[tuple[str, ...], tuple[object, ...]] = field(default_factory=dict)
    version: int | None = None


def journal_delay(change: Change) -> float:
    """How soon a text goes into the journal: at once for meeting-length texts, a little later
    for very long ones (a 5 MB answer is not rewritten on every keystroke)."""
    size = len(change.text or "")
    return JOURNAL_SECONDS if size < 64 * 1024 else min(2.0, JOURNAL_SECONDS + size / 4_000_000)


def new_origin() -> str:
    """An id for one window (one writer), stored with what it saves."""
    return uuid.uuid4().hex[:12]
