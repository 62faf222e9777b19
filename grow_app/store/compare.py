"""SQL for comparing partnerships: small queries over many sessions at once.

Nothing here loads every answer of every session: the screens ask for one question at a time,
and the overviews are counted by SQLite (GROUP BY). Session ids are passed as one JSON array
(``json_each``), so a thousand sessions is still one statement with one parameter.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


_IDS = "(SELECT value FROM json_each(?))"


def latest_sessions(
    db: Database,
    card_id: str,
    *,
    region: str | None = None,
    sector: str | None = None,
    search: str | None = None,
    names: list[str] | None = None,
) -> list[dict]:
    """Per partnership (not in the trash) its latest session on this card, by name."""
    clauses = ["s.deleted_at IS NULL", "p.deleted_at IS NULL", "s.card_id = ?"]
    params: list[object] = [card_id]
    if region:
        clauses.append("p.region = ? COLLATE NOCASE")
        params.append(region)
    if sector:
        clauses.append("EXISTS (SELECT 1 FROM json_each(p.sectors) WHERE value = ?)")
        params.append(sector)
    if search:
        clauses.append("p.name LIKE ? ESCAPE '\\'")
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    if names:
        clauses.append(f"p.name IN {_IDS}")
        params.append(json.dumps(names))
    rows = db.query(
        "SELECT * FROM (SELECT s.id AS session_id, s.date, s.partnership_id, p.name, p.region, "
        "p.sectors, s.key_message, ROW_NUMBER() OVER (PARTITION BY s.partnership_id "
        "ORDER BY s.date DESC, s.created_at DESC) AS rank FROM sessions s "
        f"JOIN partnerships p ON p.id = s.partnership_id WHERE {' AND '.join(clauses)}) "
        "WHERE rank = 1 ORDER BY name COLLATE NOCASE",
        params,
    )
    return list(rows)


def partnership_sessions(db: Database, card_id: str, partnership_id: str) -> list[dict]:
    """All sessions of one partnership on one card, oldest first."""
    return list(
        db.query(
            "SELECT s.id AS session_id, s.date, s.partnership_id, p.name, p.region, p.sectors, "
            "s.key_message FROM sessions s JOIN partnerships p ON p.id = s.partnership_id "
            "WHERE s.card_id = ? AND s.partnership_id = ? AND s.deleted_at IS NULL "
            "ORDER BY s.date, s.created_at",
            [card_id, partnership_id],
        )
    )


def regions(db: Database) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT region FROM partnerships WHERE deleted_at IS NULL AND region != '' "
            "ORDER BY region COLLATE NOCASE"
        )
    ]


def sectors(db: Database) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT j.value FROM partnerships p, json_each(p.sectors) j "
            "WHERE p.deleted_at IS NULL ORDER BY j.value"
        )
    ]


def question_answers(
    db: Database, session_ids: list[str], question_id: str
) -> dict[str, dict[str, str]]:
    """session id -> item key -> text, for one question across the given sessions."""
    result: dict[str, dict[str, str]] = {}
    for session_id, item_key, text in db.execute(
        f"SELECT session_id, item_key, text FROM answers WHERE session_id IN {_IDS} "
        "AND question_id = ?",
        [json.dumps(session_ids), question_id],
    ):
        result.setdefault(session_id, {})[item_key] = text
    return result


def question_statuses(
    db: Database, session_ids: list[str], question_id: str
) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for session_id, item_key, status in db.execute(
        f"SELECT session_id, item_key, status FROM recommendation_statuses "
        f"WHERE session_id IN {_IDS} AND question_id = ? AND status != ''",
        [json.dumps(session_ids), question_id],
    ):
        result.setdefault(session_id, {})[item_key] = status
    return result


def question_actions(db: Database, session_ids: list[str]) -> dict[str, list[dict]]:
    result: dict[str, list[dict]] = {}
    for row in db.query(
        f"SELECT session_id, wat, wie, wanneer, status FROM actions WHERE session_id IN {_IDS} "
        "AND deleted_at IS NULL ORDER BY position, created_at",
        [json.dumps(session_ids)],
    ):
        result.setdefault(row["session_id"], []).append(row)
    return result


def answered_questions(db: Database, session_ids: list[str]) -> set[tuple[str, str]]:
    """(session id, question id) pairs with any answer, status or action, counted by SQLite."""
    ids = json.dumps(session_ids)
    rows = db.execute(
        f"SELECT session_id, question_id FROM answers WHERE session_id IN {_IDS} "
        "AND trim(text) != '' GROUP BY session_id, question_id "
        f"UNION SELECT session_id, question_id FROM recommendation_statuses "
        f"WHERE session_id IN {_IDS} AND status != '' GROUP BY session_id, question_id "
        f"UNION SELECT session_id, question_id FROM actions WHERE session_id IN {_IDS} "
        "AND deleted_at IS NULL GROUP BY session_id, question_id",
        [ids, ids, ids],
    )
    return {(s, q) for s, q in rows}


def item_counts(db: Database, session_ids: list[str], question_id: str) -> dict[str, int]:
    """item key -> how many of these sessions wrote something there (the grid heatmap)."""
    rows = db.execute(
        f"SELECT item_key, count(DISTINCT session_id) FROM answers WHERE session_id IN {_IDS} "
        "AND question_id = ? AND trim(text) != '' GROUP BY item_key",
        [json.dumps(session_ids), question_id],
    )
    return dict(rows.fetchall())


def item_answers(
    db: Database, session_ids: list[str], question_id: str, item_key: str
) -> dict[str, str]:
    """session id -> text for one item (one grid cell), non-empty only."""
    rows = db.execute(
        f"SELECT session_id, text FROM answers WHERE session_id IN {_IDS} "
        "AND question_id = ? AND item_key = ? AND trim(text) != ''",
        [json.dumps(session_ids), question_id, item_key],
    )
    return dict(rows.fetchall())
