"""What a participant sees: the session's current question, their own contributions, what
others sent (once the facilitator shows it), the vote, and the answer as it is being typed.

Nothing here reaches another session: every read is keyed by the join code's own session.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from grow_app.card.models import Card, Question, grid_key
from grow_app.i18n import t
from grow_app.join_records import Device, JoinCode, ParticipantView
from grow_app.services import joining, voting
from grow_app.store import contributions as store
from grow_app.store import joining as join_store
from grow_app.store.sessions import get_session

if TYPE_CHECKING:
    from sqlite_utils import Database


def answer_labels(card: Card, question: Question) -> dict[str, str]:
    """The label of every answer key of a question ('' for a single free text)."""
    if question.kind in ("per_item", "recommendations"):
        return {i.key: i.text for i in question.items}
    if question.kind == "per_dimension":
        dimension = card.dimension(question.dimension)
        return {m.key: m.label for m in dimension.members} if dimension else {}
    if question.kind == "grid":
        rows, columns = card.dimension(question.rows), card.dimension(question.columns)
        if rows and columns:
            return {
                grid_key(r.key, c.key): f"{r.label} · {c.label}"
                for r in rows.members
                for c in columns.members
            }
        return {}
    return {"": ""} if question.kind == "text" else {}


def date_words(iso_date: str) -> str:
    """'2026-03-14' -> '14 maart 2026' in the interface language (as it is if not a date)."""
    try:
        day = dt.date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{day.day} {t(f'export.doc.month_{day.month}')} {day.year}"


def version(db: Database, card: Card, session_id: str) -> str:
    """Changes whenever a participant's page may show something new: a contribution, a vote,
    a move of the facilitator, or a change in the current question's answer. Three small reads."""
    question_id = joining.current_question(db, card, session_id)
    answers = join_store.answers_of(db, session_id, question_id)
    latest = max((stamp for _key, _text, stamp in answers), default="")
    return f"{join_store.change_mark(db, session_id)}.{question_id}.{latest}"


def view(db: Database, card: Card, join: JoinCode, device: Device | None) -> ParticipantView:
    session_id = join.session_id
    stamp = version(db, card, session_id)
    question_id = joining.current_question(db, card, session_id)
    question = card.question(question_id)
    assert question is not None  # current_question only returns the card's own questions
    phase = card.phase_of(question_id)
    session = get_session(db, session_id)
    heading = ""
    if session is not None:
        heading = t(
            "join.heading", partnership=session.partnership_name, date=date_words(session.date)
        )
    round = join_store.get_round(db, session_id, question_id)
    every = store.list_contributions(db, session_id, question_id)
    device_id = device.id if device else None
    mine = tuple(c for c in every if device_id and c.device == device_id)
    theirs = [c for c in every if c.device != device_id or not device_id]
    others = () if round.hidden_until_reveal else tuple(c for c in theirs if c.visible)
    waiting = sum(1 for c in theirs if c.visible) if round.hidden_until_reveal else 0
    vote = voting.open_vote(db, session_id, question_id)
    dots = voting.my_dots(db, vote, device) if vote and device else {}
    closed = [v for v in voting.votes_for(db, session_id, question_id) if not v.open]
    result = voting.result(db, closed[-1]) if closed and vote is None else None
    labels = answer_labels(card, question)
    typed = {key: text for key, text, _stamp in join_store.answers_of(db, session_id, question_id)}
    answers = tuple(
        (label, typed[key].strip()) for key, label in labels.items() if typed.get(key, "").strip()
    )
    return ParticipantView(
        heading=heading,
        question_id=question_id,
        question_text=question.text,
        phase_title=phase.title if phase else "",
        items=tuple(i.text for i in question.items),
        round=round,
        mine=mine,
        others=others,
        waiting=waiting,
        vote=vote,
        my_dots=dots,
        result=result,
        answers=answers,
        version=stamp,
    )
