"""The keys answers are kept under: the key message's id, a grid cell's key, the statuses.

Constants only, apart from :mod:`grow_app.records` (which re-exports them): the first frame of
``grow open`` needs these, not the records, whose dataclasses take ~12 ms to define.
"""

from __future__ import annotations

KEY_MESSAGE_ID = "_kernboodschap"
"""The id the key message's history is kept under (it is not a question of the card)."""
GRID_SEPARATOR = "|"
RECOMMENDATION_STATUSES: tuple[str, ...] = ("ja", "deels", "nee", "nvt")
ACTION_STATUSES: tuple[str, ...] = ("open", "klaar", "loopt", "vervallen")


def grid_key(row: str, column: str) -> str:
    """The item key of one cell of a grid question."""
    return f"{row}{GRID_SEPARATOR}{column}"
