"""Dot votes: the facilitator starts one over a question's contributions or its items, every
participant spreads a budget of dots, and the results show as bars.

A person is a device (there are no accounts). Changing one's dots adds a new ballot; the newest
ballot of each device counts, and every ballot stays in the file.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING

from grow_app.card.models import Card, Question, grid_key
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.join_records import (
    HIDDEN,
    MERGED,
    OVER_CONTRIBUTIONS,
    OVER_ITEMS,
    Device,
    Vote,
    VoteOption,
    VoteResult,
)
from grow_app.store import contributions as store
from grow_app.store.clock import now_iso

if TYPE_CHECKING:
    from sqlite_utils import Database

DEFAULT_BUDGET = 3
MAX_BUDGET = 20
MAX_OPTIONS = 60


class VoteRefused(GrowError):
    """A ballot that does not fit the vote (too many dots, a closed vote): nothing stored."""


def item_options(card: Card, question: Question) -> tuple[VoteOption, ...]:
    """What a question lets people vote over: its items (options, recommendations), the
    members of its dimension, or the cells of its grid."""
    if question.kind in ("per_item", "recommendations"):
        return tuple(VoteOption(i.key, i.text) for i in question.items)
    if question.kind == "per_dimension":
        dimension = card.dimension(question.dimension)
        return tuple(VoteOption(m.key, m.label) for m in dimension.members) if dimension else ()
    if question.kind == "grid":
        rows, columns = card.dimension(question.rows), card.dimension(question.columns)
        if rows and columns:
            return tuple(
                VoteOption(grid_key(r.key, c.key), f"{r.label} · {c.label}")
                for r in rows.members
                for c in columns.members
            )
    return ()


def start_vote(
    db: Database,
    card: Card,
    session_id: str,
    question_id: str,
    over: str = OVER_CONTRIBUTIONS,
    budget: int = DEFAULT_BUDGET,
) -> Vote:
    """Start a dot vote on a question (an open vote on it closes). Over contributions: the ones
    listed now (not hidden, not merged into another)."""
    question = card.question(question_id)
    if question is None:
        raise GrowError(t("join.question_unknown"))
    if not 1 <= int(budget) <= MAX_BUDGET:
        raise GrowError(t("join.vote_budget", limit=MAX_BUDGET))
    if over == OVER_ITEMS:
        options = item_options(card, question)
        if not options:
            raise GrowError(t("join.vote_no_items"))
    elif over == OVER_CONTRIBUTIONS:
        listed = [
            c
            for c in store.list_contributions(db, session_id, question_id)
            if c.state not in (HIDDEN, MERGED)
        ]
        if len(listed) < 2:
            raise GrowError(t("join.vote_too_few"))
        options = tuple(VoteOption(c.id, c.text) for c in listed)
    else:
        raise GrowError(f"over '{over}'?")
    vote = Vote(
        id=str(uuid.uuid4()),
        session_id=session_id,
        question_id=question_id,
        over=over,
        options=options[:MAX_OPTIONS],
        budget=int(budget),
        started_at=now_iso(),
    )
    store.insert_vote(db, vote)
    return vote


def close_vote(db: Database, session_id: str, vote_id: str) -> bool:
    return store.close_vote(db, session_id, vote_id)


def votes_for(db: Database, session_id: str, question_id: str | None = None) -> list[Vote]:
    return store.votes_for(db, session_id, question_id)


def open_vote(db: Database, session_id: str, question_id: str) -> Vote | None:
    return next((v for v in reversed(votes_for(db, session_id, question_id)) if v.open), None)


def cast(
    db: Database, session_id: str, vote_id: str, device: Device, dots: Mapping[str, object]
) -> None:
    """Store a device's ballot: whole dots on the vote's options, at most the budget in all."""
    vote = store.get_vote(db, vote_id)
    if vote is None or vote.session_id != session_id or not vote.open:
        raise VoteRefused(t("join.vote_closed"))
    keys = {o.key for o in vote.options}
    ballot: dict[str, int] = {}
    for key, value in dots.items():
        if key not in keys:
            raise VoteRefused(t("join.vote_closed"))
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise VoteRefused(t("join.vote_whole_dots"))
        if value:
            ballot[key] = value
    spent = sum(ballot.values())
    if spent > vote.budget:
        raise VoteRefused(t("join.vote_over_budget", spent=spent, budget=vote.budget))
    if spent == 0:
        raise VoteRefused(t("join.vote_nothing"))
    store.add_ballot(db, vote, device.id, ballot, now_iso())


def my_dots(db: Database, vote: Vote, device: Device) -> dict[str, int]:
    return store.latest_ballots(db, vote.id).get(device.id, {})


def result(db: Database, vote: Vote) -> VoteResult:
    """Dots per option (most first, ties in the vote's order) and the number of voters."""
    latest = store.latest_ballots(db, vote.id)
    totals = dict.fromkeys((o.key for o in vote.options), 0)
    for ballot in latest.values():
        for key, dots in ballot.items():
            if key in totals:
                totals[key] += int(dots)
    order = {o.key: index for index, o in enumerate(vote.options)}
    ranked = sorted(vote.options, key=lambda o: (-totals[o.key], order[o.key]))
    return VoteResult(vote, tuple((o, totals[o.key]) for o in ranked), len(latest))


def latest_result(db: Database, session_id: str, question_id: str) -> VoteResult | None:
    """The open vote on the question, else its last closed one (None if there was none)."""
    votes = votes_for(db, session_id, question_id)
    if not votes:
        return None
    current = next((v for v in reversed(votes) if v.open), votes[-1])
    return result(db, current)
