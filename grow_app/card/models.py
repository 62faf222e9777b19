"""The shape of a card. Phases, their order, questions and answer kinds are all data.

A question's ``kind`` decides which answers it takes; the answer keys it produces are listed by
:meth:`Question.answer_keys`, which the store, the UI and the exports all use.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from grow_app.records import (  # noqa: F401 (importable from here)
    GRID_SEPARATOR,
    RECOMMENDATION_STATUSES,
    grid_key,
)

AnswerKind = Literal["text", "per_item", "per_dimension", "grid", "recommendations", "actions"]
ANSWER_KINDS: tuple[str, ...] = AnswerKind.__args__  # type: ignore[attr-defined]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]


class _Strict(BaseModel):
    # defer_build: the validators are built when a card is first checked, not on import (a
    # card from the cache, grow_app.card.cache, is never checked again).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Member(_Strict):
    """One member of a dimension, e.g. the function 'werven' or the level 'Onderwijsregio'."""

    key: Slug
    label: Text
    description: str = ""


class Dimension(_Strict):
    """A named list, e.g. the five functions, the sectors or the scale levels."""

    label: Text
    members: Annotated[list[Member], Field(min_length=1)]

    def member(self, key: str) -> Member | None:
        return next((m for m in self.members if m.key == key), None)


class Item(_Strict):
    """A verbatim sub-item of a question (or one recommendation)."""

    key: Slug
    text: Text


class Question(_Strict):
    id: Slug
    text: Text
    kind: AnswerKind = "text"
    items: list[Item] = []
    guidance: str = ""
    dimension: str | None = None
    rows: str | None = None
    columns: str | None = None
    supplement: bool = False
    """True for questions grow adds to the source card (e.g. the action list)."""

    @model_validator(mode="after")
    def _kind_needs(self) -> Question:
        if self.kind in ("per_item", "recommendations") and not self.items:
            raise PydanticCustomError("needs_items", "needs items")
        if self.kind == "per_dimension" and not self.dimension:
            raise PydanticCustomError("needs_dimension", "needs dimension")
        if self.kind == "grid" and not (self.rows and self.columns):
            raise PydanticCustomError("needs_grid", "needs rows and columns")
        return self


class Section(_Strict):
    id: Slug
    title: Text
    intro: str = ""
    questions: Annotated[list[Question], Field(min_length=1)]


class Phase(_Strict):
    """One step of the card (for GROW: Goal, Reality, Options, Way forward), in the card's order."""

    id: Slug
    title: Text
    description: str = ""
    minutes: Annotated[int, Field(gt=0)] | None = None
    sections: Annotated[list[Section], Field(min_length=1)]

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions


class KeyMessage(_Strict):
    """The session-level key message that opens the position paper."""

    label: Text
    prompt: str = ""


class Card(_Strict):
    id: Slug
    title: Text
    subtitle: str = ""
    version: Text
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "nl"
    intro: str = ""
    dimensions: dict[Slug, Dimension] = {}
    key_message: KeyMessage | None = None
    phases: Annotated[list[Phase], Field(min_length=1)]

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Card:
        # The loader asks to collect: it then lists every problem with its own field path.
        if isinstance(info.context, dict) and info.context.get("collect_references"):
            return self
        problems = reference_problems(self)
        if problems:
            first = problems[0]
            raise PydanticCustomError(first.kind, "{value}", {"value": first.value})
        return self

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
                for field in ("dimension", "rows", "columns"):
                    name = getattr(question, field)
                    if name and name not in card.dimensions:
                        problems.append(ReferenceProblem((*base, field), "unknown_dimension", name))
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
