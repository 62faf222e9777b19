"""What the writer thread reports (:mod:`grow_app.services.writer`), handed to ``on_event`` on
the writer thread; the app posts them to its screens."""

from __future__ import annotations

from dataclasses import dataclass

from grow_app.services.changes import Change
from grow_app.store import live


@dataclass(frozen=True)
class WriterEvent:
    pass


@dataclass(frozen=True)
class Saved(WriterEvent):
    change: Change
    written: live.Written


@dataclass(frozen=True)
class Failing(WriterEvent):
    """Changes are waiting: one line for the user, shown until :class:`Recovered`."""

    message: str


@dataclass(frozen=True)
class Recovered(WriterEvent):
    pass


@dataclass(frozen=True)
class Refused(WriterEvent):
    """A change that can never be stored (e.g. its session was removed); its text is kept."""

    change: Change
    message: str


@dataclass(frozen=True)
class Remote(WriterEvent):
    """Another window saved something in the watched session (only what changed is read)."""

    session_id: str
    rows: live.SessionRows
    changed: frozenset[tuple[str, ...]]
