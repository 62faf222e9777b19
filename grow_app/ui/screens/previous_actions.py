"""The actions of the partnership's previous session (on the same card), which open a new meeting.

Each is marked klaar / loopt / vervallen (k / l / v; in English d / p / x; backspace for open
again); one key (o; in English c) carries the ones still open or running over into this
session's action list. The actions are listed by their deadline ("Wanneer", with the year it
means); one that is still open and whose date has passed by this meeting is marked late.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from grow_app.i18n import language, t
from grow_app.records import Action
from grow_app.services.changes import RecordChange
from grow_app.ui.screens.meeting_dialogs import DIALOG_CSS
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from grow_app.services.meeting import Meeting
    from grow_app.ui.screens.session import SessionScreen

KEYS = {
    "nl": {"klaar": "k", "loopt": "l", "vervallen": "v", "carry_over": "o"},
    "en": {"klaar": "d", "loopt": "p", "vervallen": "x", "carry_over": "c"},
}
"""The letters of the marks, in the interface language (klaar/done, loopt/in progress ...)."""
WHEN_WIDTH = 28
WHO_WIDTH = 18
WHAT_AT_LEAST = 20
DIALOG_MAX = 110


class PreviousActionsScreen(ModalScreen[int]):
    """Dismisses with the number of actions carried over (0 when none)."""

    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    PreviousActionsScreen DataTable { height: auto; max-height: 14; }
    """
    )
    SCOPED_CSS = False  # the shared rules select the dialog by its class

    BINDINGS = [
        Binding("k", "mark('klaar')", "klaar", id="session.prev_klaar", tooltip="klaar"),
        Binding("l", "mark('loopt')", "loopt", id="session.prev_loopt", tooltip="loopt"),
        Binding("v", "mark('vervallen')", "vervallen", id="session.prev_vervallen", tooltip="v"),
        Binding("backspace", "mark('open')", "open", id="session.prev_open", tooltip="open"),
        Binding("o", "carry_over", "carry", id="session.prev_carry_over", tooltip="carry"),
        Binding("escape", "close", "close", id="session.close", tooltip="close"),
    ]

    def __init__(self, session: SessionScreen, actions: list[Action]) -> None:
        from grow_app.services.when import sorted_by_when

        super().__init__(classes="meeting-dialog")
        self.session = session
        assert session.meeting is not None  # the screen offers its dialogs once it is there
        self.meeting: Meeting = session.meeting
        self.previous_date = session.previous_date
        self.actions: list[Action] = sorted_by_when(
            actions, lambda a: a.wanneer, self.previous_date
        )
        translate_bindings(self)
        self._keys_in_language()

    def _keys_in_language(self) -> None:
        """k / l / v are Dutch words' letters: in English the marks take d / p / x (and c)."""
        letters = KEYS.get(language(), KEYS["nl"])
        by_id = {f"session.prev_{name}": key for name, key in letters.items()}
        keys: dict[str, list[Binding]] = {}
        for key, bindings in self._bindings.key_to_bindings.items():
            for binding in bindings:
                new = by_id.get(binding.id or "", key)
                keys.setdefault(new, []).append(replace(binding, key=new))
        self._bindings = BindingsMap()
        self._bindings.key_to_bindings = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                t("session.prev_title", date=self.previous_date),
                classes="dialog-title",
                markup=False,
            )
            table: DataTable[Text] = DataTable(cursor_type="row", id="previous-table")
            widths = self._widths()
            for key, width in zip(("status", "wanneer", "wie", "wat"), widths, strict=True):
                table.add_column(t(f"session.action_{key}"), key=key, width=width)
            for action in self.actions:
                table.add_row(*self._cells(action), key=action.id, height=None)
            yield table
            letters = KEYS.get(language(), KEYS["nl"])
            yield Static(t("session.prev_hint", **letters), classes="dialog-hint")
        yield SteadyFooter()

    def _widths(self) -> tuple[int, int, int, int]:
        """Status and Wanneer as wide as they need, Wie as wide as its longest word (names do
        not break mid-word), Wat the rest of the dialog (a cell of padding on either side); on
        a narrow screen Wanneer wraps first."""
        inner = min(DIALOG_MAX, int(self.app.size.width * 0.9)) - 2 - 4 - 1  # border, padding, bar
        status = max(len(t(f"action.{s}")) for s in ("open", "klaar", "loopt", "vervallen"))
        when = min(WHEN_WIDTH, max((len(self._cells(a)[1]) for a in self.actions), default=8))
        words = [w for a in self.actions for w in a.wie.split()] or [t("session.action_wie")]
        who = min(WHO_WIDTH, max(len(w) for w in words))
        what = inner - status - when - who - 4 * 2
        if what < WHAT_AT_LEAST:
            cut = max(0, min(when - 16, WHAT_AT_LEAST - what))
            when, what = when - cut, what + cut
        return status, when, who, max(12, what)

    def _cells(self, action: Action) -> tuple[Text, Text, Text, Text]:
        from grow_app.services.when import is_overdue, parse_when

        status = Text(t(f"action.{action.status}"))
        when = Text(parse_when(action.wanneer, self.previous_date).with_year())
        still_open = action.status in ("open", "loopt")
        today = self.meeting.session.date
        if still_open and is_overdue(action.wanneer, self.previous_date, today):
            when.append(f" ({t('when.overdue')})", style="bold red")
        return status, when, Text(action.wie), Text(action.wat)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def _current(self) -> Action | None:
        table = self.query_one(DataTable)
        if not self.actions:
            return None
        return self.actions[max(0, min(table.cursor_row, len(self.actions) - 1))]

    def action_mark(self, status: str) -> None:
        action = self._current()
        if action is None:
            return
        if action.status == status:
            return
        previous_session = self.session.previous_session_id
        self.session.submit(
            RecordChange(previous_session, "action", action.id, "status", status), 0.0
        )
        index = self.actions.index(action)
        self.actions[index] = replace(action, status=status)
        self.session.previous_actions_changed(self.actions)
        table = self.query_one(DataTable)
        status_cell, when_cell, _who, _what = self._cells(self.actions[index])
        table.update_cell(action.id, "status", status_cell)
        table.update_cell(action.id, "wanneer", when_cell)

    def action_carry_over(self) -> None:
        changes = self.meeting.carry_over_changes(self.actions)
        for change in changes:
            self.session.submit(change, 0.0)
        self.session.previous_actions_changed(self.actions)
        self.dismiss(len(changes))

    def action_close(self) -> None:
        self.dismiss(0)
