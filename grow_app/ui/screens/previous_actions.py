"""The actions of the partnership's previous session, which open a new meeting.

Each is marked klaar / loopt / vervallen (k / l / v, backspace for open again); one key (o)
carries the ones still open or running over into this session's action list.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Static

from grow_app.i18n import t
from grow_app.records import Action
from grow_app.services.changes import RecordChange
from grow_app.ui.screens.meeting_dialogs import DIALOG_CSS
from grow_app.ui.widgets.bindings import translate_bindings

if TYPE_CHECKING:
    from grow_app.ui.screens.session import SessionScreen


class PreviousActionsScreen(ModalScreen[int]):
    """Dismisses with the number of actions carried over (0 when none)."""

    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    PreviousActionsScreen DataTable { height: auto; max-height: 18; }
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
        super().__init__(classes="meeting-dialog")
        self.session = session
        self.meeting = session.meeting
        self.previous_date = session.previous_date
        self.actions: list[Action] = list(actions)
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                t("session.prev_title", date=self.previous_date),
                classes="dialog-title",
                markup=False,
            )
            table: DataTable[str] = DataTable(cursor_type="row", id="previous-table")
            for key in ("wat", "wie", "wanneer", "status"):
                table.add_column(t(f"session.action_{key}"), key=key)
            for action in self.actions:
                table.add_row(
                    Text(action.wat),
                    Text(action.wie),
                    Text(action.wanneer),
                    t(f"action.{action.status}"),
                    key=action.id,
                )
            yield table
            yield Static(t("session.prev_hint"), classes="dialog-hint")
        yield Footer()

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
        self.query_one(DataTable).update_cell(action.id, "status", t(f"action.{status}"))

    def action_carry_over(self) -> None:
        changes = self.meeting.carry_over_changes(self.actions)
        for change in changes:
            self.session.submit(change, 0.0)
        self.session.previous_actions_changed(self.actions)
        self.dismiss(len(changes))

    def action_close(self) -> None:
        self.dismiss(0)
