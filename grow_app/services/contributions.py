"""Participants' contributions: sending them (with limits), and what the facilitator does with
them (take into the answer, park, merge, hide, show again), each kept in the history.

Limits, so one device cannot flood the projector: a contribution is at most ``MAX_TEXT``
characters; a device sends at most ``RATE_MAX`` in ``RATE_SECONDS`` and at most
``PER_QUESTION_MAX`` to one question. A refused contribution stores nothing and says why in
one Dutch line.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from grow_app.card.models import Card
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.join_records import (
    HIDDEN,
    MERGED,
    PARKED,
    SHOWN,
    TAKEN,
    Contribution,
    ContributionsSnapshot,
    Device,
    JoinCode,
    PanelState,
    QuestionContributions,
)
from grow_app.services import voting
from grow_app.store import contributions as store
from grow_app.store import joining as join_store
from grow_app.store.clock import now_iso
from grow_app.text import clean_text

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_TEXT = 500
RATE_SECONDS = 60
RATE_MAX = 8
PER_QUESTION_MAX = 30


class ContributionRefused(GrowError):
    """Too long, empty, too many: nothing was stored."""


def clean_contribution(text: str) -> str:
    """Cleaned like every typed text; blank lines at the ends and trailing spaces dropped."""
    lines = [line.rstrip() for line in clean_text(text or "").split("\n")]
    return "\n".join(lines).strip()


def send(
    db: Database,
    card: Card,
    join: JoinCode,
    device: Device,
    question_id: str,
    text: str,
    *,
    now: str | None = None,
) -> Contribution:
    """Store a participant's contribution to ``question_id`` (the question they saw, even if the
    facilitator has moved on since: it never lands in another question)."""
    if card.question(question_id) is None:
        raise ContributionRefused(t("join.question_unknown"))
    text = clean_contribution(text)
    if not text:
        raise ContributionRefused(t("join.text_empty"))
    if len(text) > MAX_TEXT:
        raise ContributionRefused(t("join.text_too_long", limit=MAX_TEXT, length=len(text)))
    stamp = now or now_iso()
    since = (dt.datetime.fromisoformat(stamp) - dt.timedelta(seconds=RATE_SECONDS)).isoformat(
        timespec="microseconds"
    )
    if store.sent_since(db, device.id, since) >= RATE_MAX:
        oldest = store.oldest_since(db, device.id, since) or stamp
        wait = (
            RATE_SECONDS
            - (dt.datetime.fromisoformat(stamp) - dt.datetime.fromisoformat(oldest)).total_seconds()
        )
        raise ContributionRefused(t("join.too_fast", seconds=max(1, round(wait))))
    if store.count_for_question(db, device.id, join.session_id, question_id) >= PER_QUESTION_MAX:
        raise ContributionRefused(t("join.too_many", limit=PER_QUESTION_MAX))
    contribution = Contribution(
        id=str(uuid.uuid4()),
        session_id=join.session_id,
        question_id=question_id,
        author=device.name,
        text=text,
        state=SHOWN,
        created_at=stamp,
        updated_at=stamp,
        device=device.id,
    )
    store.insert_contribution(db, contribution)
    return contribution


# -- the facilitator's moves ------------------------------------------------------------------------
def _change(
    db: Database,
    session_id: str,
    contribution_id: str,
    state: str,
    merged_into: str | None = None,
    revision: int | None = None,
) -> Contribution:
    changed = store.set_state(
        db, session_id, contribution_id, state, merged_into, revision=revision
    )
    if changed is None:
        raise GrowError(t("join.contribution_gone"))
    return changed


def take(
    db: Database, session_id: str, contribution_id: str, revision: int | None = None
) -> Contribution:
    """Mark as taken into the answer (the session screen puts the text in the editor)."""
    return _change(db, session_id, contribution_id, TAKEN, revision=revision)


def park(
    db: Database, session_id: str, contribution_id: str, revision: int | None = None
) -> Contribution:
    """Mark as put on the parking lot (the session screen adds the parking-lot item)."""
    return _change(db, session_id, contribution_id, PARKED, revision=revision)


def hide(
    db: Database, session_id: str, contribution_id: str, revision: int | None = None
) -> Contribution:
    """Hide from the projector and the participants' pages; the row and its history stay."""
    return _change(db, session_id, contribution_id, HIDDEN, revision=revision)


def show(
    db: Database, session_id: str, contribution_id: str, revision: int | None = None
) -> Contribution:
    """Undo hide, park, take or merge: listed again as it came in."""
    return _change(db, session_id, contribution_id, SHOWN, revision=revision)


def merge(db: Database, session_id: str, source_id: str, target_id: str) -> Contribution:
    """Fold ``source`` into ``target`` (same question): the source is listed no more, the
    target counts it; what was merged into the source moves along to the target."""
    from grow_app.store.connection import write

    with write(db):
        source = store.get_contribution(db, source_id)
        target = store.get_contribution(db, target_id)
        if (
            source is None
            or target is None
            or source.session_id != session_id
            or target.session_id != session_id
        ):
            raise GrowError(t("join.contribution_gone"))
        while target.state == MERGED and target.merged_into:  # merge into the group's head
            head = store.get_contribution(db, target.merged_into)
            if head is None:
                break
            target = head
        if target.id == source.id or target.question_id != source.question_id:
            raise GrowError(t("join.merge_same"))
        for child in store.list_contributions(db, session_id, source.question_id):
            if child.state == MERGED and child.merged_into == source.id:
                store.set_state(db, session_id, child.id, MERGED, target.id)
        return _change(db, session_id, source.id, MERGED, target.id)


# -- reads ----------------------------------------------------------------------------------------
def panel_state(db: Database, session_id: str, question_id: str) -> PanelState:
    """Everything the facilitator's contributions panel shows for one question."""
    mark = join_store.change_mark(db, session_id)
    return PanelState(
        session_id=session_id,
        question_id=question_id,
        round=join_store.get_round(db, session_id, question_id),
        contributions=tuple(store.list_contributions(db, session_id, question_id)),
        vote=voting.latest_result(db, session_id, question_id),
        mark=mark,
    )


def history(db: Database, contribution_id: str) -> list[tuple[int, str, str | None, str]]:
    """Every state the contribution has been in: (revision, state, merged into, when)."""
    return store.history(db, contribution_id)


def paper_snapshot(db: Database, card: Card, session_id: str) -> ContributionsSnapshot:
    """The appendix "Inbreng van deelnemers": per question (card order) the contributions that
    were not hidden (merged ones counted with the one they were merged into) and the votes."""
    every = store.list_contributions(db, session_id)
    questions = []
    for question in card.questions():
        own = [c for c in every if c.question_id == question.id]
        listed = tuple(c for c in own if c.state not in (HIDDEN, MERGED))
        merged: dict[str, int] = {}
        for c in own:
            if c.state == MERGED and c.merged_into:
                merged[c.merged_into] = merged.get(c.merged_into, 0) + 1
        votes = tuple(voting.result(db, v) for v in voting.votes_for(db, session_id, question.id))
        votes = tuple(v for v in votes if v.voters)
        if listed or votes:
            questions.append(
                QuestionContributions(question.id, question.text, listed, merged, votes)
            )
    return ContributionsSnapshot(tuple(questions))
