"""SQL for bundles: read one session in full (export) and write merged rows (import).

The merge rules live in :mod:`grow_app.services.bundles`; these functions only read and write
rows, and are called inside the importer's one transaction.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from grow_app.store import contributions_bundle

if TYPE_CHECKING:
    from sqlite_utils import Database


# Long on purpose: one read per table of the bundle, in the bundle's own order and shape
# (docs/bundle-format.md); split up, the shape would no longer be readable in one place.
def session_snapshot(db: Database, session_id: str) -> dict | None:
    """Everything of one session as plain dicts, in the shape of the bundle (history left out)."""
    rows = list(db.query("SELECT * FROM sessions WHERE id = ?", [session_id]))
    if not rows:
        return None
    s = rows[0]
    p = next(db.query("SELECT * FROM partnerships WHERE id = ?", [s["partnership_id"]]))
    participants = [
        {"id": r["id"], "name": r["name"], "organisation": r["organisation"], "role": r["role"]}
        for r in db.query(
            "SELECT * FROM participants WHERE session_id = ? AND deleted_at IS NULL "
            "ORDER BY position",
            [session_id],
        )
    ]
    return {
        "partnership": {
            "id": p["id"],
            "name": p["name"],
            "region": p["region"],
            "sectors": json.loads(p["sectors"] or "[]"),
            "updated_at": p["updated_at"],
        },
        "session": {
            "id": s["id"],
            "card_id": s["card_id"],
            "card_version": s["card_version"],
            "date": s["date"],
            "facilitator": s["facilitator"],
            "participants": participants,
            "key_message": s["key_message"],
            "key_message_updated_at": s["key_message_updated_at"],
            "phase_minutes": json.loads(s["phase_minutes"] or "{}"),
            "created_at": s["created_at"],
            "updated_at": s["updated_at"],
        },
        "answers": list(
            db.query(
                "SELECT question_id, item_key, text, updated_at FROM answers "
                "WHERE session_id = ? ORDER BY question_id, item_key",
                [session_id],
            )
        ),
        "statuses": list(
            db.query(
                "SELECT question_id, item_key, status, updated_at FROM recommendation_statuses "
                "WHERE session_id = ? ORDER BY question_id, item_key",
                [session_id],
            )
        ),
        "actions": list(
            db.query(
                "SELECT id, question_id, position, wat, wie, wanneer, status, carried_from, "
                "created_at, updated_at, deleted_at FROM actions WHERE session_id = ? "
                "ORDER BY position, created_at",
                [session_id],
            )
        ),
        "parking_lot": list(
            db.query(
                "SELECT id, position, text, created_at, updated_at, deleted_at FROM parking_lot "
                "WHERE session_id = ? ORDER BY position",
                [session_id],
            )
        ),
        **contributions_bundle.bundle_part(db, session_id),
    }


# -- partnerships ---------------------------------------------------------------------------------
def partnership_by_id(db: Database, partnership_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM partnerships WHERE id = ?", [partnership_id]))
    return rows[0] if rows else None


def partnerships_by_exact_name(db: Database, name: str) -> list[dict]:
    return list(
        db.query(
            "SELECT * FROM partnerships WHERE deleted_at IS NULL AND name = ? ORDER BY created_at",
            [name],
        )
    )


def insert_partnership(db: Database, row: dict) -> None:
    db.execute(
        "INSERT INTO partnerships (id, name, region, sectors, created_at, updated_at, deleted_at) "
        "VALUES (?, ?, ?, ?, ?, ?, NULL)",
        [
            row["id"],
            row["name"],
            row["region"],
            json.dumps(row["sectors"]),
            row["created_at"],
            row["updated_at"],
        ],
    )


def update_partnership(db: Database, partnership_id: str, row: dict) -> None:
    db.execute(
        "UPDATE partnerships SET name = ?, region = ?, sectors = ?, updated_at = ? WHERE id = ?",
        [row["name"], row["region"], json.dumps(row["sectors"]), row["updated_at"], partnership_id],
    )


# -- sessions -------------------------------------------------------------------------------------
def session_row(db: Database, session_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM sessions WHERE id = ?", [session_id]))
    return rows[0] if rows else None


def participants_of(db: Database, session_id: str) -> list[dict]:
    return list(
        db.query(
            "SELECT id, name, organisation, role FROM participants WHERE session_id = ? "
            "ORDER BY position",
            [session_id],
        )
    )


def insert_session(db: Database, partnership_id: str, row: dict) -> None:
    db.execute(
        "INSERT INTO sessions (id, partnership_id, card_id, card_version, date, facilitator, "
        "key_message, key_message_updated_at, phase_minutes, created_at, updated_at, deleted_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        [
            row["id"],
            partnership_id,
            row["card_id"],
            row["card_version"],
            row["date"],
            row["facilitator"],
            row["key_message"],
            row["key_message_updated_at"],
            json.dumps(row["phase_minutes"]),
            row["created_at"],
            row["updated_at"],
        ],
    )


def update_session(db: Database, session_id: str, fields: dict) -> None:
    if "phase_minutes" in fields:
        fields = {**fields, "phase_minutes": json.dumps(fields["phase_minutes"])}
    assignments = ", ".join(f"{name} = ?" for name in fields)
    db.execute(f"UPDATE sessions SET {assignments} WHERE id = ?", [*fields.values(), session_id])


def touch_session(db: Database, session_id: str, stamp: str) -> None:
    db.execute(
        "UPDATE sessions SET updated_at = ? WHERE id = ? AND updated_at < ?",
        [stamp, session_id, stamp],
    )


def replace_participants(
    db: Database, session_id: str, participants: list[dict], stamp: str
) -> None:
    db.execute("DELETE FROM participants WHERE session_id = ?", [session_id])
    for index, p in enumerate(participants):
        # An id already used by another session's participant is replaced, never shared.
        db.execute(
            "INSERT OR REPLACE INTO participants "
            "(id, session_id, position, name, organisation, role, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [p["id"], session_id, index, p["name"], p["organisation"], p["role"], stamp],
        )


# -- answers and statuses -------------------------------------------------------------------------
def answers_of(db: Database, session_id: str) -> dict[tuple[str, str], tuple[str, str]]:
    rows = db.execute(
        "SELECT question_id, item_key, text, updated_at FROM answers WHERE session_id = ?",
        [session_id],
    )
    return {(q, i): (text, stamp) for q, i, text, stamp in rows}


def statuses_of(db: Database, session_id: str) -> dict[tuple[str, str], tuple[str, str]]:
    rows = db.execute(
        "SELECT question_id, item_key, status, updated_at FROM recommendation_statuses "
        "WHERE session_id = ?",
        [session_id],
    )
    return {(q, i): (status, stamp) for q, i, status, stamp in rows}


def put_status(
    db: Database, session_id: str, question_id: str, item_key: str, status: str, stamp: str
) -> None:
    db.execute(
        "INSERT INTO recommendation_statuses (session_id, question_id, item_key, status, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, question_id, item_key) "
        "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
        [session_id, question_id, item_key, status, stamp],
    )


def append_key_message_history(
    db: Database, session_id: str, history_id: str, text: str, stamp: str
) -> None:
    db.execute(
        "INSERT INTO answer_history (session_id, question_id, item_key, text, saved_at) "
        "VALUES (?, ?, '', ?, ?)",
        [session_id, history_id, text, stamp],
    )


# -- actions and parking lot ----------------------------------------------------------------------
_ACTION_FIELDS = (
    "id",
    "question_id",
    "position",
    "wat",
    "wie",
    "wanneer",
    "status",
    "carried_from",
    "created_at",
    "updated_at",
    "deleted_at",
)
_PARKING_FIELDS = ("id", "position", "text", "created_at", "updated_at", "deleted_at")


def rows_by_id(db: Database, table: str, ids: list[str]) -> dict[str, dict]:
    """Rows of ``actions`` or ``parking_lot`` with these ids (in any session)."""
    assert table in ("actions", "parking_lot")
    if not ids:
        return {}
    rows = db.query(
        f"SELECT * FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
    )
    return {r["id"]: r for r in rows}


def put_row(db: Database, table: str, session_id: str, row: dict) -> None:
    """Insert or replace one action / parking item, exactly as the bundle has it."""
    assert table in ("actions", "parking_lot")
    fields = _ACTION_FIELDS if table == "actions" else _PARKING_FIELDS
    columns = ", ".join(("session_id", *fields))
    marks = ", ".join("?" for _ in range(len(fields) + 1))
    updates = ", ".join(f"{f} = excluded.{f}" for f in fields if f != "id")
    db.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        [session_id, *(row[f] for f in fields)],
    )
