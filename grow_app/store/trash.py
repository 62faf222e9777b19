"""Trash: partnerships and sessions are marked deleted, never removed, until the trash is emptied."""

from __future__ import annotations

from sqlite_utils import Database

from grow_app.store.clock import now_iso
from grow_app.store.connection import write

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
    """Everything in the trash, newest first: kind, id, label, deleted_at."""
    rows = db.query(
        "SELECT 'partnership' AS kind, id, name AS label, deleted_at FROM partnerships "
        "WHERE deleted_at IS NOT NULL "
        "UNION ALL "
        "SELECT 'session' AS kind, s.id, p.name || ' · ' || s.card_id || ' · ' || s.date AS label, "
        "s.deleted_at FROM sessions s JOIN partnerships p ON p.id = s.partnership_id "
        "WHERE s.deleted_at IS NOT NULL ORDER BY deleted_at DESC"
    )
    return list(rows)


def purge(db: Database) -> int:
    """Empty the trash for good (sessions of a purged partnership go with it)."""
    with write(db):
        count = db.execute("DELETE FROM sessions WHERE deleted_at IS NOT NULL").rowcount
        count += db.execute("DELETE FROM partnerships WHERE deleted_at IS NOT NULL").rowcount
    return count
