"""What the writer thread's watcher reads of one session (and the Meeting when it loads): every
record with a signature that changes whenever the record does. Standard library only."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

_RECORD_TABLES = {"action": "actions", "participant": "participants", "parking": "parking_lot"}


@dataclass(frozen=True)
class SessionRows:
    """Every record of one session as plain rows, with a signature per record that changes
    whenever the record does (``revision`` and ``updated_at``), and the answer texts only for
    the answers asked for (a 5 MB answer is not read again while nothing changed in it)."""

    session: dict[str, object] | None
    signatures: dict[tuple[str, ...], tuple[object, ...]]
    answers: dict[tuple[str, str], dict[str, object]]
    statuses: dict[tuple[str, str], dict[str, object]]
    records: dict[tuple[str, str], dict[str, object]]


def _rows(conn: sqlite3.Connection, sql: str, params: list[object]) -> list[dict[str, object]]:
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def read_session(
    conn: sqlite3.Connection, session_id: str, known: dict[tuple[str, ...], tuple[object, ...]]
) -> SessionRows:
    """The session's records whose signature differs from ``known`` (all of them for ``{}``)."""
    sessions = _rows(conn, "SELECT * FROM sessions WHERE id = ?", [session_id])
    if not sessions:
        return SessionRows(None, {}, {}, {}, {})
    session = sessions[0]
    signatures: dict[tuple[str, ...], tuple[object, ...]] = {
        ("session",): (session["updated_at"], session["deleted_at"]),
    }
    wanted: list[tuple[str, str]] = []
    for row in _rows(
        conn,
        "SELECT question_id, item_key, revision, updated_at FROM answers WHERE session_id = ?",
        [session_id],
    ):
        key = ("answer", str(row["question_id"]), str(row["item_key"]))
        signatures[key] = (row["revision"], row["updated_at"])
        if known.get(key) != signatures[key]:
            wanted.append((key[1], key[2]))
    answers = {}
    for qid, item in wanted:
        for row in _rows(
            conn,
            "SELECT question_id, item_key, text, revision, updated_at, origin FROM answers "
            "WHERE session_id = ? AND question_id = ? AND item_key = ?",
            [session_id, qid, item],
        ):
            answers[(qid, item)] = row
    statuses = {}
    for row in _rows(
        conn, "SELECT * FROM recommendation_statuses WHERE session_id = ?", [session_id]
    ):
        key = ("status", str(row["question_id"]), str(row["item_key"]))
        signatures[key] = (row["revision"], row["updated_at"])
        statuses[(key[1], key[2])] = row
    records: dict[tuple[str, str], dict[str, object]] = {}
    for kind, table in _RECORD_TABLES.items():
        for row in _rows(conn, f"SELECT * FROM {table} WHERE session_id = ?", [session_id]):
            record = (kind, str(row["id"]))
            signatures[record] = (row["revision"], row["updated_at"], row.get("deleted_at"))
            records[record] = row
    return SessionRows(session, signatures, answers, statuses, records)
