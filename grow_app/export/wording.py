"""Counted messages: "1 bestand" but "3 bestanden", never "bestand(en)"."""

from __future__ import annotations

from grow_app.i18n import t


def t_count(key: str, count: int, **values: object) -> str:
    """The text ``<key>_one`` when ``count`` is 1, otherwise ``<key>_many``, with ``count`` filled in."""
    return t(f"{key}_one" if count == 1 else f"{key}_many", count=count, **values)
