"""The session screen's side of saving: every edit to the writer, its news back on screen.

An edit is reported by the field itself (``take_edit``) at the moment it happens; the screen
stages it in the meeting and hands the change to the app's one writer thread (never waiting for
SQLite). The writer's news comes back as :class:`~grow_app.services.writer.WriterEvent`:
saved (the time in the top bar), failing (one line that stays until a write succeeds), a
crossing with another window (both texts kept; the line offers the other one), a refusal, and
what other windows saved (shown within a second, except in a field being typed in).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.widgets import Label

from grow_app.i18n import t
from grow_app.keys import KEY_MESSAGE_ID
from grow_app.ui.screens.session_host import SessionHost
from grow_app.ui.widgets.answer_area import AnswerArea, CleanInput, SaveKey
from grow_app.ui.widgets.notice import Notice
from grow_app.ui.widgets.status_choice import StatusChoice
from grow_app.ui.widgets.steady_label import show_text

if TYPE_CHECKING:
    from grow_app.services import changes as ch
    from grow_app.services import writer as w
    from grow_app.services.writer import Writer
    from grow_app.ui.widgets.table_editors import ActionsEditor

PREVIEW_CHARS = 60


def preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


class SessionSync(SessionHost):
    """Mixin of :class:`~grow_app.ui.screens.session.SessionScreen` (it has the attributes)."""

    @property
    def writer(self) -> Writer:
        return self.grow.writer

    @property
    def delay(self) -> float:
        return float(self.grow.autosave_delay)

    # -- edits ---------------------------------------------------------------------------------
    def take_edit(self, save_key: SaveKey, value: str) -> None:
        """A field changed (typing, a paste, a status): stage it, and hand it to the writer."""
        self.note_activity()
        if self._held is not None:  # before the first frame: the change is made after it
            self._held.append(partial(self._stage_edit, save_key, value))
            return
        self._stage_edit(save_key, value)

    def _stage_edit(self, key: SaveKey, value: str) -> None:
        change = self._change_for(key, value)
        if change is None:
            return
        self.submit(change)
        stop = self._stop_of(key)
        if stop:
            self.answered_changed(stop)

    def submit(self, change: ch.Change, delay: float | None = None) -> None:
        self._dirty.add(change.key)
        wait = self.delay if delay is None else delay
        if self._held is not None:
            self._held.append(partial(self.writer.submit, change, wait))
            return
        self.writer.submit(change, wait)

    def release_held(self) -> None:
        """The first frame is drawn: start the writer and hand it what was typed before.

        Keys typed while grow starts reach the first editor before its first frame; starting
        the writer then (its imports take a few hundredths of a second) would keep those keys
        off the screen that long. So edits wait here, in order, until the frame is drawn (or
        until the screen has to write: leaving, quitting, a test's flush). Even the change is
        made only then: the change records (:mod:`grow_app.services.changes`) took ~10 ms to
        import, in the frame that shows a key typed while grow started."""
        held, self._held = self._held, None
        for step in held or []:
            step()

    def _change_for(self, key: ch.Key, value: str) -> ch.Change | None:
        values = self.values
        if values is None:
            return None
        if key[0] == "answer":
            return values.edit_answer(key[1], key[2], value)
        if key[0] == "key_message":
            return values.edit_key_message(value)
        if key[0] == "status":
            return values.edit_status(key[1], key[2], value)
        if self.meeting is not None and len(key) == 3:
            return self.meeting.edit_record(key[0], key[1], key[2], value)
        return None

    def _stop_of(self, key: ch.Key) -> str | None:
        if key[0] in ("answer", "status"):
            return str(key[1])
        if key[0] == "key_message":
            return KEY_MESSAGE_ID
        if key[0] == "action" and self.meeting is not None:  # counts once something is written
            question = self.meeting.actions_question()
            return question.id if question else None
        return None

    def on_status_choice_changed(self, event: StatusChoice.Changed) -> None:
        self.take_edit(event.choice.save_key, event.value)

    # -- the writer's news ---------------------------------------------------------------------
    def writer_event(self, event: w.WriterEvent) -> None:
        """From the app (on the UI thread), in the order the writer reported."""
        from grow_app.services import writer as w

        session = getattr(getattr(event, "change", None), "session_id", self.session_id)
        if isinstance(event, w.Saved) and session == self.session_id:
            self._saved(event)
        elif isinstance(event, w.Failing):
            self._failing(event.message)
        elif isinstance(event, w.Recovered):
            self._notice.clear("failing")
            self.mark_saved()
        elif isinstance(event, w.Refused) and session == self.session_id:
            self._notice.say(event.message, "refused")
        elif isinstance(event, w.Remote) and event.session_id == self.session_id:
            self.run_worker(self._take_remote(event), group="remote", exclusive=False)

    @property
    def _notice(self) -> Notice:
        return self.query_one("#notice", Notice)

    def _saved(self, event: w.Saved) -> None:
        from grow_app.services import changes as ch
        from grow_app.services.session_start import StartMeeting

        change = event.change
        if self.meeting is not None:
            self.meeting.saved(change, event.written)
            current = self.meeting.text_of(change.key)
        elif isinstance(self.values, StartMeeting):
            self.values.saved(change)
            current = self.values.edited.get(change.key)
        else:
            current = None
        stored = getattr(change, "new_text", None)
        if isinstance(change, ch.RecordChange):
            stored = change.value
        if isinstance(change, ch.StatusChange):
            stored = change.status
        if stored is None or stored == current:
            self._dirty.discard(change.key)
        if event.written.crossed is not None:
            where = self._where(change)
            self._notice.say(
                t("session.crossed", where=where, theirs=preview(event.written.crossed)), "crossed"
            )
        self.mark_saved()

    def _where(self, change: ch.Change) -> str:
        stop, _item = change.where
        pane = self._panes.get(stop)
        return pane.view.text[:40] if pane is not None else stop

    def _saved_label(self) -> Label | None:
        """The top bar's save time; none while the screen is being taken down (a writer's
        answer can still arrive then)."""
        return self.query_one_optional("#saved", Label)

    def _failing(self, message: str) -> None:
        label = self._saved_label()
        if label is None:
            return
        label.add_class("-failed")
        show_text(label, t("session.not_saved"))
        self._notice.say(message, "failing")

    def mark_saved(self) -> None:
        label = self._saved_label()
        if label is None:
            return
        label.remove_class("-failed")
        show_text(label, t("session.saved_at", time=datetime.now().strftime("%H:%M:%S")))

    # -- what other windows saved --------------------------------------------------------------
    def _adopt(self, key: tuple, text: str) -> bool:
        """A field shows another window's text unless it has unsaved typing of its own."""
        if key in self._dirty:
            self._notice.say(t("session.also_changed", theirs=preview(text)), "crossed")
            return False
        return True

    async def _take_remote(self, event: w.Remote) -> None:
        """Show what another window saved; a bug here costs that update, never the meeting."""
        if self.meeting is None:
            return
        try:
            await self._show_remote(event)
        except Exception as err:
            from grow_app.errors import write_crash_log

            log = write_crash_log(err)
            self._notice.say(t("session.remote_failed", log=log or "-"), "info")

    async def _show_remote(self, event: w.Remote) -> None:
        assert self.meeting is not None
        update = self.meeting.take_remote(event.rows, event.changed, adopt=self._adopt)
        if update.removed:
            self._notice.say(t("session.removed_elsewhere"), "info")
        for key, text in update.texts.items():
            self._show_text(key, text)
        for (qid, item), status in update.statuses.items():
            pane = self._panes.get(qid)
            for widget in pane.field_for(("status", qid, item)) if pane else ():
                if isinstance(widget, StatusChoice):
                    widget.show_value(status)
            self.answered_changed(qid)
        await self.refresh_aids(update)

    def _show_text(self, key: tuple, text: str) -> None:
        stop = KEY_MESSAGE_ID if key[0] == "key_message" else str(key[1])
        pane = self._panes.get(stop)
        if pane is not None:
            if key[0] == "answer":
                pane.editor.show_answer(str(key[2]), text)
            else:
                for widget in pane.field_for(key):
                    if isinstance(widget, AnswerArea | CleanInput):
                        widget.show_text(text)
        self.answered_changed(stop)

    async def sync_actions(self) -> None:
        """Show the action list as the meeting has it (after another window changed it)."""
        if self.meeting is None:
            return
        question = self.meeting.actions_question()
        pane = self._panes.get(question.id) if question else None
        if pane is not None and pane.editor.kind == "actions":
            editor = cast("ActionsEditor", pane.editor)
            await editor.sync(self.meeting.actions(), self._dirty)
        if question is not None:
            self.answered_changed(question.id)
