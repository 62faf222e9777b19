"""Keys are handled in the order they were sent, also when a key decides from what a field holds.

Textual carries out a priority binding (Ctrl+↓) at once, but hands the keys and
pastes before it to the focused field's own queue. On a busy machine they can still be waiting
there when the binding runs, and a binding that decides from the field's text then decided
from text that was about to arrive: a paste, Ctrl+↓, Ctrl+↑ chose the question's "first empty
field" as the field just pasted into, and the next paste went there too. A move therefore
first waits for :func:`sent_before_handled`.
"""

from __future__ import annotations

import asyncio

from textual.widget import Widget

CATCH_UP = 1.0
"""Seconds a key waits at most for the focused field to handle what was sent to it before."""


async def sent_before_handled(field: Widget | None, timeout: float = CATCH_UP) -> None:
    """Return once ``field`` has handled every key and paste sent to it so far: a callback
    queued behind them runs after them. A field that does not get to its queue within
    ``timeout`` (none has, so far) does not hold the key up: it goes on with the text the
    field has then."""
    if field is None:
        return
    handled = asyncio.get_running_loop().create_future()

    def done() -> None:
        if not handled.done():
            handled.set_result(None)

    if field.call_later(done):  # False: the field is closing, nothing more comes into it
        await asyncio.wait([handled], timeout=timeout)
