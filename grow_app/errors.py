"""Errors that carry a message meant for the user (already translated, one line each)."""

from __future__ import annotations


class GrowError(Exception):
    """A problem the user can fix; ``str(err)`` is shown as it is, never with a traceback."""

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    def lines(self) -> list[str]:
        return [self.message, *self.details]


class NotFoundError(GrowError):
    """An unknown partnership, card or session."""


class CardError(GrowError):
    """A card file that cannot be used; ``details`` holds one line per problem."""


class DatabaseError(GrowError):
    """A database file that cannot be opened safely; it has not been touched."""
