"""Plain domain records (dataclasses: cheap to import, easy to test).

The store hands them out, the services pass them on and the screens show them; this module
imports nothing of grow but :mod:`grow_app.keys`, so every layer may use it. ``revision``
counts the saved changes of a record: a screen compares it to notice what another window saved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from grow_app.keys import (  # noqa: F401 (importable from here)
    ACTION_STATUSES,
    GRID_SEPARATOR,
    KEY_MESSAGE_ID,
    RECOMMENDATION_STATUSES,
    grid_key,
)


@dataclass(frozen=True)
class Partnership:
    id: str
    name: str
    region: str = ""
    sectors: tuple[str, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> Partnership:
        return cls(
            id=row["id"],
            name=row["name"],
            region=row["region"],
            sectors=tuple(json.loads(row["sectors"] or "[]")),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            deleted_at=row["deleted_at"],
        )


@dataclass(frozen=True)
class Participant:
    name: str
    organisation: str = ""
    role: str = ""
    id: str = ""
    revision: int = 0


@dataclass(frozen=True)
class Session:
    id: str
    partnership_id: str
    card_id: str
    card_version: str
    date: str
    facilitator: str = ""
    key_message: str = ""
    key_message_updated_at: str | None = None
    phase_minutes: dict[str, int] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None
    partnership_name: str = ""
    key_message_revision: int = 0
    phase_seconds: dict[str, int] = field(default_factory=dict)
    """Time spent per phase so far (the timebox), in seconds."""

    @classmethod
    def from_row(cls, row: dict) -> Session:
        return cls(
            id=row["id"],
            partnership_id=row["partnership_id"],
            card_id=row["card_id"],
            card_version=row["card_version"],
            date=row["date"],
            facilitator=row["facilitator"],
            key_message=row["key_message"],
            key_message_updated_at=row["key_message_updated_at"],
            phase_minutes=json.loads(row["phase_minutes"] or "{}"),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            deleted_at=row["deleted_at"],
            partnership_name=row.get("partnership_name", ""),
            key_message_revision=row.get("key_message_revision") or 0,
            phase_seconds=_seconds(row.get("phase_seconds")),
        )


def _seconds(text: object) -> dict[str, int]:
    """{phase id: seconds} from its column ('{}' before migration 0005, or when unreadable)."""
    try:
        value = json.loads(str(text or "{}"))
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int | float)}


@dataclass(frozen=True)
class Answer:
    question_id: str
    item_key: str
    text: str
    updated_at: str
    revision: int = 0


@dataclass(frozen=True)
class Revision:
    id: int
    text: str
    saved_at: str
    origin: str = ""
    """Which window saved it (see :mod:`grow_app.services.writer`); '' for older rows."""


@dataclass(frozen=True)
class Action:
    id: str
    wat: str = ""
    wie: str = ""
    wanneer: str = ""
    status: str = "open"
    position: int = 0
    question_id: str = ""
    carried_from: str | None = None
    updated_at: str = ""
    revision: int = 0


@dataclass(frozen=True)
class ParkingItem:
    id: str
    text: str
    position: int = 0
    updated_at: str = ""
    revision: int = 0
