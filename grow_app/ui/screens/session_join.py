"""Together in the room, on the session screen: F5 shows the panels for participants who join
from their own phone or laptop (issue 12).

* *Meedoen*: the code in large letters, the address and a QR code (:class:`JoinPanel`). If no
  ``grow serve --join`` is running for this session, F5 starts joining itself: a small server for
  the participant page only (:class:`~grow_app.ui.join.runner.ParticipantServer`, on the host of
  the setting ``join_host``). Shift+F5 closes joining: the code stops working.
* *Inbreng*: what participants sent for the question on screen (:class:`ContributionsPanel`),
  arriving within a second without a key: a timer asks the database, in a thread, whether
  anything changed (one cheap read), and redraws the panels only then.
* Each move tells the participants' pages which question is on screen; every change made from
  the panel goes through the writer thread like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical

from grow_app.i18n import t
from grow_app.ui.screens.session_host import SessionHost

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database
    from textual.worker import Worker, WorkerState

    from grow_app.join_records import JoinCode
    from grow_app.services.contributions import PanelState
    from grow_app.ui.join.runner import ParticipantServer
    from grow_app.ui.widgets import contributions_panel as cp

    JoinRead = tuple[int, JoinCode | None, PanelState] | None


POLL_SECONDS = 0.4
DEFAULT_JOIN_HOST = "0.0.0.0"
"""F5 lets phones in the room join: the participant page only, behind the code (docs/serve.md)."""


class SessionJoin(SessionHost):
    """Mixin of :class:`~grow_app.ui.screens.session.SessionScreen` (it has the attributes)."""

    _join_server: ParticipantServer | None = None
    _join_reader: Database | None = None
    _join_mark = -1
    _join_active = False
    _join_polling = False

    # -- showing the panels ----------------------------------------------------------------------
    async def action_join(self) -> None:
        """F5: show (or hide) the panels; the first time, start joining if nobody did yet."""
        from grow_app.ui.widgets.contributions_panel import ContributionsPanel
        from grow_app.ui.widgets.join_panel import JoinPanel

        panel = self.query_one_optional("#join-side")
        if panel is not None:
            panel.display = not panel.display
            if panel.display:
                self._refresh_join()
            return
        side_panel = Vertical(JoinPanel(id="join-panel"), ContributionsPanel(), id="join-side")
        await self.query_one("#session-body").mount(side_panel)
        self.set_interval(POLL_SECONDS, self._refresh_join)
        self.run_worker(self._start_joining, thread=True, group="join", exit_on_error=False)

    def _start_joining(self) -> JoinCode:
        """In a thread: the running join of this session, or a new one with its own server."""
        from grow_app.services import joining
        from grow_app.ui.join.runner import ParticipantServer

        assert self.meeting is not None
        reader = self._reader()
        found = joining.active_join(reader, self.meeting.session.id)
        if found is not None:
            return found
        settings = self.grow.settings
        host = getattr(settings, "extra", {}).get("join_host") or DEFAULT_JOIN_HOST
        server = ParticipantServer(
            self.grow.context.database_file,
            self.meeting.session.id,
            self.meeting.card,
            host=str(host),
        )
        self._join_server = server
        return server.start()

    def _reader(self) -> Database:
        """A read connection of the join panels' own, used only from their worker threads."""
        from grow_app.services import joining

        if self._join_reader is None:
            self._join_reader = joining.connect(self.grow.context.database_file)
        return self._join_reader

    def on_worker_state_changed_join(self, worker: Worker[object], state: WorkerState) -> None:
        """``state``: the event's (the worker may be further by the time it is handled)."""
        from textual.worker import WorkerState

        if worker.group != "join" or state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if state == WorkerState.ERROR:
            message = getattr(worker.error, "message", None) or str(worker.error)
            self.notify(message, severity="error", markup=False)
            return
        self._join_active = True
        self._join_mark = -1
        self._refresh_join()
        self._follow()

    # -- reading what changed --------------------------------------------------------------------
    def _refresh_join(self) -> None:
        """A cheap check in a thread; the panels are redrawn only when something changed."""
        if self._join_polling or self.meeting is None:
            return
        side = self.query_one_optional("#join-side")
        if side is None or not side.display:
            return
        self._join_polling = True
        question = self.stop
        session_id = self.meeting.session.id
        mark = self._join_mark

        def read() -> JoinRead:
            from grow_app.services import contributions, joining

            reader = self._reader()
            changed = joining.changes_since(reader, session_id, mark)
            if changed is None:
                return None
            state = contributions.panel_state(reader, session_id, question)
            return changed, joining.active_join(reader, session_id), state

        def shown(result: JoinRead) -> None:
            from grow_app.ui.widgets.contributions_panel import ContributionsPanel
            from grow_app.ui.widgets.join_panel import JoinPanel

            self._join_polling = False
            if result is None:
                return
            changed, join, state = result
            self._join_mark = changed
            self._join_active = join is not None
            self.query_one("#join-panel", JoinPanel).show(join)
            if state.question_id == self.stop:
                self.query_one(ContributionsPanel).show(state)
            else:
                self._join_mark = -1  # moved meanwhile: read the new question next time

        self.run_worker(self._read_then(read, shown), group="join-read", exclusive=True)

    async def _read_then(
        self, read: Callable[[], JoinRead], shown: Callable[[JoinRead], None]
    ) -> None:
        worker = self.run_worker(read, thread=True, group="join-thread", exit_on_error=False)
        try:
            result = await worker.wait()
        except Exception as err:  # the database went away for a moment: next time, then
            from grow_app.errors import write_crash_log

            write_crash_log(err)
            result = None
        shown(result)

    # -- moving ----------------------------------------------------------------------------------
    def _follow(self) -> None:
        """Participants' pages follow the question on screen (only while joining is open)."""
        if not self._join_active or self.meeting is None:
            return
        stop = self.stop
        if self.meeting.card.question(stop) is None:
            return  # the key message is not a question for participants
        from grow_app.services import joining

        session_id = self.meeting.session.id
        self.run_write("follow", lambda db: joining.follow(db, session_id, stop), _nothing)
        self._join_mark = -1
        self._refresh_join()

    # -- the panel's requests ------------------------------------------------------------------
    def _join_write(self, name: str, run: Callable[[Database], object]) -> None:
        def done(_result: object) -> None:
            self._join_mark = -1
            self._refresh_join()

        self.run_write(name, run, done)

    def on_contribution_taken(self, message: cp.ContributionTaken) -> None:
        """Into the answer as an ordinary edit (at the end of the answer editor on screen)."""
        from grow_app.services import contributions
        from grow_app.ui.widgets.answer_area import AnswerArea

        message.stop()
        pane = self.pane
        areas = [w for w in pane.fields() if isinstance(w, AnswerArea)] if pane else []
        focused = self.focused
        area = focused if focused in areas else (areas[0] if areas else None)
        if area is None:
            self.notify(t("join.take_no_answer"), markup=False)
            return
        text = message.text
        joined = f"{area.text.rstrip()}\n{text}" if area.text.strip() else text
        area.replace(joined, area.document.start, area.document.end)
        sid, cid, rev = self.session_id, message.contribution_id, message.revision
        self._join_write("take", lambda db: contributions.take(db, sid, cid, rev))

    def on_contribution_parked(self, message: cp.ContributionParked) -> None:
        from grow_app.services import contributions

        message.stop()
        if self.meeting is not None:
            self.submit(self.meeting.add_record("parking", text=message.text), 0.0)
        sid, cid, rev = self.session_id, message.contribution_id, message.revision
        self._join_write("park", lambda db: contributions.park(db, sid, cid, rev))

    def on_contribution_hidden(self, message: cp.ContributionHidden) -> None:
        from grow_app.services import contributions

        message.stop()
        sid, cid, rev = self.session_id, message.contribution_id, message.revision
        self._join_write("hide", lambda db: contributions.hide(db, sid, cid, rev))

    def on_contribution_restored(self, message: cp.ContributionRestored) -> None:
        from grow_app.services import contributions

        message.stop()
        sid, cid, rev = self.session_id, message.contribution_id, message.revision
        self._join_write("show", lambda db: contributions.show(db, sid, cid, rev))

    def on_contributions_merged(self, message: cp.ContributionsMerged) -> None:
        from grow_app.services import contributions

        message.stop()
        sid, source, target = self.session_id, message.source_id, message.target_id
        self._join_write("merge", lambda db: contributions.merge(db, sid, source, target))

    def on_reveal_requested(self, message: cp.RevealRequested) -> None:
        from grow_app.services import joining

        message.stop()
        sid, qid = self.session_id, message.question_id
        self._join_write("reveal", lambda db: joining.reveal(db, sid, qid))

    def on_mode_change_requested(self, message: cp.ModeChangeRequested) -> None:
        from grow_app.services import joining

        message.stop()
        sid, qid, mode = self.session_id, message.question_id, message.mode
        self._join_write("mode", lambda db: joining.set_mode(db, sid, qid, mode))

    def on_vote_requested(self, message: cp.VoteRequested) -> None:
        from grow_app.services import voting

        message.stop()
        if self.meeting is None:
            return
        card, sid = self.meeting.card, self.session_id
        qid, over = message.question_id, message.over
        self._join_write("vote", lambda db: voting.start_vote(db, card, sid, qid, over))

    def on_vote_close_requested(self, message: cp.VoteCloseRequested) -> None:
        from grow_app.services import voting

        message.stop()
        sid, vote_id = self.session_id, message.vote_id
        self._join_write("close-vote", lambda db: voting.close_vote(db, sid, vote_id))

    # -- closing ---------------------------------------------------------------------------------
    def action_close_join(self) -> None:
        """Shift+F5: the code stops working; participants' pages say the meeting closed."""
        from grow_app.services import joining

        server, self._join_server = self._join_server, None
        sid = self.session_id
        if server is not None:
            self.run_worker(server.stop, thread=True, group="join-stop")
        else:
            self.run_write("close-join", lambda db: joining.close_join(db, sid), _nothing)
        self._join_active = False
        self._join_mark = -1
        side = self.query_one_optional("#join-side")
        if side is not None:
            side.display = False
        self.notify(t("join.closed_by_facilitator"), markup=False)

    def stop_joining(self) -> None:
        """Leaving the screen or quitting: the server this screen started stops."""
        server, self._join_server = self._join_server, None
        if server is not None:
            server.stop()
        if self._join_reader is not None:
            self._join_reader.conn.close()
            self._join_reader = None


def _nothing(_result: object) -> None:
    """A write whose outcome needs no follow-up on screen."""
