"""SQL for contributions (with the history of every state change) and dot votes (ballots).

Rows are never deleted here: a hidden contribution keeps its row, every change of state adds a
history row with the new revision, and a participant who changes a vote adds a new ballot (the
newest ballot of each voter counts).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from grow_app.join_records import Contribution, Vote, VoteOption
from grow_app.store.clock import now_iso
from grow_app.store.connection import write
from grow_app.store.joining import bump

if TYPE_CHECKING:
    from sqlite_utils import Database

_COLUMNS = (
    "id, session_id, question_id, author, text, state, merged_into, revision, created_at, "
    "updated_at, device"
)


def _contribution(row: tuple) -> Contribution:
    return Contribution(*row)


def insert_contribution(db: Database, contribution: Contribution) -> None:
    with write(db):
        db.execute(
            f"INSERT INTO contributions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                contribution.id,
                contribution.session_id,
                contribution.question_id,
                contribution.author,
                contribution.text,
                contribution.state,
                contribution.merged_into,
                contribution.revision,
                contribution.created_at,
                contribution.updated_at,
                contribution.device,
            ],
        )
        add_history(db, contribution)
        bump(db, contribution.session_id, contribution.updated_at)


def add_history(db: Database, contribution: Contribution) -> None:
    db.execute(
        "INSERT INTO contribution_history (contribution_id, revision, state, merged_into, "
        "saved_at) VALUES (?, ?, ?, ?, ?)",
        [
            contribution.id,
            contribution.revision,
            contribution.state,
            contribution.merged_into,
            contribution.updated_at,
        ],
    )


def get_contribution(db: Database, contribution_id: str) -> Contribution | None:
    row = db.execute(
        f"SELECT {_COLUMNS} FROM contributions WHERE id = ?", [contribution_id]
    ).fetchone()
    return _contribution(row) if row else None


def set_state(
    db: Database,
    session_id: str,
    contribution_id: str,
    state: str,
    merged_into: str | None = None,
    *,
    revision: int | None = None,
) -> Contribution | None:
    """Change the state of one of this session's contributions; a history row keeps the change.

    ``revision``: the revision the caller saw; when another window changed it since, nothing is
    written and the current contribution is returned (the caller shows that one)."""
    with write(db):
        current = get_contribution(db, contribution_id)
        if current is None or current.session_id != session_id:
            return None
        if revision is not None and current.revision != revision:
            return current
        if current.state == state and current.merged_into == merged_into:
            return current
        stamp = now_iso()
        db.execute(
            "UPDATE contributions SET state = ?, merged_into = ?, revision = revision + 1, "
            "updated_at = ? WHERE id = ?",
            [state, merged_into, stamp, contribution_id],
        )
        changed = get_contribution(db, contribution_id)
        assert changed is not None
        add_history(db, changed)
        bump(db, session_id, stamp)
    return changed


def list_contributions(
    db: Database, session_id: str, question_id: str | None = None
) -> list[Contribution]:
    """Oldest first; every state (the caller filters)."""
    if question_id is None:
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM contributions WHERE session_id = ? "
            "ORDER BY question_id, created_at, id",
            [session_id],
        )
    else:
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM contributions WHERE session_id = ? AND question_id = ? "
            "ORDER BY created_at, id",
            [session_id, question_id],
        )
    return [_contribution(r) for r in rows.fetchall()]


def history(db: Database, contribution_id: str) -> list[tuple[int, str, str | None, str]]:
    """(revision, state, merged_into, saved_at) of every change, oldest first."""
    rows = db.execute(
        "SELECT revision, state, merged_into, saved_at FROM contribution_history "
        "WHERE contribution_id = ? ORDER BY id",
        [contribution_id],
    )
    return [tuple(r) for r in rows.fetchall()]


def sent_since(db: Database, device: str, since: str) -> int:
    """How many contributions one device sent after ``since`` (for the rate limit)."""
    row = db.execute(
        "SELECT count(*) FROM contributions WHERE device = ? AND created_at > ?", [device, since]
    ).fetchone()
    return int(row[0])


def oldest_since(db: Database, device: str, since: str) -> str | None:
    row = db.execute(
        "SELECT min(created_at) FROM contributions WHERE device = ? AND created_at > ?",
        [device, since],
    ).fetchone()
    return row[0] if row else None


def count_for_question(db: Database, device: str, session_id: str, question_id: str) -> int:
    row = db.execute(
        "SELECT count(*) FROM contributions WHERE device = ? AND session_id = ? AND question_id = ?",
        [device, session_id, question_id],
    ).fetchone()
    return int(row[0])


# -- votes ----------------------------------------------------------------------------------------
def _vote(row: dict) -> Vote:
    options = tuple(VoteOption(o["key"], o["label"]) for o in json.loads(row["options"]))
    return Vote(
        id=row["id"],
        session_id=row["session_id"],
        question_id=row["question_id"],
        over=row["over"],
        options=options,
        budget=row["budget"],
        started_at=row["started_at"],
        closed_at=row["closed_at"],
    )


def insert_vote(db: Database, vote: Vote) -> None:
    """Start a vote; any open vote on the same question closes at the same moment."""
    with write(db):
        db.execute(
            "UPDATE votes SET closed_at = ?, updated_at = ? WHERE session_id = ? "
            "AND question_id = ? AND closed_at IS NULL",
            [vote.started_at, vote.started_at, vote.session_id, vote.question_id],
        )
        db.execute(
            "INSERT INTO votes (id, session_id, question_id, over, options, budget, started_at, "
            "closed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                vote.id,
                vote.session_id,
                vote.question_id,
                vote.over,
                options_json(vote.options),
                vote.budget,
                vote.started_at,
                vote.closed_at,
                vote.closed_at or vote.started_at,
            ],
        )
        bump(db, vote.session_id, vote.started_at)


def options_json(options: tuple[VoteOption, ...]) -> str:
    return json.dumps([{"key": o.key, "label": o.label} for o in options], ensure_ascii=False)


def close_vote(db: Database, session_id: str, vote_id: str) -> bool:
    stamp = now_iso()
    with write(db):
        cursor = db.execute(
            "UPDATE votes SET closed_at = ?, updated_at = ? WHERE id = ? AND session_id = ? "
            "AND closed_at IS NULL",
            [stamp, stamp, vote_id, session_id],
        )
        if cursor.rowcount:
            bump(db, session_id, stamp)
    return bool(cursor.rowcount)


def get_vote(db: Database, vote_id: str) -> Vote | None:
    rows = list(db.query("SELECT * FROM votes WHERE id = ?", [vote_id]))
    return _vote(rows[0]) if rows else None


def votes_for(db: Database, session_id: str, question_id: str | None = None) -> list[Vote]:
    """Oldest first."""
    if question_id is None:
        rows = db.query(
            "SELECT * FROM votes WHERE session_id = ? ORDER BY started_at, id", [session_id]
        )
    else:
        rows = db.query(
            "SELECT * FROM votes WHERE session_id = ? AND question_id = ? ORDER BY started_at, id",
            [session_id, question_id],
        )
    return [_vote(r) for r in rows]


def add_ballot(db: Database, vote: Vote, voter: str, dots: dict[str, int], stamp: str) -> None:
    with write(db):
        db.execute(
            "INSERT INTO vote_ballots (vote_id, voter, dots, cast_at) VALUES (?, ?, ?, ?)",
            [vote.id, voter, json.dumps(dots, sort_keys=True), stamp],
        )
        bump(db, vote.session_id, stamp)


def latest_ballots(db: Database, vote_id: str) -> dict[str, dict[str, int]]:
    """The newest ballot of every voter (by the time it was cast, so a ballot merged in from a
    bundle later does not beat a newer one here): voter -> {option key: dots}."""
    rows = db.execute(
        "SELECT voter, dots FROM vote_ballots b WHERE vote_id = ? AND id = "
        "(SELECT id FROM vote_ballots WHERE vote_id = b.vote_id AND voter = b.voter "
        "ORDER BY cast_at DESC, id DESC LIMIT 1)",
        [vote_id],
    )
    return {voter: json.loads(dots) for voter, dots in rows.fetchall()}


def ballots(db: Database, vote_id: str) -> list[tuple[str, str, str]]:
    """Every ballot ever cast: (voter, dots json, cast_at), oldest first."""
    rows = db.execute(
        "SELECT voter, dots, cast_at FROM vote_ballots WHERE vote_id = ? ORDER BY id", [vote_id]
    )
    return [tuple(r) for r in rows.fetchall()]
