"""Trash: partnerships and sessions are marked deleted, never removed, until the trash is emptied.

A session is hidden when it is trashed itself or when its partnership is; restoring the
partnership brings back its sessions. Emptying the trash removes rows for good (the answers,
history, actions and participants of those sessions go with them through ``ON DELETE CASCADE``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grow_app.records import Session
from grow_app.store.clock import now_iso
from grow_app.store.connection import write

if TYPE_CHECKING:
    from sqlite_utils import Database  # only a type here: reads work without sqlite-utils

TRASHABLE = ("partnerships", "sessions")


def mark_deleted(db: Database, table: str, row_id: str) -> None:
    assert table in TRASHABLE
    with write(db):
        db.execute(
            f"UPDATE {table} SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            [now_iso(), row_id],
        )


def restore(db: Database, table: str, row_id: str) -> bool:
    assert table in TRASHABLE
    with write(db):
        cursor = db.execute(
            f"UPDATE {table} SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
            [row_id],
        )
    return cursor.rowcount > 0


def trashed(db: Database) -> list[dict]:
    """Everything in the trash, newest first: kind, id, label, deleted_at, partnership_id and
    (for a partnership) the number of its sessions that go and come back with it."""
    rows = db.query(
        "SELECT 'partnership' AS kind, p.id, p.name AS label, p.deleted_at, "
        "p.id AS partnership_id, "
        "(SELECT count(*) FROM sessions s WHERE s.partnership_id = p.id "
        " AND s.deleted_at IS NULL) AS sessions "
        "FROM partnerships p WHERE p.deleted_at IS NOT NULL "
        "UNION ALL "
        "SELECT 'session' AS kind, s.id, p.name || ' · ' || s.card_id || ' · ' || s.date AS label, "
        "s.deleted_at, s.partnership_id, 0 AS sessions "
        "FROM sessions s JOIN partnerships p ON p.id = s.partnership_id "
        "WHERE s.deleted_at IS NOT NULL ORDER BY deleted_at DESC"
    )
    return list(rows)


def session_in_trash(db: Database, session: Session) -> bool:
    """A session is in the trash when it was trashed itself or its partnership was."""
    if session.deleted_at:
        return True
    row = db.execute(
        "SELECT deleted_at FROM partnerships WHERE id = ?", [session.partnership_id]
    ).fetchone()
    return row is None or row[0] is not None


def purge(db: Database) -> int:
    """Empty the trash for good (sessions of a purged partnership go with it)."""
    with write(db):
        count = db.execute("DELETE FROM sessions WHERE deleted_at IS NOT NULL").rowcount
        count += db.execute("DELETE FROM partnerships WHERE deleted_at IS NOT NULL").rowcount
    return count
