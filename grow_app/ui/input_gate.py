"""Keys are carried out in the order they were sent, also the ones a field hands back.

A key the focused field does not take as text (Backspace, an arrow, Escape, Alt+→ in the grid)
travels back up to the app, through the queue of every widget around the field, and only
then does what it is bound to. The keys typed after it did not wait: they went straight to
the focused field. On a busy machine, with keys waiting in the app's queue, that put text
where the key before it had not yet moved the cursor: Escape, ↓, →, Enter, "Cel" in the grid
typed "Cel" into the cell the arrows had left.

So after handing such a key to a field the app holds the next keys and pastes (not what
arrives from the widgets meanwhile) until the key has come back and done its work, or has been
stopped on its way. A note sent up the same way right behind it says when: every queue is
first in, first out. Clicks wait too (a click moves the focus). Text typed after text is never
held, and a key with nothing behind it holds nothing.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.widget import Widget

    _AppPart = App[None]
else:
    _AppPart = object

CHECK_NOTE = 1.0
"""Seconds between looks whether the note is still on its way (or was lost with a widget)."""
LONGEST_HOLD = 10.0
"""Seconds after which held input goes on anyway, even behind a widget still busy."""

HELD = (events.Key, events.Paste, events.MouseDown, events.MouseUp)
"""What waits behind a key: keys, pastes and clicks (a click moves the focus). Not the mouse's
moves or scrolling."""


class InputGate(_AppPart):
    """Mixin of the app (see the module's docstring)."""

    _waiting_for: int | None = None
    """The number of the key whose return the held input waits for; None: nothing is held."""
    _keys_sent = 0
    _note_at: DOMNode | None = None
    """The widget whose queue holds the note now."""
    released_late = 0
    """How often held input went on without its note (lost, or a widget busy for 10 s). Tests
    of the order check that this stays 0: the note is what keeps the order."""
    _held: deque[events.Event]

    @property
    def holding_input(self) -> bool:
        """Keys are waiting behind a key that has not come back yet (tests wait for this)."""
        return self._waiting_for is not None and bool(getattr(self, "_held", None))

    def hold_if_waiting(self, event: events.Event) -> bool:
        """True if ``event`` (fresh from the terminal) waits behind a key that has not come back
        yet; it is carried out, in order, when that key has."""
        if self._waiting_for is None or not isinstance(event, HELD) or event.is_forwarded:
            return False
        self._held.append(event)
        return True

    def wait_for_return(self, handed_to: Widget) -> None:
        """A key was just handed to ``handed_to``, which does not take it as text: what comes
        after it waits until it has travelled back up (or was stopped on its way). Also after
        a priority key (Ctrl+↓, Enter, Tab), on purpose: the note then passes the field that
        had the focus, so what the move chose from is complete before the next key."""
        self._keys_sent += 1
        number = self._waiting_for = self._keys_sent
        if not hasattr(self, "_held"):
            self._held = deque()
        path: list[DOMNode] = [handed_to, *handed_to.ancestors]  # the way a bubbling key goes

        def hop(step: int) -> None:
            while step < len(path):
                if path[step].call_later(hop, step + 1):  # behind the key, in that queue
                    self._note_at = path[step]
                    return
                step += 1  # a widget that is closing: on to the next
            self._note_at = None
            self.call_later(self._release, number)

        hop(0)
        self._look_later(number, LONGEST_HOLD)

    def _look_later(self, number: int, left: float) -> None:
        asyncio.get_running_loop().call_later(CHECK_NOTE, self._look, number, left - CHECK_NOTE)

    def _look(self, number: int, left: float) -> None:
        """The note of key ``number`` has not come back yet: lost with a widget taken down (or
        10 s have gone by), then what is held goes on; else look again later."""
        if self._waiting_for != number:
            return
        at = self._note_at
        if left > 0 and at is not None and at.is_attached and at.is_running:
            self._look_later(number, left)
            return
        InputGate.released_late += 1
        self.call_later(self._release, number)

    async def _release(self, number: int) -> None:
        """The key ``number`` has come back: carry out what was held behind it, until one of
        those is a key to wait for in turn."""
        if self._waiting_for != number:
            return  # released before (the note and the look both come)
        self._waiting_for = None
        while self._held and self._waiting_for is None:
            await self.on_event(self._held.popleft())
