"""The shape of a card. Phases, their order, questions and answer kinds are all data.

A question's ``kind`` decides which answers it takes; the answer keys it produces are listed by
:meth:`Card.answer_keys`, which the store, the UI and the exports all use.

These are plain frozen dataclasses, built from a card that was checked: the rules a card file
must keep are :mod:`grow_app.card.schema` (pydantic), used only when a file is checked, so a
command that uses a card it checked before never imports pydantic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple

from grow_app.keys import (  # noqa: F401 (importable from here)
    GRID_SEPARATOR,
    RECOMMENDATION_STATUSES,
    grid_key,
)

AnswerKind = Literal["text", "per_item", "per_dimension", "grid", "recommendations", "actions"]
ANSWER_KINDS: tuple[str, ...] = AnswerKind.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, kw_only=True)
class Member:
    """One member of a dimension, e.g. the function 'werven' or the level 'Onderwijsregio'."""

    key: str
    label: str
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class Dimension:
    """A named list, e.g. the five functions, the sectors or the scale levels."""

    label: str
    members: list[Member]

    def member(self, key: str) -> Member | None:
        return next((m for m in self.members if m.key == key), None)


@dataclass(frozen=True, kw_only=True)
class Item:
    """A verbatim sub-item of a question (or one recommendation)."""

    key: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Question:
    id: str
    text: str
    kind: AnswerKind = "text"
    items: list[Item] = field(default_factory=list)
    guidance: str = ""
    dimension: str | None = None
    rows: str | None = None
    columns: str | None = None
    supplement: bool = False
    """True for questions grow adds to the source card (e.g. the action list)."""


@dataclass(frozen=True, kw_only=True)
class Section:
    id: str
    title: str
    intro: str = ""
    questions: list[Question]


@dataclass(frozen=True, kw_only=True)
class Phase:
    """One step of the card (for GROW: Goal, Reality, Options, Way forward), in the card's order."""

    id: str
    title: str
    description: str = ""
    minutes: int | None = None
    sections: list[Section]

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions


@dataclass(frozen=True, kw_only=True)
class KeyMessage:
    """The session-level key message that opens the position paper."""

    label: str
    prompt: str = ""


@dataclass(frozen=True, kw_only=True)
class Card:
    id: str
    title: str
    subtitle: str = ""
    version: str
    language: str = "nl"
    intro: str = ""
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    key_message: KeyMessage | None = None
    phases: list[Phase]

    # -- navigation helpers used by services, UI and exports ---------------------------------
    def questions(self) -> Iterator[Question]:
        for phase in self.phases:
            yield from phase.questions()

    def locate(self) -> Iterator[tuple[Phase, Section, Question]]:
        for phase in self.phases:
            for section in phase.sections:
                for question in section.questions:
                    yield phase, section, question

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions() if q.id == question_id), None)

    def phase_of(self, question_id: str) -> Phase | None:
        return next((p for p, _s, q in self.locate() if q.id == question_id), None)

    def dimension(self, name: str | None) -> Dimension | None:
        return self.dimensions.get(name) if name else None

    def answer_keys(self, question: Question) -> list[str]:
        """The item keys a question's answers are stored under ('' for a single free text)."""
        if question.kind == "text":
            return [""]
        if question.kind in ("per_item", "recommendations"):
            return [item.key for item in question.items]
        if question.kind == "per_dimension":
            dim = self.dimension(question.dimension)
            return [m.key for m in dim.members] if dim else []
        if question.kind == "grid":
            rows, cols = self.dimension(question.rows), self.dimension(question.columns)
            if not rows or not cols:
                return []
            return [grid_key(r.key, c.key) for r in rows.members for c in cols.members]
        return []  # actions live in their own table


# -- to and from JSON (the card cache, ``grow cards show --json``) -------------------------------
# field -> how it holds other parts of the card, and their class
_PARTS: dict[type, dict[str, tuple[str, type]]] = {
    Card: {
        "dimensions": ("dict", Dimension),
        "key_message": ("one", KeyMessage),
        "phases": ("list", Phase),
    },
    Dimension: {"members": ("list", Member)},
    Question: {"items": ("list", Item)},
    Section: {"questions": ("list", Question)},
    Phase: {"sections": ("list", Section)},
}


def card_as_json(card: Card) -> dict[str, Any]:
    """Every field, as plain JSON values (the same as the checked file's data, defaults filled)."""
    return asdict(card)


def card_from_json(data: dict[str, Any]) -> Card:
    """The card that was checked and kept as ``data`` (by :func:`card_as_json` or the schema's
    dump), without checking it again. Data of another shape (a field it lacks, one it does not
    know) raises ``TypeError``; the caller then checks the file again."""
    return _build(Card, data)


def _build(cls: Any, data: dict[str, Any]) -> Any:
    values = dict(data)
    for name, (shape, part) in _PARTS.get(cls, {}).items():
        value = values.get(name)
        if value is None:
            continue
        if shape == "list":
            values[name] = [_build(part, v) for v in value]
        elif shape == "dict":
            values[name] = {k: _build(part, v) for k, v in value.items()}
        else:
            values[name] = _build(part, value)
    return cls(**values)


# -- problems across fields ---------------------------------------------------------------------
Loc = tuple[str | int, ...]


class ReferenceProblem(NamedTuple):
    """A problem across fields: where, what kind, the value, and where it was first used."""

    loc: Loc
    kind: str
    value: str
    first: Loc | None = None


def reference_problems(card: Card) -> list[ReferenceProblem]:
    """Cross-field problems, each with its path: duplicate ids and keys (with where the id was
    first used), unknown dimensions, and a second actions question (a session has one action
    list, so two would show the same actions twice)."""
    problems: list[ReferenceProblem] = []

    def once(seen: dict[str, Loc], key: str, loc: Loc) -> None:
        if key in seen:
            problems.append(ReferenceProblem(loc, "duplicate_id", key, seen[key]))
        else:
            seen[key] = loc

    for name, dim in card.dimensions.items():
        members: dict[str, Loc] = {}
        for m_index, member in enumerate(dim.members):
            once(members, member.key, ("dimensions", name, "members", m_index, "key"))
    phases: dict[str, Loc] = {}
    sections: dict[str, Loc] = {}
    questions: dict[str, Loc] = {}
    actions: Loc | None = None
    for p_index, phase in enumerate(card.phases):
        once(phases, phase.id, ("phases", p_index, "id"))
        for s_index, section in enumerate(phase.sections):
            once(sections, section.id, ("phases", p_index, "sections", s_index, "id"))
            for q_index, question in enumerate(section.questions):
                base = ("phases", p_index, "sections", s_index, "questions", q_index)
                once(questions, question.id, (*base, "id"))
                for name_field in ("dimension", "rows", "columns"):
                    name = getattr(question, name_field)
                    if name and name not in card.dimensions:
                        problems.append(
                            ReferenceProblem((*base, name_field), "unknown_dimension", name)
                        )
                if question.kind == "actions":
                    if actions is None:
                        actions = (*base, "kind")
                    else:
                        problems.append(
                            ReferenceProblem((*base, "kind"), "second_actions", "actions", actions)
                        )
                items: dict[str, Loc] = {}
                for i_index, item in enumerate(question.items):
                    once(items, item.key, (*base, "items", i_index, "key"))
    return problems
