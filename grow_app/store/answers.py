"""Answers, their append-only history, and recommendation statuses."""

from __future__ import annotations

from sqlite_utils import Database

from grow_app.store.clock import now_iso
from grow_app.store.connection import write
from grow_app.store.records import Answer, Revision


def save_answer(db: Database, session_id: str, question_id: str, item_key: str, text: str) -> bool:
    """Store ``text`` as the answer and add a history row. Returns False when nothing changed."""
    current = db.execute(
        "SELECT text FROM answers WHERE session_id = ? AND question_id = ? AND item_key = ?",
        [session_id, question_id, item_key],
    ).fetchone()
    if current is not None and current[0] == text:
        return False
    if current is None and text == "":
        return False
    stamp = now_iso()
    with write(db):
        db.execute(
            "INSERT INTO answers (session_id, question_id, item_key, text, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, question_id, item_key) "
            "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            [session_id, question_id, item_key, text, stamp],
        )
        append_history(db, session_id, question_id, item_key, text, stamp)
        db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", [stamp, session_id])
    return True


def append_history(
    db: Database, session_id: str, question_id: str, item_key: str, text: str, stamp: str
) -> None:
    db.execute(
        "INSERT INTO answer_history (session_id, question_id, item_key, text, saved_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [session_id, question_id, item_key, text, stamp],
    )


def load_answers(db: Database, session_id: str) -> dict[tuple[str, str], Answer]:
    rows = db.query("SELECT * FROM answers WHERE session_id = ?", [session_id])
    return {
        (r["question_id"], r["item_key"]): Answer(
            r["question_id"], r["item_key"], r["text"], r["updated_at"]
        )
        for r in rows
    }


def history(db: Database, session_id: str, question_id: str, item_key: str = "") -> list[Revision]:
    rows = db.query(
        "SELECT id, text, saved_at FROM answer_history "
        "WHERE session_id = ? AND question_id = ? AND item_key = ? ORDER BY id DESC",
        [session_id, question_id, item_key],
    )
    return [Revision(r["id"], r["text"], r["saved_at"]) for r in rows]


def set_status(db: Database, session_id: str, question_id: str, item_key: str, status: str) -> None:
    stamp = now_iso()
    with write(db):
        db.execute(
            "INSERT INTO recommendation_statuses (session_id, question_id, item_key, status, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, question_id, item_key) "
            "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            [session_id, question_id, item_key, status, stamp],
        )
        db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", [stamp, session_id])


def load_statuses(db: Database, session_id: str) -> dict[tuple[str, str], str]:
    rows = db.query(
        "SELECT question_id, item_key, status FROM recommendation_statuses WHERE session_id = ?",
        [session_id],
    )
    return {(r["question_id"], r["item_key"]): r["status"] for r in rows if r["status"]}
