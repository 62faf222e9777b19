"""The meeting's writes, on a plain ``sqlite3`` connection (standard library only).

The one writer thread of :mod:`grow_app.services.writer` calls these; so does the rest of the
store for the same changes, so every change has one SQL. No sqlite-utils here: the first frame
of ``grow open`` saves what is typed before the heavy modules are even imported.

Every change bumps the record's ``revision``, stamps ``updated_at`` and ``origin`` (the window
that saved it) and keeps a history row. A text change names the text it was typed over
(``base``); when the stored text is neither that nor the new text, another window saved in
between: both texts are kept (theirs stays in the history) and :class:`Written` says so, so the
screen can tell the user and offer the other version.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from grow_app.keys import KEY_MESSAGE_ID
from grow_app.store.clock import now_iso

LIVE_SCHEMA_VERSION = 5
"""The schema these statements are written for (``PRAGMA user_version``); a test keeps it equal
to :data:`grow_app.store.schema.SCHEMA_VERSION`."""

BIG_TEXT = 64 * 1024
"""History rows of texts at least this long are coalesced (see :func:`_keep_history`)."""
COALESCE_SECONDS = 300.0
"""A long text saved again by the same window within this many seconds replaces its last history
row instead of adding one: pauses in a 5 MB answer must not add 5 MB each."""

ACTION_FIELDS = ("wat", "wie", "wanneer", "status")
PARTICIPANT_FIELDS = ("name", "organisation", "role")
_RECORD_TABLES = {"action": "actions", "participant": "participants", "parking": "parking_lot"}


Error = sqlite3.Error
"""What the database raises (the services catch it without importing sqlite3 themselves)."""
IntegrityError = sqlite3.IntegrityError


class Gone(Exception):
    """The session (or the record) is no longer in the database: purged by another window."""


@dataclass(frozen=True)
class Written:
    """What a change did: the record's new revision, and the other window's text if it crossed."""

    revision: int
    changed: bool = True
    crossed: str | None = None
    result: object = None
    """What a task (:class:`grow_app.services.changes.Task`) returned."""


def connect(path: Path | str, busy_timeout: float) -> sqlite3.Connection:
    """A connection to an existing database file (never creates one: a moved or deleted file
    must not be replaced by an empty one), durable on power loss (``synchronous = FULL``)."""
    uri = f"{Path(path).resolve().as_uri()}?mode=rw"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=False)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection (another window, process or thread) commits."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction that takes the write lock up front; undone whole on any error."""
    if conn.in_transaction:  # joined by an outer transaction (the store's ``write``)
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _require_session(conn: sqlite3.Connection, session_id: str) -> None:
    if conn.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone() is None:
        raise Gone(session_id)


def _touch_session(conn: sqlite3.Connection, session_id: str, stamp: str) -> None:
    conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", [stamp, session_id])


def _seconds_between(earlier: str, later: str) -> float:
    try:
        return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds()
    except ValueError:
        return float("inf")


def record_history(
    conn: sqlite3.Connection,
    session_id: str,
    kind: str,
    record_id: str,
    revision: int,
    data: Mapping[str, object],
    origin: str,
    stamp: str,
) -> None:
    conn.execute(
        "INSERT INTO record_history (session_id, kind, record_id, revision, data, origin, "
        "saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            session_id,
            kind,
            record_id,
            revision,
            json.dumps(data, ensure_ascii=False),
            origin,
            stamp,
        ],
    )


# -- answers and the key message ------------------------------------------------------------------
def _keep_history(
    conn: sqlite3.Connection,
    session_id: str,
    question_id: str,
    item_key: str,
    text: str,
    origin: str,
    stamp: str,
) -> None:
    """Add a history row, or (a long text saved again soon by the same window) replace the last."""
    last = conn.execute(
        "SELECT id, origin, saved_at, length(CAST(text AS BLOB)) FROM answer_history "
        "WHERE session_id = ? AND question_id = ? AND item_key = ? ORDER BY id DESC LIMIT 1",
        [session_id, question_id, item_key],
    ).fetchone()
    if (
        last is not None
        and origin
        and last[1] == origin
        and max(len(text.encode("utf-8")), last[3] or 0) >= BIG_TEXT
        and _seconds_between(last[2], stamp) < COALESCE_SECONDS
    ):
        conn.execute(
            "UPDATE answer_history SET text = ?, saved_at = ? WHERE id = ?", [text, stamp, last[0]]
        )
        return
    conn.execute(
        "INSERT INTO answer_history (session_id, question_id, item_key, text, saved_at, origin) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [session_id, question_id, item_key, text, stamp, origin],
    )


