"""A quick, read-only look at one session, with the standard library only.

``grow open`` uses it to draw the first open question, with a working editor, before
sqlite-utils, pydantic and the card models are imported (they follow a moment later). It never
writes and never creates a file; anything unexpected (no file, an old or foreign file, no such
session) gives ``None`` and the caller takes the ordinary, careful path that explains what is
wrong.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from grow_app.store.progress import ACTION_WRITTEN, WHITESPACE


class SessionPeek(NamedTuple):
    """(A named tuple: a dataclass costs ``grow open`` a millisecond to define, before its
    first frame.)"""

    id: str
    card_id: str
    answered: frozenset[str]
    """Ids of questions with a non-blank answer or a recommendation status (blank: what
    ``str.strip()`` removes, as in a meeting)."""
    has_actions: bool
    """An action with something written in it (blank: what ``str.strip()`` removes)."""
    partnership_name: str = ""
    date: str = ""
    key_message: str = ""


def _find(conn: sqlite3.Connection, ref: str) -> list[tuple]:
    select = (
        "SELECT s.id, s.card_id, p.name, s.date, s.key_message FROM sessions s "
        "JOIN partnerships p ON p.id = s.partnership_id "
        "WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL"
    )
    rows = conn.execute(f"{select} AND s.id = ?", [ref]).fetchall()
    if not rows and len(ref) >= 4:
        pattern = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = conn.execute(f"{select} AND s.id LIKE ? ESCAPE '\\' LIMIT 2", [pattern]).fetchall()
    return rows


def peek_session(db_file: Path, ref: str) -> SessionPeek | None:
    """The session ``ref`` (full id or unique prefix of at least 4 characters), or None."""
    ref = ref.strip()
    if not ref or not db_file.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error:
        return None
    try:
        rows = _find(conn, ref)
        if len(rows) != 1:
            return None
        session_id, card_id, name, date, key_message = rows[0]
        answered = {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT question_id FROM answers WHERE session_id = ? "
                "AND trim(text, ?) != '' UNION SELECT DISTINCT question_id "
                "FROM recommendation_statuses WHERE session_id = ? AND status != ''",
                [session_id, WHITESPACE, session_id],
            )
        }
        actions = conn.execute(
            "SELECT count(*) FROM actions WHERE session_id = ? AND deleted_at IS NULL "
            f"AND {ACTION_WRITTEN}",
            [session_id, WHITESPACE],
        ).fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return SessionPeek(
        session_id, card_id, frozenset(answered), actions > 0, name, date, key_message
    )


def peek_answers(
    db_file: Path, session_id: str, question_id: str
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]] | None:
    """The answers and recommendation statuses of one question, or None."""
    try:
        conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error:
        return None
    try:
        answers = {
            (question_id, r[0]): r[1]
            for r in conn.execute(
                "SELECT item_key, text FROM answers WHERE session_id = ? AND question_id = ?",
                [session_id, question_id],
            )
        }
        statuses = {
            (question_id, r[0]): r[1]
            for r in conn.execute(
                "SELECT item_key, status FROM recommendation_statuses "
                "WHERE session_id = ? AND question_id = ?",
                [session_id, question_id],
            )
        }
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return answers, statuses
