"""Cards: pydantic models of a conversation card and the TOML loader/validator.

This package knows nothing about the database, the UI or exports.
"""

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
