"""Ctrl+C in grow: copy what is selected; with nothing selected, say how to quit, and a second
Ctrl+C right after the first (no other key in between) quits, after saving, as Ctrl+Q does.

Part of :class:`~grow_app.ui.app.GrowApp` (a mixin: at run time a plain class, for the type
checker a Textual app). Many people press Ctrl+C first to leave a terminal program; it must
never end grow with a traceback, nor quit when someone copies twice in an answer.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from grow_app.i18n import t

if TYPE_CHECKING:
    from textual.app import App

    _AppPart = App[None]
else:
    _AppPart = object


class CtrlC(_AppPart):
    QUIT_AGAIN_SECONDS = 3.0
    """A second ctrl+c within this many seconds quits (after saving), as ctrl+q does."""
    _help_quit_at = float("-inf")

    async def action_ctrl_c(self) -> None:
        """Copy the selection of the answer or field (or text selected with the mouse); with
        nothing selected, say how to quit (see :meth:`say_how_to_quit`)."""
        from textual.widgets import Input, TextArea

        focused = self.focused
        if isinstance(focused, TextArea) and focused.selected_text:
            self.copy_to_clipboard(focused.selected_text)
            return
        if isinstance(focused, Input) and not focused.selection.is_empty:
            self.copy_to_clipboard(focused.selected_text)
            return
        selected = self.screen.get_selected_text()
        if selected:
            self.copy_to_clipboard(selected)
            return
        await self.say_how_to_quit()

    def action_help_quit(self) -> None:
        """Textual's own ctrl+c action, should anything still call it."""
        self.call_later(self.say_how_to_quit)

    async def say_how_to_quit(self) -> None:
        """ctrl+c copies in an answer; elsewhere it says how to quit, and a second one quits.

        In an answer with nothing selected it only says so: someone copying twice must never
        quit by accident."""
        from textual.widgets import Input, TextArea

        if isinstance(self.focused, TextArea | Input):
            self._help_quit_at = float("-inf")
            self.notify(t("ui.nothing_to_copy", key="Ctrl+Q"), timeout=self.QUIT_AGAIN_SECONDS)
            return
        now = time.monotonic()
        if now - self._help_quit_at <= self.QUIT_AGAIN_SECONDS:
            await self.action_quit()
            return
        self._help_quit_at = now
        self.notify(t("ui.help_quit", key="Ctrl+Q"), timeout=self.QUIT_AGAIN_SECONDS)

    def key_seen(self, key: str) -> None:
        """Any other key than ctrl+c: a next ctrl+c is a first one again."""
        if key != "ctrl+c":
            self._help_quit_at = float("-inf")
