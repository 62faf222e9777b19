"""Cards: the shape of a conversation card, and the TOML loader that checks a card file.

This package knows nothing about the database, the UI or exports. The names below are loaded on
first use, so that :mod:`grow_app.card.cache` (what listings need, without pydantic) can be
imported on its own.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grow_app.card.loader import CardCatalog, CardProblem, check_card_file, load_card_file
    from grow_app.card.models import (
        ANSWER_KINDS,
        RECOMMENDATION_STATUSES,
        Card,
        Dimension,
        Item,
        Member,
        Phase,
        Question,
        Section,
    )

_WHERE = {
    **dict.fromkeys(("CardCatalog", "CardProblem", "check_card_file", "load_card_file"), "loader"),
    **dict.fromkeys(
        (
            "ANSWER_KINDS",
            "RECOMMENDATION_STATUSES",
            "Card",
            "Dimension",
            "Item",
            "Member",
            "Phase",
            "Question",
            "Section",
        ),
        "models",
    ),
}

__all__ = [
    "ANSWER_KINDS",
    "RECOMMENDATION_STATUSES",
    "Card",
    "CardCatalog",
    "CardProblem",
    "Dimension",
    "Item",
    "Member",
    "Phase",
    "Question",
    "Section",
    "check_card_file",
    "load_card_file",
]


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(importlib.import_module(f"grow_app.card.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'grow_app.card' has no attribute {name!r}")
