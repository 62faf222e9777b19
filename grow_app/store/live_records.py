"""The meeting's writes of records (actions, participants, parking-lot points) and of the
timebox (minutes planned and seconds spent per phase), on a plain ``sqlite3`` connection, as
:mod:`grow_app.store.live` does for answers: a revision, ``updated_at``, ``origin`` and a history
row per change (the seconds spent excepted: a running clock, not something said in the meeting).
Reached as ``live.insert_record`` and so on.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping

from grow_app.store.live import (
    _RECORD_TABLES,
    Gone,
    Written,
    _require_session,
    _touch_session,
    now_iso,
    record_history,
    transaction,
)


def next_position(conn: sqlite3.Connection, table: str, session_id: str) -> int:
    row = conn.execute(
        f"SELECT COALESCE(MAX(position), -1) + 1 FROM {table} WHERE session_id = ?", [session_id]
    ).fetchone()
    return int(row[0])


def snapshot(conn: sqlite3.Connection, table: str, record_id: str) -> dict[str, object] | None:
    cursor = conn.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def insert_record(
    conn: sqlite3.Connection,
    kind: str,
    session_id: str,
    record_id: str,
    fields: Mapping[str, object],
    *,
    origin: str = "",
    stamp: str | None = None,
) -> Written:
    """Add an action, participant or parking-lot point under an id the caller chose (so the
    screen shows it at once). Adding the same id twice changes nothing."""
    table = _RECORD_TABLES[kind]
    stamp = stamp or now_iso()
    with transaction(conn):
        _require_session(conn, session_id)
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone():
            return Written(1, changed=False)
        values: dict[str, object] = {
            "id": record_id,
            "session_id": session_id,
            "position": next_position(conn, table, session_id),
            **fields,
            "updated_at": stamp,
            "revision": 1,
        }
        if kind != "participant":
            values["created_at"] = stamp
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
        record_history(conn, session_id, kind, record_id, 1, fields, origin, stamp)
        _touch_session(conn, session_id, stamp)
    return Written(1)


def update_record(
    conn: sqlite3.Connection,
    kind: str,
    record_id: str,
    field: str,
    value: str | None,
    *,
    base: str | None = None,
    origin: str = "",
    stamp: str | None = None,
) -> Written:
    """Change one field of an action, participant or parking-lot point (``deleted_at`` too)."""
    table = _RECORD_TABLES[kind]
    stamp = stamp or now_iso()
    with transaction(conn):
        row = snapshot(conn, table, record_id)
        if row is None:
            raise Gone(record_id)
        _require_session(conn, str(row["session_id"]))
        current, revision = row[field], int(row["revision"] or 0)  # type: ignore[call-overload]
        if current == value:
            return Written(revision, changed=False)
        conn.execute(
            f"UPDATE {table} SET {field} = ?, updated_at = ?, revision = revision + 1 WHERE id = ?",
            [value, stamp, record_id],
        )
        row[field] = value
        data = {k: v for k, v in row.items() if k not in ("id", "session_id", "revision")}
        record_history(
            conn, str(row["session_id"]), kind, record_id, revision + 1, data, origin, stamp
        )
        _touch_session(conn, str(row["session_id"]), stamp)
    crossed = None
    if base is not None and current != base and field != "deleted_at":
        crossed = str(current or "")
    return Written(revision + 1, crossed=crossed)


def set_phase_minutes(
    conn: sqlite3.Connection,
    session_id: str,
    phase_id: str,
    minutes: int,
    *,
    origin: str = "",
    stamp: str | None = None,
) -> Written:
    stamp = stamp or now_iso()
    with transaction(conn):
        row = conn.execute(
            "SELECT phase_minutes FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        if row is None:
            raise Gone(session_id)
        values = json.loads(row[0] or "{}")
        if values.get(phase_id) == minutes:
            return Written(0, changed=False)
        values[phase_id] = minutes
        conn.execute(
            "UPDATE sessions SET phase_minutes = ?, updated_at = ? WHERE id = ?",
            [json.dumps(values), stamp, session_id],
        )
        record_history(conn, session_id, "phase_minutes", phase_id, 0, {"minutes": minutes},
                        origin, stamp)  # fmt: skip
    return Written(0)


def set_phase_seconds(
    conn: sqlite3.Connection,
    session_id: str,
    phase_id: str,
    seconds: int,
    *,
    origin: str = "",
    stamp: str | None = None,
) -> Written:
    """The time spent in a phase so far (the timebox). A running clock, not something said in
    the meeting: no history row, and the session does not count as changed (``updated_at``)."""
    with transaction(conn):
        row = conn.execute(
            "SELECT phase_seconds FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        if row is None:
            raise Gone(session_id)
        values = json_object(row[0])
        if values.get(phase_id) == seconds:
            return Written(0, changed=False)
        values[phase_id] = seconds
        conn.execute(
            "UPDATE sessions SET phase_seconds = ? WHERE id = ?", [json.dumps(values), session_id]
        )
    return Written(0)


def json_object(text: object) -> dict:
    """A JSON object stored in a column ('{}' when empty or not an object)."""
    try:
        value = json.loads(str(text or "{}"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
