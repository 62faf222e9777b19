"""Every key and paste acts where the facilitator sent it, in the order they were sent.

Textual hands a key or a paste to the focused field's own queue and goes on with the next one;
on a busy machine several can be waiting there while the app already carries out the next
key. Two things could then land in the wrong place:

* A key the field does not take as text (Backspace, Delete, an arrow, Ctrl+Z) comes back to the
  app, and Textual looks up what it does from the field that has the focus *then*. After a
  move that was the next question's field: "abcd", Backspace, Ctrl+↓, "xy" (sent at once) kept
  "abcd" and deleted the "y". :class:`KeysWhereSent` looks it up from the field the key was
  sent to. (The keys after such a key wait until it has come back: :mod:`.input_gate`.)
* A move (a priority binding, carried out at once) chose the question's "first empty field"
  from text that was still waiting in the field it left: a paste, Ctrl+↓, Ctrl+↑ put the
  cursor back into the field just pasted into, and the next paste went there too. A move
  first waits for :func:`sent_before_handled`.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual import events
from textual._dispatch_key import dispatch_key
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import BindingsMap
    from textual.dom import DOMNode

    _AppPart = App[None]
else:
    _AppPart = object

CATCH_UP = 1.0
"""Seconds a move waits at most for the focused field to handle what was sent to it before."""

Chain = list[tuple["DOMNode", "BindingsMap"]]


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


def binding_chain_of(widget: Widget) -> Chain:
    """The bindings a key meets when ``widget`` has the focus: what Textual's screen computes
    for its focused widget (``Screen._binding_chain``, up to the first modal screen), for a
    widget that may no longer have it."""
    screen = widget.screen
    as_if_focused = SimpleNamespace(focused=widget, _bindings=screen._bindings, app=screen.app)
    as_if_focused._binding_chain = Screen._binding_chain.fget(as_if_focused)  # type: ignore[attr-defined]
    chain: Chain = Screen._modal_binding_chain.fget(as_if_focused)  # type: ignore[attr-defined]
    return chain


class KeysWhereSent(_AppPart):
    """Mixin of the app: a key handed to a field that the field does not take itself does, when
    it comes back, what it does in that field (or its question, or its screen), even if the
    focus has moved on meanwhile."""

    _sent_to: WeakKeyDictionary[events.Key, Widget]

    def note_where_sent(self, event: events.Key) -> Widget | None:
        """``event`` is about to be handed to the focused widget: remember it, and return that
        widget. Not for text the field takes itself (most keys): that never comes back (None)."""
        focused = self.focused
        if focused is None or focused.check_consume_key(event.key, event.character):
            return None
        if not hasattr(self, "_sent_to"):
            self._sent_to = WeakKeyDictionary()
        self._sent_to[event] = focused
        return focused

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls the _on_key of every class of the app in turn, this one before App's
        # own, which looks the key up from where the focus is now.
        sent_to = getattr(self, "_sent_to", {}).pop(event, None)
        if sent_to is None or sent_to is self.focused or not sent_to.is_attached:
            return  # the focus is where it was (or that field is gone): App's own lookup
        event.prevent_default()
        for namespace, bindings in binding_chain_of(sent_to):
            for binding in bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.run_action(binding.action, namespace):
                    return
        await dispatch_key(self, event)
