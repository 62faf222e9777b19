"""The meeting aids of the session screen: the action list's rows, participants, parking lot,
timebox, the previous session's actions, versions, export, the card intro, leaving, and what
was still in the recovery journal when the session opened.

Every change goes through the screen's :meth:`submit` (the writer thread); what a dialog needs
from the database (the history of an answer, the previous session's actions) is read in a thread
worker, never on the UI thread.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, cast

from grow_app.i18n import t
from grow_app.keys import KEY_MESSAGE_ID
from grow_app.ui.screens.session_host import SessionHost
from grow_app.ui.widgets.answer_area import AnswerArea, CleanInput
from grow_app.ui.widgets.question_editors import ACTION_FIELDS, AddActionRequested

if TYPE_CHECKING:
    from grow_app.records import Action
    from grow_app.services import changes as ch
    from grow_app.services.journal import JournalEntry
    from grow_app.services.meeting import RemoteUpdate
    from grow_app.ui.screens.intro import IntroScreen
    from grow_app.ui.screens.session import SessionScreen
    from grow_app.ui.widgets.table_editors import ActionsEditor


class SessionAids(SessionHost):
    """Mixin of :class:`~grow_app.ui.screens.session.SessionScreen` (it has the attributes)."""

    _previous_actions: list[Action] | None = None
    previous_session_id = ""
    previous_date = ""

    # -- after the meeting arrived ------------------------------------------------------------
    def after_attach(self, entries: list[JournalEntry]) -> None:
        """Offer what the recovery journal still holds; then the previous session's actions."""
        from grow_app.ui.screens.recovery import RecoveryScreen, offered_entries

        assert self.meeting is not None
        offered = offered_entries(self.meeting, entries, self.writer.journal, self.writer.holds)
        if offered:
            screen = RecoveryScreen(self.meeting, offered, self.writer.journal)
            self.app.push_screen(screen, self._after_recovery)
        elif self._should_offer_previous_actions():
            self.action_previous_actions()

    def _after_recovery(self, changes: list[ch.Change] | None) -> None:
        for change in changes or []:
            self.submit(change, 0.0)
            stop, _item = change.where
            self.run_worker(self._show_recovered(stop), group="recovered")

    async def _show_recovered(self, stop: str) -> None:
        from grow_app.services.question_view import from_card  # noqa: F401 (built by _pane)

        assert self.meeting is not None
        pane = self._panes.get(stop)
        if pane is not None:
            for widget in pane.fields():
                key = getattr(widget, "save_key", None)
                text = self.meeting.text_of(key) if key else None
                if text is not None and isinstance(widget, AnswerArea | CleanInput):
                    widget.show_text(text)
        self.answered_changed(stop)

    def moved(self) -> None:
        """The question on screen changed: participants' pages follow it (issue 12)."""
        self._follow()

    async def refresh_aids(self, update: RemoteUpdate) -> None:
        from grow_app.ui.widgets.timebox import Timebox

        if update.actions:
            await self.sync_actions()
        if update.minutes and self.phase is not None and self.meeting is not None:
            self.query_one(Timebox).set_minutes(self.meeting.phase_minutes(self.phase))
        for screen in self.app.screen_stack:
            refresh = getattr(screen, "meeting_changed", None)
            if refresh is not None and screen is not self:
                await refresh(update)

    def check_aid(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        meeting = self.meeting
        needs_meeting = ("participants", "parking_lot", "timebox", "export", "versions")
        if action in needs_meeting and meeting is None:
            return False
        if action == "previous_actions":
            return self._has_previous_actions()
        if action == "intro":
            return meeting is not None and _intro_screen() is not None
        if action == "versions":
            return isinstance(self.focused, AnswerArea)
        return True

    # -- the action list -------------------------------------------------------------------------
    def _actions_editor(self) -> ActionsEditor | None:
        pane = self.pane
        return (
            cast("ActionsEditor", pane.editor) if pane and pane.editor.kind == "actions" else None
        )

    async def add_action_row(self) -> None:
        """A new row below the last, focused at once (its first field)."""
        editor = self._actions_editor()
        if editor is None or self.meeting is None:
            return
        change = self.meeting.new_action()
        self.submit(change, 0.0)
        action = next(a for a in self.meeting.actions() if a.id == change.record_id)
        row = await editor.add_row(action)
        self.set_focus(row.field("wat"))
        self.answered_changed(self.stop)

    async def on_add_action_requested(self, event: AddActionRequested) -> None:
        event.stop()
        await self.add_action_row()

    async def action_row_enter(self, field: CleanInput) -> None:
        editor = self._actions_editor()
        row = self._action_row(field)
        if editor is None or row is None:
            return
        rows = editor.rows()
        if row is rows[-1]:
            await self.add_action_row()
            return
        name = next(n for n in ACTION_FIELDS if field.has_class(f"action-{n}"))
        self.set_focus(rows[rows.index(row) + 1].field(name))

    async def action_remove_action(self) -> None:
        editor = self._actions_editor()
        row = self._action_row(self.focused)
        if editor is None or row is None or self.meeting is None:
            return
        rows = editor.rows()
        index = rows.index(row)
        change = self.meeting.remove_record("action", row.action.id)
        if change is not None:
            self.submit(change, 0.0)
        await editor.remove_row(row.action.id)
        rows = editor.rows()
        if rows:
            self.set_focus(rows[min(index, len(rows) - 1)].field("wat"))
        else:
            self.set_focus(editor.query_one("#add-action"))
        self.answered_changed(self.stop)

    # -- dialogs -----------------------------------------------------------------------------
    @property
    def _screen(self) -> SessionScreen:
        """This screen as the dialogs know it (they talk to the whole session screen)."""
        return cast("SessionScreen", self)

    def action_participants(self) -> None:
        from grow_app.ui.screens.meeting_dialogs import ParticipantsScreen

        if self.meeting is not None:
            self.app.push_screen(ParticipantsScreen(self._screen))

    def action_parking_lot(self) -> None:
        from grow_app.ui.screens.meeting_dialogs import ParkingLotScreen

        if self.meeting is not None:
            self.app.push_screen(ParkingLotScreen(self._screen))

    def action_timebox(self) -> None:
        from grow_app.ui.screens.meeting_dialogs import TimeboxScreen
        from grow_app.ui.widgets.timebox import Timebox

        phase, meeting = self.phase, self.meeting
        if meeting is None:
            return
        note = ""
        if phase is None:  # the Kernboodschap has no phase: the clock on screen is the last one's
            shown = self.query_one(Timebox).phase_id
            phase = next((p for p in meeting.card.phases if p.id == shown), None)
            if phase is None:
                self.notify(t("session.timebox_no_phase"))
                return
            note = t("session.timebox_key_message", phase=phase.title)
        timed = phase

        def done(minutes: int | None) -> None:
            timebox = self.query_one(Timebox)
            if minutes == TimeboxScreen.RESTART:
                timebox.reset()
            elif minutes:
                change = meeting.edit_phase_minutes(timed.id, minutes)
                if change is not None:
                    self.submit(change, 0.0)
                timebox.set_minutes(meeting.phase_minutes(timed))

        screen = TimeboxScreen(timed.title, meeting.phase_minutes(timed), note=note)
        self.app.push_screen(screen, done)

    def _has_previous_actions(self) -> bool:
        """True when the previous session left actions and this card keeps an action list."""
        if self.meeting is None or self.meeting.actions_question() is None:
            return False
        return bool(self._previous_actions)

    def _should_offer_previous_actions(self) -> bool:
        return (
            self._has_previous_actions() and self.meeting is not None and not self.meeting.actions()
        )

    def action_previous_actions(self) -> None:
        from grow_app.ui.screens.previous_actions import PreviousActionsScreen

        if self.meeting is None or not self._previous_actions:
            return
        screen = PreviousActionsScreen(self._screen, self._previous_actions)
        self.app.push_screen(screen, self._after_carry_over)

    def previous_actions_changed(self, actions: list[Action]) -> None:
        """The dialog marked some (klaar, loopt...): keep them for the next time it opens."""
        self._previous_actions = list(actions)

    def _after_carry_over(self, count: int | None) -> None:
        if count:
            self.notify(t("session.prev_carried", count=count))
            self.run_worker(self.sync_actions(), exclusive=True, group="refresh-actions")

    def action_versions(self) -> None:
        area = self.focused
        if not isinstance(area, AnswerArea) or self.meeting is None:
            return
        key = area.save_key
        meeting, writer = self.meeting, self.writer
        where = self.pane.view.where if self.pane else ""

        def read() -> list:  # in a thread: the newest text belongs in the list
            writer.flush(5)
            if key[0] == "key_message":
                return meeting.history(KEY_MESSAGE_ID, "")
            return meeting.history(str(key[1]), str(key[2]))

        async def show() -> None:
            from grow_app.ui.screens.versions import VersionsScreen

            worker = self.run_worker(read, thread=True, exit_on_error=False)
            revisions = await worker.wait()

            def restore(text: str | None) -> None:
                if text is not None and text != area.text:
                    area.replace(text, area.document.start, area.document.end)
                area.focus()

            screen = VersionsScreen(
                where,
                revisions,
                origin=writer.origin,
                since=self.opened_at,
            )
            self.app.push_screen(screen, restore)

        self.run_worker(show(), group="versions", exclusive=True)

    def action_export(self) -> None:
        from grow_app.ui.screens.export_dialog import ExportScreen

        if self.meeting is None:
            return
        self.writer.save_soon()
        self.app.push_screen(ExportScreen(self.meeting, self.writer.flush))

    def action_intro(self) -> None:
        screen_class = _intro_screen()
        if screen_class is not None and self.meeting is not None:
            self.app.push_screen(screen_class(self.meeting.card))

    def action_leave(self) -> None:
        self.writer.save_soon()
        self.grow.leave_session(self)


@cache
def _intro_screen() -> type[IntroScreen] | None:
    try:
        from grow_app.ui.screens.intro import IntroScreen
    except ImportError:
        return None
    return IntroScreen
