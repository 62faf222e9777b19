"""Comparing partnerships on one card: which sessions, and their answers one question at a time.

Used by the compare screen and the Word / CSV comparisons. Each function runs a few small
queries (see :mod:`grow_app.store.compare`), so it stays quick with a thousand partnerships.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from grow_app.card.models import Card, Question, grid_key
from grow_app.errors import GrowError
from grow_app.i18n import t, t_in
from grow_app.store import compare as store

if TYPE_CHECKING:
    from sqlite_utils import Database

KEY_MESSAGE_ROW = "kernboodschap"  # the question id of the key message's rows in the CSV


@dataclass(frozen=True)
class ComparedSession:
    session_id: str
    partnership_id: str
    name: str
    region: str
    sectors: tuple[str, ...]
    date: str
    key_message: str = ""

    @classmethod
    def from_row(cls, row: dict) -> ComparedSession:
        return cls(
            session_id=row["session_id"],
            partnership_id=row["partnership_id"],
            name=row["name"],
            region=row["region"],
            sectors=tuple(json.loads(row["sectors"] or "[]")),
            date=row["date"],
            key_message=row.get("key_message") or "",
        )


@dataclass(frozen=True)
class Filters:
    region: str | None = None
    sector: str | None = None
    search: str | None = None
    names: tuple[str, ...] = ()


def select_sessions(
    db: Database, card: Card, filters: Filters | None = None
) -> list[ComparedSession]:
    """Each matching partnership's latest session on ``card``, sorted by partnership name."""
    f = filters or Filters()
    rows = store.latest_sessions(
        db,
        card.id,
        region=f.region or None,
        sector=f.sector or None,
        search=(f.search or "").strip() or None,
        names=list(f.names) or None,
    )
    return [ComparedSession.from_row(r) for r in rows]


def check_filters(db: Database, card: Card, filters: Filters) -> Filters:
    """The filters of ``grow compare`` checked against the database, with one Dutch line for a
    region, sector or partnership that is not there (and the ones that are, or near names).

    Returns the filters with the sector as its key ("(v)so" -> "vso")."""
    from grow_app.services.partnerships import list_partnerships, normalise_sector
    from grow_app.text import suggest

    sector = normalise_sector(filters.sector) if filters.sector else None
    if filters.region:
        known = store.regions(db)
        if filters.region.strip().casefold() not in {r.casefold() for r in known}:
            raise GrowError(
                t(
                    "compare.unknown_region",
                    region=filters.region,
                    regions=", ".join(known) or t("compare.no_regions"),
                )
            )
    names = list(filters.names)
    if names:
        with_session = {r["name"].casefold(): r["name"] for r in store.latest_sessions(db, card.id)}
        everyone = [p.name for p in list_partnerships(db)]
        for index, name in enumerate(names):
            found = with_session.get(name.strip().casefold())
            if found:
                names[index] = found  # the name as stored, whatever its capitals
                continue
            if name.strip().casefold() in {n.casefold() for n in everyone}:
                raise GrowError(t("compare.no_session_on_card", name=name, card=card.id))
            message = t("compare.unknown_name", name=name)
            near = suggest(name, everyone)
            if near:
                message += " " + t("compare.did_you_mean", names=", ".join(near))
            raise GrowError(message)
    region = filters.region.strip() if filters.region else None
    return Filters(region, sector, filters.search, tuple(names))


def sessions_over_time(db: Database, card: Card, partnership_id: str) -> list[ComparedSession]:
    return [
        ComparedSession.from_row(r) for r in store.partnership_sessions(db, card.id, partnership_id)
    ]


def filter_choices(db: Database) -> tuple[list[str], list[str]]:
    """The onderwijsregio's and sectors that occur, for the filters."""
    return store.regions(db), store.sectors(db)


def _ids(sessions: list[ComparedSession]) -> list[str]:
    return [s.session_id for s in sessions]


def item_labels(card: Card, question: Question) -> list[tuple[str, str]]:
    """(item key, label) for each answer of a question; ('', '') for a single free text."""
    if question.kind in ("per_item", "recommendations"):
        return [(item.key, item.text) for item in question.items]
    if question.kind == "per_dimension":
        dim = card.dimension(question.dimension)
        return [(m.key, m.label) for m in dim.members] if dim else []
    if question.kind == "grid":
        rows, cols = card.dimension(question.rows), card.dimension(question.columns)
        if not rows or not cols:
            return []
        return [
            (grid_key(r.key, c.key), f"{r.label} — {c.label}")
            for r in rows.members
            for c in cols.members
        ]
    if question.kind == "actions":
        return [("", "")]
    return [("", "")]


def question_answers(
    db: Database, sessions: list[ComparedSession], question: Question, lang: str | None = None
) -> dict[str, dict[str, str]]:
    """session id -> item key -> text for one question (actions as one text per session, by
    their deadline, each date with the year it means, in ``lang``: None for the interface's)."""
    if question.kind == "actions":
        from grow_app.services.when import parse_when, sorted_by_when

        actions = store.question_actions(db, _ids(sessions))
        dates = {s.session_id: s.date for s in sessions}

        def line(action: dict, date: str) -> str:
            when = parse_when(action["wanneer"], date).with_year(lang)
            fields = {k: action[k] for k in ("wat", "wie")}
            status = t_in(lang, f"action.{action['status']}") if action["status"] else ""
            return t_in(lang, "compare.doc_actions", wanneer=when, status=status, **fields)

        return {
            sid: {
                "": "\n".join(
                    line(a, dates.get(sid, ""))
                    for a in sorted_by_when(rows, lambda a: a["wanneer"], dates.get(sid))
                )
            }
            for sid, rows in actions.items()
        }
    return store.question_answers(db, _ids(sessions), question.id)


