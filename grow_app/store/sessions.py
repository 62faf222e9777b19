"""Reads and writes of sessions and their participants."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from grow_app.records import Participant, Session
from grow_app.store.clock import new_id, now_iso
from grow_app.store.connection import write

if TYPE_CHECKING:
    from sqlite_utils import Database

_SELECT = (
    "SELECT s.*, p.name AS partnership_name FROM sessions s "
    "JOIN partnerships p ON p.id = s.partnership_id"
)


def insert_session(
    db: Database,
    *,
    partnership_id: str,
    card_id: str,
    card_version: str,
    date: str,
    facilitator: str = "",
    participants: list[Participant] | None = None,
    id: str | None = None,
) -> str:
    stamp = now_iso()
    session_id = id or new_id()
    with write(db):
        db.table("sessions").insert(
            {
                "id": session_id,
                "partnership_id": partnership_id,
                "card_id": card_id,
                "card_version": card_version,
                "date": date,
                "facilitator": facilitator,
                "key_message": "",
                "key_message_updated_at": None,
                "phase_minutes": "{}",
                "created_at": stamp,
                "updated_at": stamp,
                "deleted_at": None,
            }
        )
        replace_participants(db, session_id, participants or [])
    return session_id


def get_session(db: Database, session_id: str) -> Session | None:
    rows = list(db.query(f"{_SELECT} WHERE s.id = ?", [session_id]))
    return Session.from_row(rows[0]) if rows else None


def list_sessions(
    db: Database, *, partnership_id: str | None = None, include_deleted: bool = False
) -> list[Session]:
    clauses, params = [], []
    if not include_deleted:
        clauses.append("s.deleted_at IS NULL AND p.deleted_at IS NULL")
    if partnership_id:
        clauses.append("s.partnership_id = ?")
        params.append(partnership_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.query(
        f"{_SELECT} {where} ORDER BY p.name COLLATE NOCASE, s.date, s.created_at", params
    )
    return [Session.from_row(r) for r in rows]


def sessions_with_prefix(db: Database, prefix: str) -> list[Session]:
    rows = db.query(
        f"{_SELECT} WHERE s.deleted_at IS NULL AND s.id LIKE ? ESCAPE '\\'",
        [prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
    )
    return [Session.from_row(r) for r in rows]


def update_session(db: Database, session_id: str, **fields: object) -> None:
    if "phase_minutes" in fields:
        fields["phase_minutes"] = json.dumps(fields["phase_minutes"])
    fields["updated_at"] = now_iso()
    with write(db):
        db.table("sessions").update(session_id, fields)


def list_participants(db: Database, session_id: str) -> list[Participant]:
    rows = db.query(
        "SELECT * FROM participants WHERE session_id = ? AND deleted_at IS NULL ORDER BY position",
        [session_id],
    )
    return [participant_from_row(r) for r in rows]


def participant_from_row(r: dict) -> Participant:
    return Participant(r["name"], r["organisation"], r["role"], r["id"], r.get("revision") or 0)


def replace_participants(db: Database, session_id: str, participants: list[Participant]) -> None:
    stamp = now_iso()
    with write(db):
        db.execute("DELETE FROM participants WHERE session_id = ?", [session_id])
        db.table("participants").insert_all(
            {
                "id": p.id or new_id(),
                "session_id": session_id,
                "position": index,
                "name": p.name,
                "organisation": p.organisation,
                "role": p.role,
                "updated_at": stamp,
                "revision": 1,
            }
            for index, p in enumerate(participants)
        )
