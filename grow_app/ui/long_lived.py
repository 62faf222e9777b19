"""Short full garbage collections while a meeting is open, and none while grow starts.

An open session screen keeps some 100,000 objects alive for as long as it is open: Textual,
grow's modules, the card and one pane per question. CPython's full collection walks every one
of them, 60-70 ms on a two-core laptop, at a moment nobody chooses: in a live probe the slowest
moves (Ctrl+↓ drawn in 80-150 ms instead of 20-40 ms) were exactly the ones a full collection
fell into. So what the screen builds to keep is set aside (``gc.freeze``) as soon as it is
built: later full collections only walk what was made since (some 10-15 ms). When the screen
closes everything is handed back (``gc.unfreeze``), so what it leaves behind is collected as
usual. (Objects freed by reference counting, most of them, are freed as always; set aside is
only what the collector would search for cycles.)

While grow starts, the collector is off (:mod:`grow_app.entry`, for at most half a second):
starting builds those same long-lived objects, and the collections it triggered walked them
again and again, some 30 ms of a start of 0.4 s. The first frame turns it back on if the timer
has not yet (:func:`started`).

Nor between a move and its frame (:func:`quiet_until_drawn`): a move makes thousands of short-
lived objects, and the young collections they triggered took 1-2 ms of each move, and one in
ten moves another 3-11 ms (a middle-aged collection). They now run just after the frame.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any
from weakref import ReferenceType, WeakKeyDictionary, ref

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.timer import Timer

LONGEST_QUIET = 1.0
"""Seconds after which the collector runs again even if no frame came (a safety net)."""


def started() -> None:
    """The first frame is drawn: what starting built is set aside, the collector runs again."""
    gc.freeze()
    gc.enable()


def set_aside() -> None:
    """Everything alive now is left out of full collections until :func:`hand_back`."""
    gc.freeze()


def hand_back() -> None:
    """The screen that set things aside closes: everything is collected as usual again."""
    gc.unfreeze()


_safety_nets: WeakKeyDictionary[App[Any], ReferenceType[Timer]] = WeakKeyDictionary()
"""Each app's running safety net, held weakly (the event loop holds a running timer): a timer
leads back to its app, and a value that leads back to its key keeps the key alive (every app
with a session screen stayed in memory)."""


def quiet_until_drawn(node: DOMNode) -> None:
    """No collection until the screen of ``node`` has drawn its next frame (if the collector
    is on at all: while grow starts it is off, and stays off as :func:`started` says)."""
    if not gc.isenabled():
        return
    gc.disable()
    node.call_after_refresh(gc.enable)
    app = node.app
    held = _safety_nets.get(app)
    earlier = held() if held is not None else None
    if earlier is not None:  # one safety net per app: an old one must not end a later quiet
        earlier.stop()
    _safety_nets[app] = ref(app.set_timer(LONGEST_QUIET, gc.enable))


def end_quiet() -> None:
    """The app ends: the collector runs again (a move right before quitting may have paused
    it, and its frame and safety net end with the app; a test process goes on after it)."""
    gc.enable()
