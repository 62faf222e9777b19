"""Knowing when something is really on screen, so slow work can wait until after the first frame.

``call_after_refresh`` from ``on_mount`` may run before the first frame reaches the terminal.
A :class:`PaintedStatic` posts :class:`Painted` to its screen while the frame that shows it is
being drawn; the screen handles it after that frame has been written.
"""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static


class Painted(Message):
    """A PaintedStatic has been drawn for the first time."""


class PaintedStatic(Static):
    _told = False

    def render(self):
        if not self._told:
            self._told = True
            self.screen.post_message(Painted())
        return super().render()
