"""The rules a card file must keep, as pydantic models: used when a card file is checked (the
first time grow reads this version of it), never when a checked card is used.

The card grow works with is :class:`grow_app.card.models.Card`, plain data built from a checked
card; these models have the same fields (a test keeps the two in step). Importing pydantic and
building these models costs more than a bare command-line program needs to start, so nothing on
the way of a command that only uses cards imports this module.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from grow_app.card.models import AnswerKind, card_from_json, reference_problems

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Member(_Strict):
    """One member of a dimension, e.g. the function 'werven' or the level 'Onderwijsregio'."""

    key: Slug
    label: Text
    description: str = ""


class Dimension(_Strict):
    """A named list, e.g. the five functions, the sectors or the scale levels."""

    label: Text
    members: Annotated[list[Member], Field(min_length=1)]


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
        problems = reference_problems(card_from_json(self.model_dump()))
        if problems:
            first = problems[0]
            raise PydanticCustomError(first.kind, "{value}", {"value": first.value})
        return self
