"""The session screen: the card's outline beside one question at a time, saved as it is typed.

Keys (see docs/handleiding.md): ctrl+down / ctrl+up (or alt+down / alt+up) next / previous
question, alt+1..9 jump to a phase, F2 participants, F3 parking lot, F4 key message, F6 timebox,
F7 actions of the previous session, F9 card intro, F10 back to the overview, ctrl+p find a
question, ctrl+e export (position paper or bundle). The footer shows the keys that fit its width.
Every edit is staged in the :class:`Meeting` at once and written by the
:class:`~grow_app.ui.autosave.Autosaver` thread after ``app.autosave_delay`` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from datetime import datetime
from functools import cache
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static, TextArea, Tree

from grow_app.card.models import Phase, Question
from grow_app.i18n import t
from grow_app.services.meeting import KEY_MESSAGE_ID, Meeting
from grow_app.ui.commands import SessionCommands
from grow_app.ui.meeting_saver import MeetingSaver
from grow_app.ui.widgets.answer_area import AnswerArea
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.common_bindings import show_in_footer
from grow_app.ui.widgets.common_typeahead import TypeAhead
from grow_app.ui.widgets.keys import restore_alt_digits
from grow_app.ui.widgets.outline import Outline
from grow_app.ui.widgets.question_editors import (
    ActionsChanged,
    ItemsEditor,
    KeyMessageEditor,
    SaveSoon,
    editor_for,
)
from grow_app.ui.widgets.status_choice import StatusChoice
from grow_app.ui.widgets.timebox import Timebox
from grow_app.ui.widgets.titles import where_label

MAX_PHASE_KEYS = 9
NARROW_WIDTH = 100
WIDE_WIDTH = 160

# The footer shows as many keys as fit on one line (F1 lists them all, ctrl+p finds them too):
# the first set always, the second from NARROW_WIDTH columns, the rest from WIDE_WIDTH.
FOOTER_ALWAYS = frozenset({"session.next", "session.parking", "session.leave"})
FOOTER_NORMAL = frozenset({"session.previous", "session.key_message"})
FOOTER_WIDE = frozenset(
    {
        "session.participants",
        "session.timebox",
        "session.previous_actions",
        "session.intro",
        "session.versions",
        "session.export",
        "session.find",
    }
)
FOOTER_IDS = FOOTER_ALWAYS | FOOTER_NORMAL | FOOTER_WIDE


class Saved(Message):
    """Posted (from the writer thread) after a write reached the database."""


class SaveFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def _phase_bindings() -> list[Binding]:
    return [
        Binding(f"alt+{n}", f"jump_phase({n - 1})", show=False, id=f"session.phase_{n}")
        for n in range(1, MAX_PHASE_KEYS + 1)
    ]


class SessionScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("session.tcss")
    COMMANDS = {SessionCommands}
    AUTO_FOCUS = None
    CLOSE_TIMEOUT = 10.0
    """Seconds to wait on leaving for the last writes (a locked file is retried meanwhile)."""

    BINDINGS = [
        Binding("ctrl+down,alt+down", "next_question", "next", id="session.next", tooltip="n"),
        Binding("ctrl+up,alt+up", "previous_question", "prev", id="session.previous", tooltip="p"),
        Binding("f2", "participants", "people", id="session.participants", tooltip="p"),
        Binding("f3", "parking_lot", "parking", id="session.parking", tooltip="p"),
        Binding("f4", "key_message", "key", id="session.key_message", tooltip="k"),
        Binding("f6", "timebox", "time", id="session.timebox", tooltip="t"),
        Binding("f7", "previous_actions", "previous", id="session.previous_actions", tooltip="p"),
        Binding("f9", "intro", "intro", id="session.intro", tooltip="i"),
        Binding("ctrl+e", "export", "export", id="session.export", tooltip="e"),
        Binding("f10", "leave", "leave", id="session.leave", tooltip="l"),
        Binding("ctrl+p", "app.command_palette", "find", id="session.find", tooltip="f"),
        Binding("alt+h", "versions", "versions", id="session.versions", tooltip="v"),
        Binding("ctrl+s", "save_now", "save", id="session.save_now", tooltip="s", show=False),
        *_phase_bindings(),
    ]

    def __init__(
        self,
        meeting: Meeting,
        *,
        clock: Callable[[], float] = time.monotonic,
        typed_ahead: str | TypeAhead = "",
    ) -> None:
        super().__init__()
        self.meeting = meeting
        self.clock = clock
        # What was typed on the opening screen, or before the first editor had focus.
        # (The opening screen of `grow open` shares its TypeAhead, so no key falls in between.)
        self.type_ahead = (
            typed_ahead if isinstance(typed_ahead, TypeAhead) else TypeAhead(typed_ahead)
        )
        self.stops: list[str] = [q.id for q in meeting.card.questions()]
        if meeting.card.key_message:
            self.stops.append(KEY_MESSAGE_ID)
        self.index = 0
        self.saver = MeetingSaver(
            meeting,
            on_saved=lambda: self.post_message(Saved()),
            on_error=lambda reason: self.post_message(SaveFailed(reason)),
        )
        self.autosaver = self.saver.autosaver
        self._previous_actions_count: int | None = None
        phase_texts = {
            f"session.phase_{n}": t("session.jump_phase", phase=phase.title)
            for n, phase in enumerate(meeting.card.phases[:MAX_PHASE_KEYS], start=1)
        }
        translate_bindings(self, phase_texts)
        restore_alt_digits()  # alt+1..9 jump to a phase: make the terminal's ESC+digit mean that

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        session = self.meeting.session
        with Horizontal(id="session-top"):
            yield Label(
                f"{session.partnership_name} · {session.date} · {self.meeting.card.title}",
                id="session-title",
                markup=False,
            )
            yield Label("", id="progress", markup=False)
            yield Timebox(clock=self._now, id="timebox")
            yield Label("", id="saved", markup=False)
        with Horizontal(id="session-body"):
            yield Outline(self.meeting, id="outline")
            with VerticalScroll(id="question-pane"):
                yield Label("", id="question-where", markup=False)
                yield Static("", id="question-text", markup=False)
                yield Static("", id="question-guidance", markup=False)
                yield Vertical(id="editor-slot")
        yield Footer(compact=True, show_command_palette=False)

    # Keys typed before the first editor had focus wait in this screen's queue while on_mount
    # builds the editor; they are judged by when they were typed, not when they are handled.
    _first_focus_at = float("inf")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._first_focus_at = min(self._first_focus_at, event.time)

    def _typed_ahead(self, event: events.Event) -> bool:
        return self.focused is None or event.time < self._first_focus_at

    def on_key(self, event: events.Key) -> None:
        if self._typed_ahead(event):
            self.type_ahead.take_key(event)

    def on_paste(self, event: events.Paste) -> None:
        if self._typed_ahead(event):
            self.type_ahead.take_paste(event)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.set_class(event.size.width >= WIDE_WIDTH, "-wide")
        self.fit_footer(event.size.width)

    def fit_footer(self, width: int) -> None:
        """Show in the footer only the keys that fit in ``width`` columns."""
        shown = set(FOOTER_ALWAYS)
        if width >= NARROW_WIDTH:
            shown |= FOOTER_NORMAL
        if width >= WIDE_WIDTH:
            shown |= FOOTER_WIDE
        show_in_footer(self, shown, FOOTER_IDS)

    def _now(self) -> float:
        return self.clock()

    async def on_mount(self) -> None:
        await self.show_stop(self._first_open_stop())
        if self._should_offer_previous_actions():
            self.call_after_refresh(self.action_previous_actions)

    def _first_open_stop(self) -> int:
        for index, stop in enumerate(self.stops):
            if not self._stop_answered(stop):
                return index
        return 0

    def _stop_answered(self, stop: str) -> bool:
        if stop == KEY_MESSAGE_ID:
            return self.meeting.key_message_answered()
        question = self.meeting.card.question(stop)
        return question is not None and self.meeting.is_answered(question)

    # -- where we are --------------------------------------------------------------------------
    @property
    def stop(self) -> str:
        return self.stops[self.index]

    @property
    def question(self) -> Question | None:
        return self.meeting.card.question(self.stop)

    @property
    def phase(self) -> Phase | None:
        return self.meeting.card.phase_of(self.stop)

    async def show_stop(self, index: int) -> None:
        """Show question ``index``: save what is pending, build its editor, focus it."""
        self.autosaver.save_soon()
        self.index = max(0, min(index, len(self.stops) - 1))
        card = self.meeting.card
        where, text, guidance = "", "", ""
        if self.stop == KEY_MESSAGE_ID and card.key_message:
            where = card.key_message.label
            text = card.key_message.prompt or card.key_message.label
            editor = KeyMessageEditor(self.meeting)
        else:
            phase, section, question = next(
                (p, s, q) for p, s, q in card.locate() if q.id == self.stop
            )
            where = where_label(phase.title, section.title)
            text, guidance = question.text, question.guidance
            editor = editor_for(self.meeting, question)
        position = t("session.position", number=self.index + 1, total=len(self.stops))
        self.query_one("#question-where", Label).update(f"{where}   {position}")
        question_text = self.query_one("#question-text", Static)
        question_text.update(text)
        question_text.set_class(isinstance(editor, ItemsEditor), "-continues")
        guidance_widget = self.query_one("#question-guidance", Static)
        guidance_widget.update(guidance)
        guidance_widget.display = bool(guidance)
        slot = self.query_one("#editor-slot", Vertical)
        # Let go of the old editor first, or removing it hands the focus to the question pane,
        # which could win over the new editor's focus (two quick moves in a row).
        self.set_focus(None)
        await slot.remove_children()
        await slot.mount(editor)
        self.query_one(Outline).show_question(self.stop)
        self.refresh_progress()
        self._enter_phase()
        self.query_one("#question-pane", VerticalScroll).scroll_home(animate=False)
        self.focus_editor()
        self.refresh_bindings()

    def focus_editor(self) -> None:
        """Focus the first empty editor of the question (or the first editor)."""
        slot = self.query_one("#editor-slot")
        areas = [
            w
            for w in slot.query("AnswerArea, StatusChoice, CleanInput, DataTable, Button")
            if w.can_focus
        ]
        if not areas:
            return
        empty = next((w for w in areas if _is_empty(w)), None)
        target = empty or areas[0]
        if self.question is not None and self.question.kind == "grid":
            target = slot.query_one("#grid-cell-editor")
        self.set_focus(target)  # at once: Widget.focus() waits a turn, and loses races
        if isinstance(target, AnswerArea):
            target.move_cursor(target.document.end)
        if self.type_ahead.target is None:  # the first editor: hand it what was typed ahead
            self.type_ahead.deliver(target)

    def _enter_phase(self) -> None:
        phase = self.phase
        timebox = self.query_one(Timebox)
        if phase is not None:
            timebox.enter_phase(phase.id, phase.title, self.meeting.phase_minutes(phase))

    # -- saving --------------------------------------------------------------------------------
    def _submit(self, save_key: Hashable, text: str) -> None:
        changed = self.saver.edit(save_key, text, self.app.autosave_delay)  # type: ignore[attr-defined]
        if changed is not None:
            self._answered_changed(changed)

    def _answered_changed(self, stop: str) -> None:
        """Update the outline mark of ``stop`` (and the progress figures if it flipped)."""
        if self.query_one(Outline).refresh_question(stop):
            self.refresh_progress()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        save_key = getattr(event.text_area, "save_key", None)
        if save_key is not None:
            self._submit(save_key, event.text_area.text)

    def on_input_changed(self, event: Input.Changed) -> None:
        save_key = getattr(event.input, "save_key", None)
        if save_key is not None:
            self._submit(save_key, event.value)

    def on_status_choice_changed(self, event: StatusChoice.Changed) -> None:
        self._submit(event.choice.save_key, event.value)

    def on_save_soon(self, event: SaveSoon) -> None:
        event.stop()
        self.autosaver.save_soon()

    def on_actions_changed(self, event: ActionsChanged) -> None:
        event.stop()
        question = self.meeting.actions_question()
        if question is not None:
            self._answered_changed(question.id)
        self._mark_saved()

    _told_failure: str | None = None

    def on_saved(self, event: Saved) -> None:
        self._told_failure = None
        self._mark_saved()

    def _mark_saved(self) -> None:
        label = self.query_one("#saved", Label)
        label.remove_class("-failed")
        label.update(t("session.saved_at", time=datetime.now().strftime("%H:%M:%S")))

    def on_save_failed(self, event: SaveFailed) -> None:
        label = self.query_one("#saved", Label)
        label.add_class("-failed")
        label.update(message := t("session.save_failed", reason=event.reason))
        if event.reason != self._told_failure:  # the label may be cut off: once in full
            self._told_failure = event.reason
            self.notify(message, severity="error", timeout=10, markup=False)

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything typed so far and wait for it (tests, quitting)."""
        return self.autosaver.flush(timeout)

    def on_screen_suspend(self) -> None:
        self.autosaver.save_soon()

    def on_unmount(self) -> None:
        path = self.saver.close(self.CLOSE_TIMEOUT)
        if path is not None:
            self.app.notify(t("session.recovery_written", path=path), severity="error")

    # -- moving around -------------------------------------------------------------------------
    async def go_to(self, stop: str) -> None:
        if stop in self.stops:
            await self.show_stop(self.stops.index(stop))

    async def action_next_question(self) -> None:
        if self.index < len(self.stops) - 1:
            await self.show_stop(self.index + 1)

    async def action_previous_question(self) -> None:
        if self.index > 0:
            await self.show_stop(self.index - 1)

    async def action_jump_phase(self, number: int) -> None:
        phases = self.meeting.card.phases
        if 0 <= number < len(phases):
            first = next(phases[number].questions())
            await self.go_to(first.id)

    async def action_key_message(self) -> None:
        await self.go_to(KEY_MESSAGE_ID)

    async def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        """A question opens; a phase or section opens its first question."""
        event.stop()
        node = event.node
        while node.data not in self.stops and node.children:
            node = node.children[0]
        if node.data in self.stops:
            await self.go_to(node.data)

    def refresh_progress(self) -> None:
        answered, total = self.meeting.overall_progress()
        self.query_one("#progress", Label).update(
            t("session.progress", answered=answered, total=total)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "jump_phase":
            return int(parameters[0]) < len(self.meeting.card.phases)  # type: ignore[arg-type]
        if action == "key_message":
            return self.meeting.card.key_message is not None
        if action == "next_question":
            return self.index < len(self.stops) - 1 or None
        if action == "previous_question":
            return self.index > 0 or None
        if action == "previous_actions":
            return self._has_previous_actions()
        if action == "intro":
            return _intro_screen() is not None
        if action == "versions":
            return isinstance(self.focused, AnswerArea)
        return True

    # -- meeting aids ----------------------------------------------------------------------------
    def action_participants(self) -> None:
        from grow_app.ui.screens.meeting_dialogs import ParticipantsScreen

        self.app.push_screen(ParticipantsScreen(self.meeting), lambda _ok: self._mark_saved())

    def action_parking_lot(self) -> None:
        from grow_app.ui.screens.meeting_dialogs import ParkingLotScreen

        self.app.push_screen(ParkingLotScreen(self.meeting))

    def action_timebox(self) -> None:
        from grow_app.ui.screens.meeting_dialogs import TimeboxScreen

        phase = self.phase
        if phase is None:
            return

        def done(minutes: int | None) -> None:
            timebox = self.query_one(Timebox)
            if minutes == TimeboxScreen.RESTART:
                timebox.reset()
            elif minutes:
                self.meeting.set_phase_minutes(phase.id, minutes)
                timebox.set_minutes(self.meeting.phase_minutes(phase))

        self.app.push_screen(TimeboxScreen(phase.title, self.meeting.phase_minutes(phase)), done)

    def _has_previous_actions(self) -> bool:
        """True when the previous session left actions and this card keeps an action list."""
        if self.meeting.actions_question() is None:
            return False
        if self._previous_actions_count is None:
            self._previous_actions_count = len(self.meeting.previous_actions())
        return self._previous_actions_count > 0

    def _should_offer_previous_actions(self) -> bool:
        return self._has_previous_actions() and not self.meeting.actions()

    def action_previous_actions(self) -> None:
        from grow_app.ui.screens.previous_actions import PreviousActionsScreen

        self.app.push_screen(PreviousActionsScreen(self.meeting), self._after_carry_over)

    def _after_carry_over(self, count: int | None) -> None:
        if not count:
            return
        self.notify(t("session.prev_carried", count=count))
        self.run_worker(self._refresh_actions(), exclusive=True, group="refresh-actions")

    async def _refresh_actions(self) -> None:
        question = self.meeting.actions_question()
        if question is None:
            return
        self._answered_changed(question.id)
        if self.stop == question.id:
            await self.show_stop(self.index)

    def action_save_now(self) -> None:
        """Autosave needs no key, but people press ctrl+s anyway: write now and say so."""
        if self.flush(5):
            self._mark_saved()

    def action_versions(self) -> None:
        from grow_app.ui.screens.versions import VersionsScreen

        area = self.focused
        if not isinstance(area, AnswerArea):
            return
        self.flush(5)  # the newest text belongs in the list
        key = area.save_key
        if key[0] == "key_message":  # type: ignore[index]
            revisions = self.meeting.history(KEY_MESSAGE_ID)
        else:
            revisions = self.meeting.history(key[1], key[2])  # type: ignore[index]
        title = str(self.query_one("#question-where", Label).render()).split("   ")[0]

        def restore(text: str | None) -> None:
            if text is not None and text != area.text:
                area.replace(text, area.document.start, area.document.end)
            area.focus()

        self.app.push_screen(VersionsScreen(title, revisions), restore)

    def action_export(self) -> None:
        from grow_app.ui.screens.export_dialog import ExportScreen

        self.autosaver.save_soon()
        self.app.push_screen(ExportScreen(self.meeting, self.flush))

    def action_intro(self) -> None:
        screen_class = _intro_screen()
        if screen_class is not None:
            self.app.push_screen(screen_class(self.meeting.card))

    def action_leave(self) -> None:
        self.autosaver.save_soon()
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
            return
        try:
            from grow_app.ui.screens.home import HomeScreen
        except ImportError:
            self.app.exit()
            return
        self.app.switch_screen(HomeScreen())


def _is_empty(widget: object) -> bool:
    """An answer editor with no text yet, or a recommendation without a status."""
    if isinstance(widget, AnswerArea):
        return not widget.text.strip()
    return isinstance(widget, StatusChoice) and not widget.value


@cache
def _intro_screen() -> type[Screen] | None:
    try:
        from grow_app.ui.screens.intro import IntroScreen
    except ImportError:
        return None
    return IntroScreen
