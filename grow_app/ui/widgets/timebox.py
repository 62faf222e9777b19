"""The timebox of the current phase: a countdown that turns to an overrun when time is up.

Time only runs for the phase on screen. The clock is injectable (``clock``: seconds, monotonic)
so tests can move time forward; the widget refreshes itself once a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.reactive import reactive
from textual.widgets import Static

from grow_app.i18n import t


def format_seconds(seconds: float) -> str:
    seconds = int(abs(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class Timebox(Static):
    DEFAULT_CSS = """
    Timebox { width: auto; padding: 0 1; }
    Timebox.-running { color: $success; }
    Timebox.-nearly { color: $warning; }
    Timebox.-overtime { color: $text; background: $error; text-style: bold; }
    """

    phase_title: reactive[str] = reactive("")

    def __init__(self, clock: Callable[[], float] = time.monotonic, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.clock = clock
        self._spent: dict[str, float] = {}
        self._phase: str | None = None
        self._since: float | None = None
        self._minutes: int | None = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def enter_phase(self, phase_id: str, title: str, minutes: int | None) -> None:
        """Switch to a phase: the previous phase's time stops, this one's runs on."""
        if phase_id != self._phase:
            self._stop()
            self._phase = phase_id
            self._since = self.clock()
        self.phase_title = title
        self._minutes = minutes
        self.tick()

    def set_minutes(self, minutes: int | None) -> None:
        self._minutes = minutes
        self.tick()

    def reset(self) -> None:
        if self._phase is not None:
            self._spent[self._phase] = 0.0
            self._since = self.clock()
        self.tick()

    def _stop(self) -> None:
        if self._phase is not None and self._since is not None:
            self._spent[self._phase] = self.elapsed()
        self._since = None

    def elapsed(self) -> float:
        if self._phase is None:
            return 0.0
        running = self.clock() - self._since if self._since is not None else 0.0
        return self._spent.get(self._phase, 0.0) + running

    def remaining(self) -> float | None:
        return None if self._minutes is None else self._minutes * 60 - self.elapsed()

    @property
    def overtime(self) -> bool:
        left = self.remaining()
        return left is not None and left < 0

    def tick(self) -> None:
        left = self.remaining()
        self.set_class(left is not None and left >= 60, "-running")
        self.set_class(left is not None and 0 <= left < 60, "-nearly")
        self.set_class(left is not None and left < 0, "-overtime")
        if left is None:
            self.update(
                t(
                    "session.timebox_none",
                    phase=self.phase_title,
                    elapsed=format_seconds(self.elapsed()),
                )
            )
        elif left >= 0:
            self.update(
                t("session.timebox_left", phase=self.phase_title, left=format_seconds(left))
            )
        else:
            self.update(
                t("session.timebox_over", phase=self.phase_title, over=format_seconds(left))
            )
