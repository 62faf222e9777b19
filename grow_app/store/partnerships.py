"""Reads and writes of partnerships."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from grow_app.records import Partnership
from grow_app.store.clock import new_id, now_iso
from grow_app.store.connection import write

if TYPE_CHECKING:
    from sqlite_utils import Database  # only a type here: reads work without sqlite-utils


def insert_partnership(
    db: Database,
    name: str,
    region: str = "",
    sectors: tuple[str, ...] = (),
    *,
    id: str | None = None,
) -> Partnership:
    stamp = now_iso()
    row = {
        "id": id or new_id(),
        "name": name,
        "region": region,
        "sectors": json.dumps(list(sectors)),
        "created_at": stamp,
        "updated_at": stamp,
        "deleted_at": None,
    }
    with write(db):
        db.table("partnerships").insert(row)
    return Partnership.from_row(row)


def list_partnerships(db: Database, *, include_deleted: bool = False) -> list[Partnership]:
    where = "" if include_deleted else "WHERE deleted_at IS NULL"
    rows = db.query(f"SELECT * FROM partnerships {where} ORDER BY name COLLATE NOCASE")
    return [Partnership.from_row(r) for r in rows]


def get_partnership(db: Database, partnership_id: str) -> Partnership | None:
    rows = list(db.query("SELECT * FROM partnerships WHERE id = ?", [partnership_id]))
    return Partnership.from_row(rows[0]) if rows else None


def find_partnerships_by_name(db: Database, name: str) -> list[Partnership]:
    rows = db.query(
        "SELECT * FROM partnerships WHERE deleted_at IS NULL AND name = ? COLLATE NOCASE", [name]
    )
    return [Partnership.from_row(r) for r in rows]


def update_partnership(db: Database, partnership_id: str, **fields: object) -> None:
    if "sectors" in fields:
        sectors = fields["sectors"]
        fields["sectors"] = json.dumps(list(sectors) if isinstance(sectors, Iterable) else [])
    fields["updated_at"] = now_iso()
    with write(db):
        db.table("partnerships").update(partnership_id, fields)


def session_counts(db: Database) -> dict[str, int]:
    rows = db.query(
        "SELECT partnership_id, count(*) AS n FROM sessions WHERE deleted_at IS NULL "
        "GROUP BY partnership_id"
    )
    return {r["partnership_id"]: r["n"] for r in rows}
