"""SQL for the example database: the mark that says a file is one (and may be made again)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.store.connection import write

if TYPE_CHECKING:
    from sqlite_utils import Database

DEMO_KEY = "demo"


def mark_as_demo(db: Database) -> None:
    with write(db):
        db.execute(
            "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
            [DEMO_KEY],
        )


def is_demo_file(path: Path) -> bool:
    """True only for a grow database marked as example; read-only, never changes the file."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", [DEMO_KEY]).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row and row[0] == "1")
