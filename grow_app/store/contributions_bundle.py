"""SQL for contributions and votes in bundles: read one session's (export) and write merged rows
(import). The merge rules live in :mod:`grow_app.services.contributions_import`; these run
inside the importer's one transaction and never give anything a new timestamp."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from grow_app.join_records import Contribution
from grow_app.store.contributions import add_history

if TYPE_CHECKING:
    from sqlite_utils import Database


def bundle_part(db: Database, session_id: str) -> dict[str, list[dict]]:
    """The session's contributions and votes in the shape of the bundle (no device, no code)."""
    contributions = [
        dict(r)
        for r in db.query(
            "SELECT id, question_id, author, text, state, merged_into, revision, created_at, "
            "updated_at FROM contributions WHERE session_id = ? ORDER BY created_at, id",
            [session_id],
        )
    ]
    votes = []
    for row in db.query(
        "SELECT id, question_id, over, options, budget, started_at, closed_at, updated_at "
        "FROM votes WHERE session_id = ? ORDER BY started_at, id",
        [session_id],
    ):
        vote = dict(row)
        vote["options"] = json.loads(vote["options"])
        vote["ballots"] = [
            {"voter": voter, "dots": json.loads(dots), "cast_at": cast_at}
            for voter, dots, cast_at in db.execute(
                "SELECT voter, dots, cast_at FROM vote_ballots WHERE vote_id = ? ORDER BY id",
                [vote["id"]],
            ).fetchall()
        ]
        votes.append(vote)
    return {"contributions": contributions, "votes": votes}


def contributions_by_id(db: Database, ids: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in db.query(f"SELECT * FROM contributions WHERE id IN ({marks})", chunk):
            found[row["id"]] = dict(row)
    return found


def put_contribution(db: Database, session_id: str, row: dict, *, new: bool) -> None:
    """Insert (``new``) or overwrite a contribution with the bundle's values, and keep the
    state it arrives in as a history row."""
    values = [
        row["question_id"],
        row["author"],
        row["text"],
        row["state"],
        row["merged_into"],
        row["revision"],
        row["created_at"],
        row["updated_at"],
    ]
    if new:
        db.execute(
            "INSERT INTO contributions (question_id, author, text, state, merged_into, revision, "
            "created_at, updated_at, id, session_id, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
            [*values, row["id"], session_id],
        )
    else:
        db.execute(
            "UPDATE contributions SET question_id = ?, author = ?, text = ?, state = ?, "
            "merged_into = ?, revision = ?, created_at = ?, updated_at = ? WHERE id = ?",
            [*values, row["id"]],
        )
    add_history(
        db,
        Contribution(
            id=row["id"],
            session_id=session_id,
            question_id=row["question_id"],
            author=row["author"],
            text=row["text"],
            state=row["state"],
            merged_into=row["merged_into"],
            revision=row["revision"],
            updated_at=row["updated_at"],
        ),
    )


def votes_by_id(db: Database, ids: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for vote_id in ids:
        for row in db.query("SELECT * FROM votes WHERE id = ?", [vote_id]):
            found[vote_id] = dict(row) | {"options": json.loads(row["options"])}
    return found


def insert_vote(db: Database, session_id: str, vote: dict) -> None:
    db.execute(
        "INSERT INTO votes (id, session_id, question_id, over, options, budget, started_at, "
        "closed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            vote["id"],
            session_id,
            vote["question_id"],
            vote["over"],
            json.dumps(vote["options"], ensure_ascii=False),
            vote["budget"],
            vote["started_at"],
            vote["closed_at"],
            vote["updated_at"],
        ],
    )


def close_vote_at(db: Database, vote_id: str, closed_at: str, updated_at: str) -> None:
    db.execute(
        "UPDATE votes SET closed_at = ?, updated_at = ? WHERE id = ?",
        [closed_at, updated_at, vote_id],
    )


def ballot_keys(db: Database, vote_id: str) -> set[tuple[str, str, str]]:
    """(voter, cast_at, dots as sorted JSON) of every ballot already here."""
    rows = db.execute(
        "SELECT voter, cast_at, dots FROM vote_ballots WHERE vote_id = ?", [vote_id]
    ).fetchall()
    return {(voter, cast_at, _canonical(dots)) for voter, cast_at, dots in rows}


def _canonical(dots: str | dict) -> str:
    value = json.loads(dots) if isinstance(dots, str) else dots
    return json.dumps(value, sort_keys=True)


def insert_ballot(db: Database, vote_id: str, ballot: dict) -> None:
    db.execute(
        "INSERT INTO vote_ballots (vote_id, voter, dots, cast_at) VALUES (?, ?, ?, ?)",
        [vote_id, ballot["voter"], _canonical(ballot["dots"]), ballot["cast_at"]],
    )


def ballot_key(ballot: dict) -> tuple[str, str, str]:
    return (ballot["voter"], ballot["cast_at"], _canonical(ballot["dots"]))
