"""Keys typed before the answer editor exists are kept, not lost.

``grow open`` draws the question first and builds the session screen a moment later; a
facilitator who starts typing at once must find every character in the answer. The opening
screen, and the session screen until its first editor has focus, collect what is typed here and
hand it to the editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grow_app.text import clean_text

if TYPE_CHECKING:
    from textual import events
    from textual.widget import Widget


class TypeAhead:
    """Collects typed text until :meth:`deliver` names the editor; after that, keys that still
    arrive before the editor has focus go straight into it, in the order they were typed."""

    def __init__(self, text: str = "") -> None:
        self.parts: list[str] = [text] if text else []
        self.target: Widget | None = None

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def take_key(self, event: events.Key) -> bool:
        """Keep a typed character (Enter as a new line, Backspace undoes the last one)."""
        if event.key == "enter":
            self.parts.append("\n")
        elif event.key == "backspace":
            if self.parts:
                self.parts[-1] = self.parts[-1][:-1]
                if not self.parts[-1]:
                    self.parts.pop()
        elif event.is_printable and event.character:
            self.parts.append(event.character)
        else:
            return False
        event.stop()
        event.prevent_default()
        if self.target is not None:
            self._insert(self.target)
        return True

    def take_paste(self, event: events.Paste) -> None:
        if event.text:
            self.parts.append(event.text)
            event.stop()
            event.prevent_default()
            if self.target is not None:
                self._insert(self.target)

    def deliver(self, target: Widget | None) -> None:
        """Insert what was typed into ``target`` (an answer editor); later keys follow it."""
        self.target = target
        self._insert(target)

    def _insert(self, target: Widget | None) -> None:
        # Imported here: TypeAhead is held before any editor exists, and TextArea is not
        # needed for that.
        from textual.widgets import Input, TextArea

        if not self.parts or target is None:
            return
        if not target.is_mounted:  # not quite there yet: the text waits a frame longer
            target.call_after_refresh(self._insert, target)
            return
        text = clean_text(self.text)
        self.parts.clear()
        if not text:
            return
        if isinstance(target, TextArea) and not target.read_only:
            target.insert(text)
        elif isinstance(target, Input):
            target.insert_text_at_cursor(text.replace("\n", " "))
