"""Sessions with their progress, counted by SQLite: what ``grow session list`` and ``grow session
show`` print, in a few statements however many sessions there are.

"Answered" means here exactly what it means in a meeting (:meth:`Meeting.is_answered`): a
question has a non-blank answer under one of its own answer keys, a recommendation has a status,
an action question counts when the session has an action with something written in it, and the Kernboodschap counts as one
more question when the card has one. "Blank" is Python's ``str.strip()``, whose whitespace is
handed to SQLite's ``trim`` (which on its own strips only spaces).

Only ``execute`` is used, so these functions run on sqlite-utils' ``Database`` and on the plain
:class:`~grow_app.store.reader.ReadOnlyDatabase` alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character ``str.strip()`` removes (a test checks this against ``str.isspace``)."""

ACTION_WRITTEN = "trim(wat || wie || wanneer, ?) != ''"
"""SQL: an action with something written in it (one parameter: :data:`WHITESPACE`), as
``services.snapshots.action_written`` says in Python."""


Executes = Any
"""sqlite-utils' ``Database`` or a :class:`~grow_app.store.reader.ReadOnlyDatabase`."""


class ProgressKeys(NamedTuple):
    """Where a card's answers count: (question id, item key) pairs for answers and statuses,
    the number of action questions, and whether the Kernboodschap counts."""

    answers: tuple[tuple[str, str], ...]
    statuses: tuple[tuple[str, str], ...]
    action_questions: int
    key_message: bool


class Counted(NamedTuple):
    questions: int
    """Questions answered by an answer or a status."""
    has_actions: bool
    key_message: bool
    """The Kernboodschap is written (counted only when the card has one)."""

    def answered(self, keys: ProgressKeys) -> int:
        return (
            self.questions
            + (keys.action_questions if self.has_actions else 0)
            + int(keys.key_message and self.key_message)
        )


_VISIBLE = "s.deleted_at IS NULL AND p.deleted_at IS NULL"
_SESSION_COLUMNS = (
    "s.id, s.partnership_id, s.card_id, s.card_version, s.date, s.facilitator, s.key_message, "
    "s.created_at, s.updated_at, p.name AS partnership_name"
)


def _rows(cursor: Any) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def session_rows(db: Executes, *, partnership_id: str | None = None) -> list[dict]:
    """Every session not in the trash (nor its partnership), by partnership name and date, as
    ``grow session list`` shows them."""
    where, params = _VISIBLE, []
    if partnership_id:
        where += " AND s.partnership_id = ?"
        params.append(partnership_id)
    return _rows(
        db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions s JOIN partnerships p "
            f"ON p.id = s.partnership_id WHERE {where} "
            "ORDER BY p.name COLLATE NOCASE, s.date, s.created_at",
            params,
        )
    )


def session_by_ref(db: Executes, ref: str) -> dict | None:
    """The one visible session whose id is ``ref`` or starts with it (at least 4 characters);
    None otherwise (unknown, ambiguous or in the trash: the careful lookup explains which)."""
    ref = ref.strip()
    if not ref:
        return None
    select = (
        f"SELECT {_SESSION_COLUMNS} FROM sessions s JOIN partnerships p "
        f"ON p.id = s.partnership_id WHERE {_VISIBLE}"
    )
    found = _rows(db.execute(f"{select} AND s.id = ?", [ref]))
    if not found and len(ref) >= 4:
        pattern = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found = _rows(db.execute(f"{select} AND s.id LIKE ? ESCAPE '\\' LIMIT 2", [pattern]))
    return found[0] if len(found) == 1 else None


def participants(db: Executes, session_id: str) -> list[dict]:
    return _rows(
        db.execute(
            "SELECT id, name, organisation, role FROM participants WHERE session_id = ? "
            "ORDER BY position",
            [session_id],
        )
    )


# Long on purpose: one SQL statement (answers, statuses, actions and the key message counted
# together in SQLite), built as one string so that it can be read as one query.
def count_answered(
    db: Executes,
    card_id: str,
    keys: ProgressKeys,
    *,
    partnership_id: str | None = None,
    session_ids: Iterable[str] | None = None,
) -> dict[str, Counted]:
    """Session id -> what is answered, for the visible sessions on ``card_id`` (of one
    partnership, or only ``session_ids``). One statement; SQLite does the counting."""
    where, params = f"s.card_id = ? AND {_VISIBLE}", [card_id]
    if partnership_id:
        where += " AND s.partnership_id = ?"
        params.append(partnership_id)
    if session_ids is not None:
        where += " AND s.id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(session_ids)))
    # For every session on the card, one pass over the tables in file order is quickest (ten
    # thousand sessions: ~1 s, against ~3 s looking each session's answers up by key); for a
    # few sessions their keys are quicker.
    how = " NOT INDEXED" if partnership_id is None and session_ids is None else ""
    sql = f"""
        WITH answer_keys(q, i) AS MATERIALIZED (
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')
                FROM json_each(?)),
             status_keys(q, i) AS MATERIALIZED (
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')
                FROM json_each(?)),
             chosen(id, key_message) AS MATERIALIZED (
                SELECT s.id, s.key_message FROM sessions s
                JOIN partnerships p ON p.id = s.partnership_id WHERE {where}),
             answered(session_id, question_id) AS (
                SELECT a.session_id, a.question_id FROM answers a{how}
                WHERE a.session_id IN (SELECT id FROM chosen)
                AND (a.question_id, a.item_key) IN (SELECT q, i FROM answer_keys)
                AND trim(a.text, ?) != ''
                UNION
                SELECT r.session_id, r.question_id FROM recommendation_statuses r{how}
                WHERE r.session_id IN (SELECT id FROM chosen)
                AND (r.question_id, r.item_key) IN (SELECT q, i FROM status_keys)
                AND r.status != ''),
             per_session(session_id, n) AS (
                SELECT session_id, count(*) FROM answered GROUP BY session_id)
        SELECT c.id, coalesce(n.n, 0),
               EXISTS (SELECT 1 FROM actions t WHERE t.session_id = c.id
                       AND t.deleted_at IS NULL AND {ACTION_WRITTEN}),
               trim(c.key_message, ?) != ''
        FROM chosen c LEFT JOIN per_session n ON n.session_id = c.id
    """
    cursor = db.execute(
        sql,
        [
            json.dumps([list(pair) for pair in keys.answers]),
            json.dumps([list(pair) for pair in keys.statuses]),
            *params,
            WHITESPACE,
            WHITESPACE,
            WHITESPACE,
        ],
    )
    return {
        session_id: Counted(int(questions), bool(actions), bool(message))
        for session_id, questions, actions, message in cursor
    }
