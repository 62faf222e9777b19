"""The safety net of a quiet moment (grow_app.ui.long_lived) does not keep its app alive.

Every move on the session screen pauses the collector until its frame is drawn, with a timer
that turns it on again should no frame come. Those timers were kept per app in a
WeakKeyDictionary, but a timer refers to its app: the value kept the key alive, and every app
that ever showed a session stayed in memory (in the test suite, some 20,000 objects per test
that full collections walked again and again)."""

from __future__ import annotations

import gc
import weakref

from grow_app.ui import long_lived


class FakeTimer:
    def __init__(self, app: FakeApp) -> None:
        self.app = app  # as Textual's Timer: its target is the app
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class FakeApp:
    def __init__(self) -> None:
        self.timers: list[FakeTimer] = []  # as Textual: a running timer lives while it runs

    def set_timer(self, _delay: float, _callback: object) -> FakeTimer:
        timer = FakeTimer(self)
        self.timers.append(timer)
        return timer


class FakeNode:
    def __init__(self, app: FakeApp) -> None:
        self.app = app

    def call_after_refresh(self, _callback: object) -> None:
        pass


def test_an_app_that_had_quiet_moments_is_freed_when_it_ends():
    app = FakeApp()
    try:
        long_lived.quiet_until_drawn(FakeNode(app))
        gc.enable()  # as the next frame would
        long_lived.quiet_until_drawn(FakeNode(app))
    finally:
        gc.enable()
    first, second = app.timers
    assert first.stopped and not second.stopped  # one safety net per app: the older one ends
    gone = weakref.ref(app)
    del app, first, second
    gc.collect()
    assert gone() is None
