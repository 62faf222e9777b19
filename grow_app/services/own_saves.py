"""What this window saved itself, per field: so its own save is never taken for another window's.

A text change carries the text it was typed over (``base``), the text this window last *heard*
was saved (:meth:`Meeting.saved`, from the writer's ``Saved`` event). Between the writer storing
a text and the screen hearing of it, the user may type on: the next change then carries the
text before that save as its base, the store finds this window's own newer text, and said
"changed in another window" (seen under load, typing straight on after a pause).

The writer therefore keeps, per field, the texts it stored one after the other (their hashes)
and the newest: a change typed over any of them was typed over this window's own text, so its
base is the newest. A text from elsewhere in between still crosses (the stored text is then
not the newest of the row).
"""

from __future__ import annotations

import dataclasses

from grow_app.services.changes import Change, Key

KEEP = 16
"""Texts remembered per field (hashes): a screen is never that many saves behind."""


def _text(change: Change) -> str | None:
    """The text a change stores, if it checks for crossings (it has a ``base``)."""
    if getattr(change, "base", None) is None:
        return None
    text = getattr(change, "new_text", getattr(change, "value", None))
    return text if isinstance(text, str) else None


class OwnSaves:
    def __init__(self) -> None:
        self._rows: dict[Key, tuple[list[int], str]] = {}

    def rebased(self, change: Change) -> Change:
        """``change``, typed over the newest text this window stored if it was typed over an
        earlier one of its own."""
        base = getattr(change, "base", None)
        row = self._rows.get(change.key)
        if base is None or row is None:
            return change
        hashes, newest = row
        if base == newest or hash(base) not in hashes:
            return change
        return dataclasses.replace(change, base=newest)  # type: ignore[call-arg]

    def stored(self, change: Change) -> None:
        """``change`` (as :meth:`rebased` gave it) is in the database."""
        text = _text(change)
        if text is None:
            self._rows.pop(change.key, None)
            return
        base = getattr(change, "base", "")
        row = self._rows.get(change.key)
        hashes = row[0] if row is not None and hash(base) in row[0] else [hash(base)]
        self._rows[change.key] = ([*hashes, hash(text)][-KEEP:], text)