_PUT_ANSWER = (
    "INSERT INTO answers (session_id, question_id, item_key, text, updated_at, revision, origin) "
    "VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (session_id, question_id, item_key) DO UPDATE SET "
    "text = excluded.text, updated_at = excluded.updated_at, "
    "revision = answers.revision + 1, origin = excluded.origin"
)
"""The one SQL that stores an answer: the revision goes up, so every open window sees it."""


def put_answers(conn: sqlite3.Connection, rows: list[tuple[str, str, str, str, str]]) -> None:
    """Answers that arrive with their own time (a bundle's import), many at once: (session id,
    question id, item key, text, time) each. The same SQL as :func:`save_answer`, and a history
    row per text with the time it was typed; no crossing check (the importer compared each
    answer already) and no new time for the session (the importer sets it). Joins the
    caller's transaction."""
    if not rows:
        return
    conn.executemany(_PUT_ANSWER, [(*row, "") for row in rows])
    conn.executemany(
        "INSERT INTO answer_history (session_id, question_id, item_key, text, saved_at) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def save_answer(
    conn: sqlite3.Connection,
    session_id: str,
    question_id: str,
    item_key: str,
    text: str,
    *,
    base: str | None = None,
    origin: str = "",
    stamp: str | None = None,
) -> Written:
    """Store ``text`` as the answer (typed over ``base``; ``None``: do not check for a crossing)."""
    stamp = stamp or now_iso()
    with transaction(conn):
        _require_session(conn, session_id)
        row = conn.execute(
            "SELECT text, revision FROM answers "
            "WHERE session_id = ? AND question_id = ? AND item_key = ?",
            [session_id, question_id, item_key],
        ).fetchone()
        current, revision = (row[0], row[1]) if row else ("", 0)
        if current == text:
            return Written(revision, changed=False)
        conn.execute(_PUT_ANSWER, [session_id, question_id, item_key, text, stamp, origin])
        _keep_history(conn, session_id, question_id, item_key, text, origin, stamp)
        _touch_session(conn, session_id, stamp)
    crossed = current if base is not None and current != base else None
    return Written(revision + 1, crossed=crossed)


def save_key_message(
    conn: sqlite3.Connection,
    session_id: str,
    text: str,
    *,
    base: str | None = None,
    origin: str = "",
    stamp: str | None = None,
) -> Written:
    stamp = stamp or now_iso()
    with transaction(conn):
        row = conn.execute(
            "SELECT key_message, key_message_revision FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        if row is None:
            raise Gone(session_id)
        current, revision = row
        if current == text:
            return Written(revision, changed=False)
        conn.execute(
            "UPDATE sessions SET key_message = ?, key_message_updated_at = ?, updated_at = ?, "
            "key_message_revision = key_message_revision + 1 WHERE id = ?",
            [text, stamp, stamp, session_id],
        )
        _keep_history(conn, session_id, KEY_MESSAGE_ID, "", text, origin, stamp)
    crossed = current if base is not None and current != base else None
    return Written(revision + 1, crossed=crossed)


def save_status(
    conn: sqlite3.Connection,
    session_id: str,
    question_id: str,
    item_key: str,
    status: str,
    *,
    origin: str = "",
    stamp: str | None = None,
) -> Written:
    """A recommendation's status ('' clears it); kept in the record history."""
    stamp = stamp or now_iso()
    with transaction(conn):
        _require_session(conn, session_id)
        row = conn.execute(
            "SELECT status, revision FROM recommendation_statuses "
            "WHERE session_id = ? AND question_id = ? AND item_key = ?",
            [session_id, question_id, item_key],
        ).fetchone()
        current, revision = (row[0], row[1]) if row else ("", 0)
        if current == status:
            return Written(revision, changed=False)
        conn.execute(
            "INSERT INTO recommendation_statuses "
            "(session_id, question_id, item_key, status, updated_at, revision) "
            "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (session_id, question_id, item_key) "
            "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, "
            "revision = recommendation_statuses.revision + 1",
            [session_id, question_id, item_key, status, stamp],
        )
        record_history(
            conn, session_id, "status", f"{question_id}/{item_key}", revision + 1,
            {"status": status}, origin, stamp,
        )  # fmt: skip
        _touch_session(conn, session_id, stamp)
    return Written(revision + 1)


from grow_app.store.live_read import SessionRows, read_session  # noqa: E402, F401 (one place to look)
from grow_app.store.live_records import (  # noqa: E402, F401 (one place to look)
    insert_record,
    json_object,
    set_phase_minutes,
    set_phase_seconds,
    update_record,
)
