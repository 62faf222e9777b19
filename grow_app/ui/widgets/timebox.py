"""The timebox of the current phase: a countdown that turns to an overrun when time is up.

Time only runs for the phase on screen. The clock is injectable (``clock``: seconds, monotonic)
so tests can move time forward; the widget refreshes itself once a second.

The time spent per phase is kept with the session: ``grow open`` the next day runs on where the
meeting stopped. The timebox reads it from its screen's meeting and hands what it keeps to its
screen's ``submit`` (the writer thread), as the editors hand their edits to ``take_edit``: on a
phase change, on a restart and every ``SAVE_EVERY`` seconds while it runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from textual.reactive import reactive
from textual.widgets import Static

from grow_app.i18n import t
from grow_app.ui.widgets.steady_label import show_text

SAVE_EVERY = 10.0
"""Seconds of running time after which the time spent is saved again: at most this much is lost
when grow is closed (or the computer dies) mid-meeting. (Not saved as the screen goes away: the
writer's answer would reach a screen that is half gone.)"""

Save = Callable[[str, float], None]
"""Keep ``seconds`` spent in phase ``phase_id`` (with the session)."""


class _Keeps(Protocol):
    def phase_seconds(self) -> dict[str, int]: ...
    def edit_phase_seconds(self, phase_id: str, seconds: float) -> object: ...


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

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        spent: dict[str, float] | None = None,
        save: Save | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.clock = clock
        self._spent: dict[str, float] = {k: float(v) for k, v in (spent or {}).items()}
        self._saved: dict[str, int] = {k: int(v) for k, v in self._spent.items()}
        self._save = save
        self._phase: str | None = None
        self._since: float | None = None
        self._minutes: int | None = None

    def on_mount(self) -> None:
        if self._save is None:
            self._keep_with(getattr(self.screen, "meeting", None))
        self.set_interval(1.0, self.tick)

    def _keep_with(self, meeting: _Keeps | None) -> None:
        """Run on from the time the meeting spent so far, and keep it through the screen."""
        submit = getattr(self.screen, "submit", None)
        if meeting is None or submit is None or not hasattr(meeting, "edit_phase_seconds"):
            return
        for phase_id, seconds in meeting.phase_seconds().items():
            if phase_id not in self._spent:
                self._spent[phase_id] = float(seconds)
                self._saved[phase_id] = int(seconds)

        def save(phase_id: str, seconds: float) -> None:
            change = meeting.edit_phase_seconds(phase_id, seconds)
            if change is not None:
                submit(change)

        self._save = save

    @property
    def phase_id(self) -> str | None:
        """The phase whose time runs (and shows)."""
        return self._phase

    def enter_phase(self, phase_id: str, title: str, minutes: int | None) -> None:
        """Switch to a phase: the previous phase's time stops, this one's runs on."""
        if phase_id != self._phase:
            self._stop()
            self._keep(self._phase)
            self._phase = phase_id
            self._since = self.clock()
        self.phase_title = title
        self._minutes = minutes
        self.tick()

    def _keep(self, phase_id: str | None, *, every: float = 0.0) -> None:
        """Save the time spent in ``phase_id`` when it differs (by ``every`` seconds or more)."""
        if phase_id is None or self._save is None:
            return
        seconds = self.elapsed() if phase_id == self._phase else self._spent.get(phase_id, 0.0)
        if abs(int(seconds) - self._saved.get(phase_id, 0)) >= max(1.0, every):
            self._saved[phase_id] = int(seconds)
            self._save(phase_id, seconds)

    def set_minutes(self, minutes: int | None) -> None:
        self._minutes = minutes
        self.tick()

    def reset(self) -> None:
        if self._phase is not None:
            self._spent[self._phase] = 0.0
            self._since = self.clock()
            self._keep(self._phase)
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
        if self._phase is None:  # opened on the Kernboodschap: no phase has begun yet
            show_text(self, "")  # every second: nothing to draw while it stays empty
            return
        self._keep(self._phase, every=SAVE_EVERY)
        left = self.remaining()
        self.set_class(left is not None and left >= 60, "-running")
        self.set_class(left is not None and 0 <= left < 60, "-nearly")
        self.set_class(left is not None and left < 0, "-overtime")
        if left is None:
            text = t(
                "session.timebox_none",
                phase=self.phase_title,
                elapsed=format_seconds(self.elapsed()),
            )
        elif left >= 0:
            text = t("session.timebox_left", phase=self.phase_title, left=format_seconds(left))
        else:
            text = t("session.timebox_over", phase=self.phase_title, over=format_seconds(left))
        show_text(self, text)  # the same second (a move within the phase): nothing to draw
