"""Answers, their append-only history, and recommendation statuses (on a sqlite-utils Database).

The SQL of each change lives in :mod:`grow_app.store.live`, shared with the writer thread; this
module wraps it in :func:`~grow_app.store.connection.write` (the busy-retry and the translated
errors of the rest of the store) and reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grow_app.records import Answer, Revision
from grow_app.store import live
from grow_app.store.connection import write

if TYPE_CHECKING:
    from sqlite_utils import Database


def save_answer(
    db: Database,
    session_id: str,
    question_id: str,
    item_key: str,
    text: str,
    *,
    origin: str = "",
) -> bool:
    """Store ``text`` as the answer and add a history row. Returns False when nothing changed."""
    with write(db):
        return live.save_answer(
            db.conn, session_id, question_id, item_key, text, origin=origin
        ).changed


def load_answers(db: Database, session_id: str) -> dict[tuple[str, str], Answer]:
    rows = db.query("SELECT * FROM answers WHERE session_id = ?", [session_id])
    return {
        (r["question_id"], r["item_key"]): Answer(
            r["question_id"], r["item_key"], r["text"], r["updated_at"], r["revision"]
        )
        for r in rows
    }


def history(db: Database, session_id: str, question_id: str, item_key: str = "") -> list[Revision]:
    rows = db.query(
        "SELECT id, text, saved_at, origin FROM answer_history "
        "WHERE session_id = ? AND question_id = ? AND item_key = ? ORDER BY id DESC",
        [session_id, question_id, item_key],
    )
    return [Revision(r["id"], r["text"], r["saved_at"], r["origin"]) for r in rows]


def set_status(
    db: Database, session_id: str, question_id: str, item_key: str, status: str, *, origin: str = ""
) -> None:
    with write(db):
        live.save_status(db.conn, session_id, question_id, item_key, status, origin=origin)


def load_statuses(db: Database, session_id: str) -> dict[tuple[str, str], str]:
    rows = db.query(
        "SELECT question_id, item_key, status FROM recommendation_statuses WHERE session_id = ?",
        [session_id],
    )
    return {(r["question_id"], r["item_key"]): r["status"] for r in rows if r["status"]}


def status_revisions(db: Database, session_id: str) -> dict[tuple[str, str], int]:
    rows = db.query(
        "SELECT question_id, item_key, revision FROM recommendation_statuses WHERE session_id = ?",
        [session_id],
    )
    return {(r["question_id"], r["item_key"]): r["revision"] for r in rows}
