"""Action lists (wat / wie / wanneer) and the parking lot of a session.

The SQL of each change lives in :mod:`grow_app.store.live` (shared with the writer thread);
every change bumps the record's revision and keeps a history row, and removing is soft: the row
stays, so nothing typed is ever gone for good.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grow_app.records import Action, ParkingItem
from grow_app.store import live
from grow_app.store.clock import new_id, now_iso
from grow_app.store.connection import write

if TYPE_CHECKING:
    from sqlite_utils import Database


def list_actions(db: Database, session_id: str) -> list[Action]:
    rows = db.query(
        "SELECT * FROM actions WHERE session_id = ? AND deleted_at IS NULL ORDER BY position, created_at",
        [session_id],
    )
    return [action_from_row(r) for r in rows]


def action_from_row(r: dict) -> Action:
    return Action(
        id=r["id"],
        wat=r["wat"],
        wie=r["wie"],
        wanneer=r["wanneer"],
        status=r["status"],
        position=r["position"],
        question_id=r["question_id"],
        carried_from=r["carried_from"],
        updated_at=r.get("updated_at") or "",
        revision=r.get("revision") or 0,
    )


def insert_action(
    db: Database,
    session_id: str,
    question_id: str,
    *,
    wat: str = "",
    wie: str = "",
    wanneer: str = "",
    carried_from: str | None = None,
    action_id: str | None = None,
    origin: str = "",
) -> str:
    action_id = action_id or new_id()
    fields = {
        "question_id": question_id,
        "wat": wat,
        "wie": wie,
        "wanneer": wanneer,
        "status": "open",
        "carried_from": carried_from,
    }
    with write(db):
        live.insert_record(db.conn, "action", session_id, action_id, fields, origin=origin)
    return action_id


def update_action(db: Database, action_id: str, *, origin: str = "", **fields: str | None) -> None:
    with write(db):
        for field, value in fields.items():
            live.update_record(db.conn, "action", action_id, field, value, origin=origin)


def remove_action(db: Database, action_id: str, *, origin: str = "") -> None:
    """Soft delete: the row stays, so nothing typed is ever gone for good."""
    update_action(db, action_id, origin=origin, deleted_at=now_iso())


def list_parking(db: Database, session_id: str) -> list[ParkingItem]:
    rows = db.query(
        "SELECT * FROM parking_lot WHERE session_id = ? AND deleted_at IS NULL ORDER BY position",
        [session_id],
    )
    return [parking_from_row(r) for r in rows]


def parking_from_row(r: dict) -> ParkingItem:
    return ParkingItem(
        r["id"], r["text"], r["position"], r.get("updated_at") or "", r.get("revision") or 0
    )


def insert_parking(
    db: Database, session_id: str, text: str, *, item_id: str | None = None, origin: str = ""
) -> str:
    item_id = item_id or new_id()
    with write(db):
        live.insert_record(db.conn, "parking", session_id, item_id, {"text": text}, origin=origin)
    return item_id


def update_parking(db: Database, item_id: str, *, origin: str = "", **fields: str | None) -> None:
    with write(db):
        for field, value in fields.items():
            live.update_record(db.conn, "parking", item_id, field, value, origin=origin)


def remove_parking(db: Database, item_id: str, *, origin: str = "") -> None:
    """Soft delete a parking-lot point."""
    update_parking(db, item_id, origin=origin, deleted_at=now_iso())
