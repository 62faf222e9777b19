"""Action lists (wat / wie / wanneer) and the parking lot of a session."""

from __future__ import annotations

from sqlite_utils import Database

from grow_app.store.clock import new_id, now_iso
from grow_app.store.connection import write
from grow_app.store.records import Action, ParkingItem


def list_actions(db: Database, session_id: str) -> list[Action]:
    rows = db.query(
        "SELECT * FROM actions WHERE session_id = ? AND deleted_at IS NULL ORDER BY position, created_at",
        [session_id],
    )
    return [
        Action(
            id=r["id"],
            wat=r["wat"],
            wie=r["wie"],
            wanneer=r["wanneer"],
            status=r["status"],
            position=r["position"],
            question_id=r["question_id"],
            carried_from=r["carried_from"],
            updated_at=r["updated_at"],
        )
        for r in rows
    ]


def _next_position(db: Database, table: str, session_id: str) -> int:
    row = db.execute(
        f"SELECT COALESCE(MAX(position), -1) + 1 FROM {table} WHERE session_id = ?", [session_id]
    )
    return row.fetchone()[0]


def insert_action(
    db: Database,
    session_id: str,
    question_id: str,
    *,
    wat: str = "",
    wie: str = "",
    wanneer: str = "",
    carried_from: str | None = None,
) -> str:
    stamp = now_iso()
    action_id = new_id()
    with write(db):
        db["actions"].insert(
            {
                "id": action_id,
                "session_id": session_id,
                "question_id": question_id,
                "position": _next_position(db, "actions", session_id),
                "wat": wat,
                "wie": wie,
                "wanneer": wanneer,
                "status": "open",
                "carried_from": carried_from,
                "created_at": stamp,
                "updated_at": stamp,
                "deleted_at": None,
            }
        )
    return action_id


def update_action(db: Database, action_id: str, **fields: str) -> None:
    fields["updated_at"] = now_iso()
    with write(db):
        db["actions"].update(action_id, fields)


def remove_action(db: Database, action_id: str) -> None:
    """Soft delete: the row stays, so nothing typed is ever gone for good."""
    update_action(db, action_id, deleted_at=now_iso())


def list_parking(db: Database, session_id: str) -> list[ParkingItem]:
    rows = db.query(
        "SELECT * FROM parking_lot WHERE session_id = ? AND deleted_at IS NULL ORDER BY position",
        [session_id],
    )
    return [ParkingItem(r["id"], r["text"], r["position"], r["updated_at"]) for r in rows]


def insert_parking(db: Database, session_id: str, text: str) -> str:
    stamp = now_iso()
    item_id = new_id()
    with write(db):
        db["parking_lot"].insert(
            {
                "id": item_id,
                "session_id": session_id,
                "position": _next_position(db, "parking_lot", session_id),
                "text": text,
                "created_at": stamp,
                "updated_at": stamp,
                "deleted_at": None,
            }
        )
    return item_id


def update_parking(db: Database, item_id: str, **fields: str) -> None:
    fields["updated_at"] = now_iso()
    with write(db):
        db["parking_lot"].update(item_id, fields)


def remove_parking(db: Database, item_id: str) -> None:
    """Soft delete a parking-lot point."""
    update_parking(db, item_id, deleted_at=now_iso())
