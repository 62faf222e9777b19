"""A quick, read-only look at one session, with the standard library only.

``grow open`` uses it to draw the first open question before sqlite-utils, pydantic and the
card models are imported (they follow a moment later). It never writes and never creates a file;
anything unexpected (no file, an old or foreign file, no such session) gives ``None`` and the
caller takes the ordinary, careful path that explains what is wrong.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SessionPeek:
    id: str
    card_id: str
    answered: frozenset[str]
    """Ids of questions with a non-blank answer or a recommendation status."""
    has_actions: bool


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
        rows = conn.execute(
            "SELECT id, card_id FROM sessions WHERE deleted_at IS NULL AND id = ?", [ref]
        ).fetchall()
        if not rows and len(ref) >= 4:
            pattern = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = conn.execute(
                "SELECT id, card_id FROM sessions WHERE deleted_at IS NULL "
                "AND id LIKE ? ESCAPE '\\' LIMIT 2",
                [pattern],
            ).fetchall()
        if len(rows) != 1:
            return None
        session_id, card_id = rows[0]
        answered = {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT question_id FROM answers WHERE session_id = ? "
                "AND trim(text) != '' UNION SELECT DISTINCT question_id "
                "FROM recommendation_statuses WHERE session_id = ? AND status != ''",
                [session_id, session_id],
            )
        }
        actions = conn.execute(
            "SELECT count(*) FROM actions WHERE session_id = ? AND deleted_at IS NULL",
            [session_id],
        ).fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return SessionPeek(session_id, card_id, frozenset(answered), actions > 0)
