"""Deleting is moving to the trash; the trash can be restored or emptied."""

from __future__ import annotations

from sqlite_utils import Database

from grow_app.store import trash as store


def trash_partnership(db: Database, partnership_id: str) -> None:
    store.mark_deleted(db, "partnerships", partnership_id)


def trash_session(db: Database, session_id: str) -> None:
    store.mark_deleted(db, "sessions", session_id)


def list_trash(db: Database) -> list[dict]:
    return store.trashed(db)


def restore_item(db: Database, kind: str, item_id: str) -> bool:
    return store.restore(db, "partnerships" if kind == "partnership" else "sessions", item_id)


def empty_trash(db: Database) -> int:
    return store.purge(db)