def question_statuses(
    db: Database, sessions: list[ComparedSession], question: Question
) -> dict[str, dict[str, str]]:
    return store.question_statuses(db, _ids(sessions), question.id)


@dataclass(frozen=True)
class QuestionView:
    """Everything the comparison shows for one question: per session, per item."""

    labels: list[tuple[str, str]]
    answers: dict[str, dict[str, str]]
    statuses: dict[str, dict[str, str]]


def question_view(
    db: Database,
    card: Card,
    sessions: list[ComparedSession],
    question: Question,
    lang: str | None = None,
) -> QuestionView:
    """The labels, answers and (for recommendations) statuses of one question, as the compare
    screen, the Word comparison and the CSV all show them (dates in ``lang``, see
    :func:`question_answers`)."""
    statuses = (
        question_statuses(db, sessions, question) if question.kind == "recommendations" else {}
    )
    return QuestionView(
        item_labels(card, question), question_answers(db, sessions, question, lang), statuses
    )


CHUNK = 500
"""Sessions per query when a whole comparison is written: memory stays the same from a
region's twenty partnerships to the country's ten thousand."""


def in_chunks(
    sessions: list[ComparedSession], size: int = CHUNK
) -> Iterator[list[ComparedSession]]:
    for start in range(0, len(sessions), size):
        yield sessions[start : start + size]


def question_views(
    db: Database,
    card: Card,
    sessions: list[ComparedSession],
    question: Question,
    lang: str | None = None,
) -> Iterator[tuple[list[ComparedSession], QuestionView]]:
    """:func:`question_view` for ``sessions`` a chunk at a time, in their order."""
    for chunk in in_chunks(sessions):
        yield chunk, question_view(db, card, chunk, question, lang)


def recommendation_questions(card: Card) -> list[Question]:
    return [q for q in card.questions() if q.kind == "recommendations"]


def grid_questions(card: Card) -> list[Question]:
    return [q for q in card.questions() if q.kind == "grid"]


def overview(
    db: Database, card: Card, sessions: list[ComparedSession]
) -> dict[str, list[tuple[int, int]]]:
    """session id -> per phase (answered questions, questions), counted in SQL."""
    answered = store.answered_questions(db, _ids(sessions))
    phases = [[q.id for q in phase.questions()] for phase in card.phases]
    return {
        s.session_id: [
            (sum(1 for q in ids if (s.session_id, q) in answered), len(ids)) for ids in phases
        ]
        for s in sessions
    }


@dataclass(frozen=True)
class Heatmap:
    question: Question
    rows: list[tuple[str, str]]  # (key, label) of the row dimension
    columns: list[tuple[str, str]]
    counts: dict[str, int]  # grid key -> number of partnerships with an activity there

    def count(self, row: str, column: str) -> int:
        return self.counts.get(grid_key(row, column), 0)


def heatmap(
    db: Database, card: Card, sessions: list[ComparedSession], question: Question
) -> Heatmap:
    rows = card.dimension(question.rows)
    cols = card.dimension(question.columns)
    return Heatmap(
        question,
        [(m.key, m.label) for m in rows.members] if rows else [],
        [(m.key, m.label) for m in cols.members] if cols else [],
        store.item_counts(db, _ids(sessions), question.id),
    )


def cell_activities(
    db: Database, sessions: list[ComparedSession], question: Question, row: str, column: str
) -> list[tuple[ComparedSession, str]]:
    """The partnerships naming an activity in one grid cell, with what they wrote."""
    texts = store.item_answers(db, _ids(sessions), question.id, grid_key(row, column))
    return [(s, texts[s.session_id]) for s in sessions if s.session_id in texts]


@dataclass(frozen=True)
class Comparison:
    """A comparison as its writers (Word, CSV) see it: the card, each partnership's latest
    session as plain values, and their answers as plain views, a question and a few hundred
    partnerships at a time, read as the writer asks for them. (All answers of ten thousand
    partnerships at once would not fit in memory: the writers stream, issue 15.) The writers
    never hold the database: only this object reads it, through the functions above."""

    card: Card
    sessions: list[ComparedSession]
    selection: str = ""
    """What was chosen (a region, a sector, names), for the title page; "" for everything."""
    _db: Database | None = field(default=None, repr=False, compare=False)

    @property
    def db(self) -> Database:
        if self._db is None:
            raise ValueError("a comparison without a database reads nothing")
        return self._db

    def chunks(self) -> Iterator[list[ComparedSession]]:
        return in_chunks(self.sessions)

    def views(
        self, question: Question, lang: str | None = None
    ) -> Iterator[tuple[list[ComparedSession], QuestionView]]:
        """:func:`question_view` a chunk of sessions at a time, in their order (dates in
        ``lang``: the Word comparison's is its card's)."""
        return question_views(self.db, self.card, self.sessions, question, lang)

    def statuses(self, sessions: list[ComparedSession], question: Question) -> dict:
        """session id -> item key -> status, for a chunk of sessions."""
        return question_statuses(self.db, sessions, question)

    def heatmap(self, question: Question) -> Heatmap:
        return heatmap(self.db, self.card, self.sessions, question)


def comparison(
    db: Database, card: Card, sessions: list[ComparedSession], *, selection: str = ""
) -> Comparison:
    """What the Word and CSV comparisons render, for ``sessions`` (:func:`select_sessions`)."""
    return Comparison(card, sessions, selection, db)
