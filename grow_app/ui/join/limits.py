"""Rate limits of the participant page, kept in memory by the server (they protect the server,
not the data: the per-device limit on contributions lives in the services, in the database)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class SlidingWindow:
    """At most ``limit`` events per key in any ``seconds``-long window."""

    def __init__(
        self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.seconds = seconds
        self.clock = clock
        self._events: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        now = self.clock()
        for quiet in [k for k, e in self._events.items() if not e or e[-1] <= now - self.seconds]:
            del self._events[quiet]  # forget quiet keys: the table cannot grow without bound
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.seconds:
            events.popleft()
        return events

    def allow(self, key: str) -> bool:
        """Count one event for ``key``; False (and not counted) when over the limit."""
        events = self._recent(key)
        if len(events) >= self.limit:
            return False
        events.append(self.clock())
        return True

    def blocked(self, key: str) -> bool:
        """Over the limit now, without counting an event."""
        return len(self._recent(key)) >= self.limit

    def count(self, key: str) -> None:
        self._recent(key).append(self.clock())


class Limits:
    """The participant page's limits, per address of the device (IP)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        # Every request: a page, a form, a poll every 1.5 s is some 60 a minute for a phone;
        # ten phones behind one router still fit, a script hammering the server does not.
        self.requests = SlidingWindow(600, 60, clock)
        # Wrong codes: guessing a 6-character code is hopeless at this pace.
        self.wrong_codes = SlidingWindow(20, 300, clock)
        # New devices (first name given) from one address: a room behind one router still fits.
        self.new_devices = SlidingWindow(60, 600, clock)
