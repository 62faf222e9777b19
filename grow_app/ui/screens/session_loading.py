"""Loading the meeting beside the first frame (part of the session screen).

The first frame shows the first open question's editor from a quick look at the database
(:mod:`grow_app.services.session_start`); meanwhile a thread opens the database (checked,
brought up to date), reads the meeting, what the recovery journal holds for it and the previous
session's actions. Then the meeting is attached: the outline, the footer and the timebox appear,
the first editor stays exactly as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from grow_app.keys import KEY_MESSAGE_ID
from grow_app.ui.long_lived import set_aside
from grow_app.ui.screens.session_host import SessionHost

if TYPE_CHECKING:
    from textual.worker import Worker

    from grow_app.records import Action, Session
    from grow_app.services.journal import JournalEntry
    from grow_app.services.meeting import Meeting

    Loaded = tuple[Meeting, list[JournalEntry], tuple[Session | None, list[Action]]]


class SessionLoading(SessionHost):
    """Mixin of :class:`~grow_app.ui.screens.session.SessionScreen` (it has the attributes)."""

    def _start_loading(self) -> None:
        if self._loading_started:
            return
        self._loading_started = True
        self.run_worker(self._load, thread=True, name="load-meeting", exit_on_error=False)

    def _load(self) -> Loaded:
        """In a thread: open the database (checked, brought up to date) and read the meeting,
        what the recovery journal holds for it and the previous session's actions."""
        from grow_app.services.meeting import Meeting

        context = self.grow.context
        meeting = Meeting.open(context.db, context.catalog, self.session_ref)
        entries = self.grow.writer.journal.entries(meeting.session.id)
        previous = meeting.previous_session() if meeting.actions_question() else None
        actions = meeting.previous_actions() if previous else []
        return meeting, entries, (previous, actions)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        from textual.worker import WorkerState

        worker = event.worker
        self.on_worker_state_changed_join(worker, event.state)
        if worker.name != "load-meeting":
            return
        # The event's state, not the worker's: a quick worker can have finished before its
        # RUNNING event is handled, and both events would then attach the meeting.
        if event.state == WorkerState.SUCCESS:
            meeting, entries, (previous, actions) = cast("Loaded", worker.result)
            self.previous_session_id = previous.id if previous else ""
            self.previous_date = previous.date if previous else ""
            self._previous_actions = actions
            await self._attach_meeting(meeting, entries)
        elif event.state == WorkerState.ERROR:
            self.grow.session_failed(worker.error)

    async def _attach_meeting(self, meeting: Meeting, entries: list[JournalEntry]) -> None:
        from grow_app.services.session_start import StartMeeting
        from grow_app.ui.widgets.outline import Outline
        from grow_app.ui.widgets.steady_footer import SteadyFooter
        from grow_app.ui.widgets.timebox import Timebox

        self.meeting = meeting
        self.session_id = meeting.session.id
        meeting.origin = self.writer.origin
        if isinstance(self.values, StartMeeting):
            self.values.handover(meeting)
        self.values = meeting
        for pane in self._panes.values():
            pane.use_values(meeting)
        card = meeting.card
        self.stops = [q.id for q in card.questions()]
        if card.key_message:
            self.stops.append(KEY_MESSAGE_ID)
        self._name_phase_keys()
        self.title_parts = (meeting.session.partnership_name, meeting.session.date, card.title)
        self.fit_title()
        self.writer.titles[meeting.session.id] = " · ".join(self.title_parts)
        top = self.query_one("#session-top")
        await top.mount(Timebox(clock=self._now, id="timebox"), before=self.query_one("#saved"))
        await self.query_one("#outline-slot").mount(Outline(meeting, id="outline"))
        await self.mount(SteadyFooter(compact=True, show_command_palette=False))
        if not self.query("#outline"):
            return  # the screen is being taken down (grow quits while the meeting loads)
        self.fit_footer(self.size.width)
        if self.start is not None:
            self.index = self.stops.index(self.start.view.stop)
            self._panes[self.start.view.stop].position = self._position(self.index)
            self._refresh_where(self._panes[self.start.view.stop])
            self._after_move()
        else:
            await self._show(self._first_open_stop())
        self.writer.watch(meeting.session.id, meeting.signatures)
        set_aside()  # the meeting and the first panes, while the others are built
        self.run_worker(self._prebuild(), group="prebuild", exclusive=True)
        self.after_attach(entries)

    def _name_phase_keys(self) -> None:
        """alt+1 … say where they go, in F1 and the command palette ("Naar Reality")."""
        from grow_app.i18n import t
        from grow_app.ui.widgets.bindings import translate_bindings

        assert self.meeting is not None
        phases = self.meeting.card.phases[:9]
        titles = {f"session.phase_{n}": p.title for n, p in enumerate(phases, start=1)}
        translate_bindings(
            self, {key: t("session.jump_phase", phase=title) for key, title in titles.items()}
        )

    def _first_open_stop(self) -> int:
        for index, stop in enumerate(self.stops):
            if not self._stop_answered(stop):
                return index
        return 0

    def _stop_answered(self, stop: str) -> bool:
        meeting = self.meeting
        if meeting is None:
            return False
        if stop == KEY_MESSAGE_ID:
            return meeting.key_message_answered()
        question = meeting.card.question(stop)
        return question is not None and meeting.is_answered(question)
