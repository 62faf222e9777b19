"""Sessions with their progress, for ``grow session list`` and ``grow session show``.

Counted by SQLite (:mod:`grow_app.store.progress`) from the cards' summaries
(:mod:`grow_app.card.cache`), so a listing needs neither sqlite-utils nor the pydantic card
models, and ten thousand sessions cost a few statements instead of one full meeting each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from grow_app.store import progress as store

if TYPE_CHECKING:
    from grow_app.card.cache import CardIndex, CardSummary
    from grow_app.store.progress import Executes


class SessionOverview(NamedTuple):
    id: str
    partnership_id: str
    partnership_name: str
    card_id: str
    card_version: str
    date: str
    facilitator: str
    key_message: str
    created_at: str
    updated_at: str
    answered: int
    questions: int
    card_missing: bool
    """The session's card is not installed here: nothing can be counted."""


def progress_keys(card: CardSummary) -> store.ProgressKeys:
    """Where the answers of ``card`` count (see :meth:`Meeting.is_answered`)."""
    answers: list[tuple[str, str]] = []
    statuses: list[tuple[str, str]] = []
    actions = 0
    for question in card.questions:
        if question.kind == "actions":
            actions += 1
            continue
        answers.extend((question.id, key) for key in question.answer_keys)
        if question.kind == "recommendations":
            statuses.extend((question.id, key) for key in question.item_keys)
    return store.ProgressKeys(tuple(answers), tuple(statuses), actions, card.has_key_message)


def _overviews(
    db: Executes, index: CardIndex, rows: list[dict], *, partnership_id: str | None = None
) -> list[SessionOverview]:
    counted: dict[str, store.Counted] = {}
    keys: dict[str, store.ProgressKeys] = {}
    for card_id in sorted({row["card_id"] for row in rows}):
        card = index.cards.get(card_id)
        if card is None:
            continue
        keys[card_id] = progress_keys(card)
        only = [row["id"] for row in rows if row["card_id"] == card_id] if len(rows) == 1 else None
        counted.update(
            store.count_answered(
                db, card_id, keys[card_id], partnership_id=partnership_id, session_ids=only
            )
        )
    result = []
    for row in rows:
        card = index.cards.get(row["card_id"])
        found = counted.get(row["id"])
        answered = found.answered(keys[row["card_id"]]) if card and found else 0
        result.append(
            SessionOverview(
                id=row["id"],
                partnership_id=row["partnership_id"],
                partnership_name=row["partnership_name"],
                card_id=row["card_id"],
                card_version=row["card_version"],
                date=row["date"],
                facilitator=row["facilitator"],
                key_message=row["key_message"],
                created_at=row["created_at"],
                updated_at=row["updated_at"],
                answered=answered,
                questions=card.progress_total if card else 0,
                card_missing=card is None,
            )
        )
    return result


def session_overviews(
    db: Executes, index: CardIndex, partnership_id: str | None = None
) -> list[SessionOverview]:
    """Every session not in the trash (of one partnership), with its progress."""
    rows = store.session_rows(db, partnership_id=partnership_id)
    return _overviews(db, index, rows, partnership_id=partnership_id)


def session_overview(db: Executes, index: CardIndex, ref: str) -> SessionOverview | None:
    """The one visible session ``ref`` names (its id or a unique start of it), with its
    progress; None when there is no such single session (the careful lookup says why)."""
    row = store.session_by_ref(db, ref)
    return _overviews(db, index, [row])[0] if row else None


def participants(db: Executes, session_id: str) -> list[dict]:
    return store.participants(db, session_id)
