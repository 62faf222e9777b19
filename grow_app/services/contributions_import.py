"""Contributions and votes in the bundle merge (``grow import``), by the bundle's own rules:

- a contribution matches by UUID. Missing here: *new*. The same: *unchanged*. A newer revision
  of the same words (the facilitator took, parked, merged or hid it on the other laptop):
  *updated*, with a history row. Otherwise *conflict*: the local one is kept. Its words never
  change after sending, so the same UUID with other words is a conflict too;
- a vote matches by UUID; a vote closed there closes here; ballots are added when missing
  (a ballot is its voter, time and dots) and the newest ballot per voter counts;
- nothing gets a new timestamp, so importing the same bundle twice writes nothing.

Rows come in as plain dicts (``model_dump()`` of the bundle's models), so this module does not
depend on the bundle format's classes. Call inside the importer's one write transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from grow_app.card.models import Card
from grow_app.i18n import t
from grow_app.services.contributions import clean_contribution
from grow_app.services.joining import clean_name
from grow_app.store import contributions_bundle as store
from grow_app.store.joining import bump

if TYPE_CHECKING:
    from sqlite_utils import Database

_SAME = ("question_id", "author", "text", "state", "merged_into", "revision")


class Counts(Protocol):
    """What the merge reports to (``services.bundles.ImportReport`` fits)."""

    def count(self, outcome: str, key: str = "") -> None: ...


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1].rstrip()}…'"


def contribution_problems(
    card: Card, contributions: Iterable[dict], votes: Iterable[dict], name: str
) -> list[str]:
    """Problems that make a valid bundle's contributions unusable here: questions this card
    does not have, a merge into a contribution the bundle lacks, an id twice."""
    contributions, votes = list(contributions), list(votes)
    questions = {q.id for q in card.questions()}
    unknown = [row["question_id"] for row in [*contributions, *votes]]
    unknown = [q for q in dict.fromkeys(unknown) if q not in questions]
    if unknown:
        return [t("join.bundle_unknown_question", file=name, keys=", ".join(unknown[:5]))]
    ids = [row["id"] for row in contributions]
    vote_ids = [row["id"] for row in votes]
    twice = [i for i in dict.fromkeys(ids + vote_ids) if (ids + vote_ids).count(i) > 1]
    if twice:
        return [t("bundle.duplicates", file=name, keys=", ".join(twice[:5]))]
    known = set(ids)
    dangling = [row["id"] for row in contributions if row["merged_into"] not in (None, *known)]
    if dangling:
        return [t("join.bundle_merged_missing", file=name, keys=", ".join(dangling[:5]))]
    return []


def merge_contributions(
    db: Database,
    card: Card,
    session_id: str,
    contributions: list[dict],
    votes: list[dict],
    report: Counts,
) -> bool:
    """Merge a bundle's contributions and votes into ``session_id``; True if anything changed."""
    changed = _merge_rows(db, session_id, contributions, report)
    changed = _merge_votes(db, card, session_id, votes, report) or changed
    if changed:
        bump(db, session_id)  # open panels and participant pages show it
    return changed


def _merge_rows(db: Database, session_id: str, rows: list[dict], report: Counts) -> bool:
    local = store.contributions_by_id(db, [row["id"] for row in rows])
    changed = False
    for incoming in rows:
        row = dict(incoming)
        row["text"] = clean_contribution(row["text"])
        row["author"] = clean_name(row.get("author", ""))
        mine = local.get(row["id"])
        label = t("join.import_what_contribution", text=_short(row["text"]))
        if mine is None:
            store.put_contribution(db, session_id, row, new=True)
            report.count("new")
            changed = True
        elif mine["session_id"] != session_id:
            report.count("conflicts", label)  # never touch another session's
        elif all(mine[k] == row[k] for k in _SAME):
            report.count("unchanged")
        elif any(mine[k] != row[k] for k in ("question_id", "author", "text")):
            report.count("conflicts", label)
        elif (row["revision"], row["updated_at"]) > (mine["revision"], mine["updated_at"]):
            store.put_contribution(db, session_id, row, new=False)
            report.count("updated")
            changed = True
        else:
            report.count("conflicts", label)
    return changed


def _merge_votes(
    db: Database, card: Card, session_id: str, votes: list[dict], report: Counts
) -> bool:
    local = store.votes_by_id(db, [vote["id"] for vote in votes])
    changed = False
    for vote in votes:
        mine = local.get(vote["id"])
        question = card.question(vote["question_id"])
        label = t("join.import_what_vote", question=_short(question.text if question else ""))
        if mine is None:
            store.insert_vote(db, session_id, vote)
            for ballot in vote["ballots"]:
                store.insert_ballot(db, vote["id"], ballot)
            report.count("new")
            changed = True
            continue
        same_vote = (mine["question_id"], mine["over"], mine["budget"], mine["options"]) == (
            vote["question_id"],
            vote["over"],
            vote["budget"],
            vote["options"],
        )
        if mine["session_id"] != session_id or not same_vote:
            report.count("conflicts", label)
            continue
        touched = False
        if vote["closed_at"] and not mine["closed_at"]:
            store.close_vote_at(db, vote["id"], vote["closed_at"], vote["updated_at"])
            touched = True
        here = store.ballot_keys(db, vote["id"])
        for ballot in vote["ballots"]:
            if store.ballot_key(ballot) not in here:
                store.insert_ballot(db, vote["id"], ballot)
                here.add(store.ballot_key(ballot))
                touched = True
        report.count("updated" if touched else "unchanged")
        changed = changed or touched
    return changed
