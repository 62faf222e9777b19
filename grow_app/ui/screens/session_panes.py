"""Moving through the card on the session screen: one pane per question, built once and kept.

Input goes to the question on screen, always. Each question gets its pane once
(:class:`~grow_app.ui.widgets.question_pane.QuestionPane`), kept mounted and hidden when another
is shown: a move only flips which pane shows and where the focus is. The keys that move are
priority bindings (see :mod:`grow_app.ui.screens.session`): Textual runs them before it hands the
next key or paste to the focused field, so what is typed right after a move lands in the new
question, in order. A move first lets the field it leaves handle what was sent to it before
(:mod:`grow_app.ui.input_order`), so it chooses where the cursor goes from the text as typed.
Part of the session screen.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING, cast

from textual.containers import VerticalScroll
from textual.widgets import Label

from grow_app.i18n import t
from grow_app.keys import KEY_MESSAGE_ID
from grow_app.ui.input_order import sent_before_handled
from grow_app.ui.long_lived import quiet_until_drawn, set_aside
from grow_app.ui.screens.session_host import SessionHost
from grow_app.ui.widgets.answer_area import AnswerArea
from grow_app.ui.widgets.question_pane import QuestionPane, QuestionScroll
from grow_app.ui.widgets.steady_label import show_text

if TYPE_CHECKING:
    from grow_app.ui.widgets.outline import Outline


NEAR = 2
"""Panes built at once on either side of the question on screen (Ctrl+↓ and Ctrl+↑ go there)."""
IDLE = 1.5
"""Seconds without typing or moving before the other panes are built, one by one."""


class ScreenGoing(Exception):
    """A pane was asked for while the session screen is being taken down."""


async def _completed(mounting: Awaitable[object]) -> None:
    await mounting


class SessionPanes(SessionHost):
    """Mixin of :class:`~grow_app.ui.screens.session.SessionScreen` (it has the attributes)."""

    # -- panes: built once, kept ---------------------------------------------------------------
    async def _pane(self, stop: str) -> QuestionPane:
        """The pane of ``stop``, built and mounted (hidden) the first time it is needed."""
        from grow_app.services.question_view import from_card

        pane = self._panes.get(stop)
        if pane is None:
            assert self.meeting is not None
            place = self._place_for_panes()
            if place is None:  # the screen is being taken down: nothing more to build
                raise ScreenGoing
            pane = QuestionPane(
                from_card(self.meeting.card, stop),
                self.meeting,
                self._position(self.stops.index(stop)),
            )
            pane.display = False
            self._panes[stop] = pane
            mounting = place.mount(pane)
            self._mounts[stop] = asyncio.ensure_future(_completed(mounting))
        # Everyone who asks waits until it is really mounted (a move may ask for a pane that
        # the background builder is still mounting).
        mounting_task = self._mounts.get(stop)  # none for the first frame's pane (composed)
        if mounting_task is not None:
            await asyncio.shield(mounting_task)
        return pane

    def _place_for_panes(self) -> QuestionScroll | None:
        """The column the panes are mounted in; None while the screen is being taken down.
        (Then the column can still be found, but no longer attached: mounting into it ended
        grow with a MountError when the builder went on after F10, seen in a real terminal.)"""
        place = self.query_one_optional("#question-pane")
        return place if isinstance(place, QuestionScroll) and place.is_attached else None

    _last_activity = 0.0
    """When the facilitator last typed or moved (``time.monotonic``)."""
    idle_before_building = IDLE
    """Quiet seconds before the panes that are not neighbours get built (tests: 0, build all)."""

    def note_activity(self) -> None:
        self._last_activity = time.monotonic()

    def _next_to_build(self) -> int | None:
        """The question nearest to the one on screen whose pane is not built yet."""
        missing = [i for i, stop in enumerate(self.stops) if stop not in self._panes]
        return min(missing, key=lambda i: (abs(i - self.index), i)) if missing else None

    async def _prebuild(self) -> None:
        """After the first frame, and as long as the screen lives: build the panes that are
        not built yet, one by one, nearest first, so a move only flips which pane shows.

        The neighbours (``NEAR`` questions either way of the one on screen, again after every
        move) are built at once; the others only while the facilitator has been quiet for
        ``IDLE`` seconds, so building 28 panes is never work beside the first keys of a
        meeting on a busy machine. A jump to a question not built yet builds its pane then
        (a few hundredths of a second, once)."""
        self.note_activity()  # the meeting just opened: the first keys come now
        while True:
            index = self._next_to_build()
            if index is None:
                return
            near = abs(index - self.index) <= NEAR
            idle = self.idle_before_building
            if near or time.monotonic() - self._last_activity >= idle:
                try:
                    await self._pane(self.stops[index])
                except ScreenGoing:  # closed, or grow quits: stop building
                    return
                set_aside()  # built to stay: full collections skip it from now on
                await asyncio.sleep(0.01)  # typing goes first
            else:
                await asyncio.sleep(idle / 4)

    async def _show(self, index: int) -> None:
        """Show question ``index``: flip the panes, focus the new one's first empty field."""
        index = max(0, min(index, len(self.stops) - 1))
        self.note_activity()
        await sent_before_handled(self.focused)  # the question left has all that was sent to it
        try:
            pane = await self._pane(self.stops[index])
        except ScreenGoing:  # a move typed while the screen closes: it goes with the screen
            return
        old = self.pane
        if old is not None and old is not pane:
            old.display = False
        pane.display = True
        quiet_until_drawn(self)  # after the flip: "the next frame" is the one that shows it
        self.index = index
        self._focus_in(pane)
        self._after_move()
        # What was typed in the question left is saved now, but after the frame that shows
        # the next one: the writer's thread then does not share the processor with drawing it.
        self.call_after_refresh(self.writer.save_soon)

    def _after_move(self) -> None:
        from grow_app.ui.widgets.outline import Outline

        # The outline's cursor one frame after the question: the first frame then draws only
        # the question pane, not also the outline beside it (issue 11: the move is the new
        # question drawn; the outline follows some 20 ms later, at once if it gets the focus).
        self.query_one(Outline).follow(self.stop)
        self.refresh_progress()
        self._enter_phase()
        self.query_one("#question-pane", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()
        self.moved()

    def _focus_in(self, pane: QuestionPane) -> None:
        target = pane.focus_target()
        if target is None:
            return
        self.set_focus(target)  # at once: Widget.focus() waits a turn, and loses races
        self.call_later(pane.show_focus_soon)  # after the scroll set_focus queued on this screen
        if isinstance(target, AnswerArea):
            target.move_cursor(target.document.end)
        if self.type_ahead.target is None:  # the first editor: hand it what was typed ahead
            self.type_ahead.deliver(target)

    def focus_editor(self) -> None:
        if self.pane is not None:
            self._focus_in(self.pane)

    def _enter_phase(self) -> None:
        from grow_app.ui.widgets.timebox import Timebox

        phase = self.phase
        if phase is not None and self.meeting is not None:
            self.query_one(Timebox).enter_phase(
                phase.id,
                phase.title,
                self.meeting.phase_minutes(phase),
            )

    def answered_changed(self, stop: str) -> None:
        """Update the outline mark of ``stop`` (and the progress figures if it flipped).
        (Before the meeting is there, there is no outline yet: nothing to import for it.)"""
        outline = self.query_one_optional("#outline")
        if outline is not None and cast("Outline", outline).refresh_question(stop):
            self.refresh_progress()

    def refresh_progress(self) -> None:
        if self.meeting is None:
            return
        answered, total = self.meeting.overall_progress()
        text = t("session.progress", answered=answered, total=total)
        show_text(self.query_one("#progress", Label), text)  # unchanged on most moves

    # -- moving around -------------------------------------------------------------------------
    async def go_to(self, stop: str) -> None:
        if stop in self.stops and self.meeting is not None:
            await self._show(self.stops.index(stop))

    async def action_next_question(self) -> None:
        if self.index < len(self.stops) - 1:
            await self._show(self.index + 1)

    async def action_previous_question(self) -> None:
        if self.index > 0:
            await self._show(self.index - 1)

    async def action_jump_phase(self, number: int) -> None:
        phases = self.meeting.card.phases if self.meeting else []
        if 0 <= number < len(phases):
            await self.go_to(next(phases[number].questions()).id)

    async def action_key_message(self) -> None:
        await self.go_to(KEY_MESSAGE_ID)
