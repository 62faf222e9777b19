"""What a meeting changes, as plain values that the writer thread stores.

A change names the field it changes (:attr:`Change.key`): a later change of the same field
replaces one that is still waiting, so only the newest text is written. A text change also
carries the text it was typed over (``base``), so the store can tell when another window saved
that field in between. Standard library and :mod:`grow_app.store.live` only: the first frame of
``grow open`` saves through these before anything heavy is imported.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from grow_app.keys import KEY_MESSAGE_ID
from grow_app.store import live

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

Key = tuple[str, ...]


def now_iso() -> str:
    """Now, as the store stamps a change (UTC, ISO, microseconds)."""
    return live.now_iso()


def stamp_at(seconds: float) -> str:
    """A moment taken with ``time.time()``, stamped as :func:`now_iso` stamps now."""
    from grow_app.store.clock import iso_at

    return iso_at(seconds)


@dataclass(frozen=True)
class Change:
    """One change of one record of a session."""

    session_id: str

    coalesces: ClassVar[bool] = True
    """False for a change that must never be replaced by a later one (adding a record)."""

    @property
    def key(self) -> Key:
        raise NotImplementedError

    @property
    def text(self) -> str | None:
        """The text this change stores, kept in the recovery journal until it is stored."""
        return None

    @property
    def where(self) -> tuple[str, str]:
        """(question id, item key) or (record kind, record id): what it belongs to, for people."""
        return self.key[0], "/".join(self.key[1:])

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        raise NotImplementedError


@dataclass(frozen=True)
class AnswerChange(Change):
    question_id: str
    item_key: str
    new_text: str
    base: str | None = None

    @property
    def key(self) -> Key:
        return ("answer", self.question_id, self.item_key)

    @property
    def text(self) -> str:
        return self.new_text

    @property
    def where(self) -> tuple[str, str]:
        return self.question_id, self.item_key

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        return live.save_answer(
            conn, self.session_id, self.question_id, self.item_key, self.new_text,
            base=self.base, origin=origin, stamp=stamp,
        )  # fmt: skip


@dataclass(frozen=True)
class KeyMessageChange(Change):
    new_text: str
    base: str | None = None

    @property
    def key(self) -> Key:
        return ("key_message",)

    @property
    def text(self) -> str:
        return self.new_text

    @property
    def where(self) -> tuple[str, str]:
        return KEY_MESSAGE_ID, ""

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        return live.save_key_message(
            conn, self.session_id, self.new_text, base=self.base, origin=origin, stamp=stamp
        )


@dataclass(frozen=True)
class StatusChange(Change):
    question_id: str
    item_key: str
    status: str

    @property
    def key(self) -> Key:
        return ("status", self.question_id, self.item_key)

    @property
    def where(self) -> tuple[str, str]:
        return self.question_id, self.item_key

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        return live.save_status(
            conn, self.session_id, self.question_id, self.item_key, self.status,
            origin=origin, stamp=stamp,
        )  # fmt: skip


@dataclass(frozen=True)
class RecordAdd(Change):
    """A new action, participant or parking-lot point, under an id chosen by the screen."""

    kind: str
    record_id: str
    fields: dict[str, object] = field(default_factory=dict)

    coalesces: ClassVar[bool] = False

    @property
    def key(self) -> Key:
        return (self.kind, self.record_id, "+")

    @property
    def text(self) -> str | None:
        texts = [str(v) for k, v in self.fields.items() if isinstance(v, str) and k != "status"]
        joined = " · ".join(t for t in texts if t)
        return joined or None

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        return live.insert_record(
            conn, self.kind, self.session_id, self.record_id, self.fields,
            origin=origin, stamp=stamp,
        )  # fmt: skip


@dataclass(frozen=True)
class RecordChange(Change):
    """One field of an action, participant or parking-lot point; ``deleted_at`` removes it."""

    kind: str
    record_id: str
    field: str
    value: str | None
    base: str | None = None

    @property
    def key(self) -> Key:
        return (self.kind, self.record_id, self.field)

    @property
    def text(self) -> str | None:
        return self.value if self.field != "deleted_at" and self.value else None

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        return live.update_record(
            conn, self.kind, self.record_id, self.field, self.value,
            base=self.base, origin=origin, stamp=stamp,
        )  # fmt: skip


@dataclass(frozen=True)
class PhaseMinutesChange(Change):
    phase_id: str
    minutes: int

    @property
    def key(self) -> Key:
        return ("minutes", self.phase_id)

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        return live.set_phase_minutes(
            conn, self.session_id, self.phase_id, self.minutes, origin=origin, stamp=stamp
        )


@dataclass(frozen=True)
class PhaseSecondsChange(Change):
    """The time spent in a phase so far (the timebox keeps it across openings)."""

    phase_id: str
    seconds: int

    @property
    def key(self) -> Key:
        return ("seconds", self.phase_id)

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        return live.set_phase_seconds(
            conn, self.session_id, self.phase_id, self.seconds, origin=origin, stamp=stamp
        )


@dataclass(frozen=True)
class Task(Change):
    """A write that is not a field of the meeting (the trash, from the home screen): a
    function of the services run by the writer thread on its connection, so the screen never
    waits for the database. Its return value comes back in ``Saved.written.result``."""

    run: Callable[[Database], object] = field(compare=False, default=lambda db: None)
    name: str = ""
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    coalesces: ClassVar[bool] = False

    @property
    def key(self) -> Key:
        return ("task", self.name, self.token)

    def apply(self, conn: sqlite3.Connection, origin: str, stamp: str) -> live.Written:
        from grow_app.store.connection import database_on

        return live.Written(0, result=self.run(database_on(conn)))
