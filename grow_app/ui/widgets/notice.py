"""A line under the session screen's top bar for what the facilitator must know now: changes
that wait for the database (held until they are stored), a text another window changed at the
same moment, a session removed elsewhere. Empty, it takes no room."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

RANKS = {"failing": 3, "refused": 2, "crossed": 1, "info": 0}


class Notice(Static):
    DEFAULT_CSS = """
    Notice { display: none; height: auto; max-height: 3; padding: 0 1; background: $warning 30%; }
    Notice.-failing, Notice.-refused { background: $error; color: $text; text-style: bold; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.kind: str | None = None
        self.message = ""

    def say(self, message: str, kind: str) -> None:
        """Show ``message``, unless a more urgent one is showing."""
        if self.kind is not None and RANKS[self.kind] > RANKS[kind]:
            return
        for name in RANKS:
            self.set_class(name == kind, f"-{name}")
        self.kind, self.message = kind, message
        self.update(message)
        self.display = True

    def clear(self, kind: str | None = None) -> None:
        """Hide the line (only if it shows ``kind``, when given)."""
        if kind is not None and self.kind != kind:
            return
        self.kind, self.message = None, ""
        self.update("")
        self.display = False
