"""The editors for each kind of question, built from the card (nothing here is card-specific).

Every editable widget carries a ``save_key``; the session screen saves by it:
``("answer", question_id, item_key)``, ``("status", question_id, item_key)``,
``("key_message",)`` or ``("action", action_id, field)``.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, DataTable, Static, TextArea

from grow_app.card.models import Question, grid_key
from grow_app.i18n import t
from grow_app.records import Action
from grow_app.services.meeting import Meeting
from grow_app.ui.widgets.answer_area import AnswerArea, CleanInput
from grow_app.ui.widgets.status_choice import StatusChoice

PREVIEW_CHARS = 28


class SaveSoon(Message):
    """Ask the screen to write pending edits now (e.g. when moving to another grid cell)."""


def editor_for(meeting: Meeting, question: Question) -> Widget:
    if question.kind == "per_item":
        return ItemsEditor(meeting, question, [(i.key, i.text) for i in question.items])
    if question.kind == "per_dimension":
        dim = meeting.card.dimension(question.dimension)
        members = [(m.key, m.label) for m in dim.members] if dim else []
        return ItemsEditor(meeting, question, members)
    if question.kind == "grid":
        return GridEditor(meeting, question)
    if question.kind == "recommendations":
        return RecommendationsEditor(meeting, question)
    if question.kind == "actions":
        return ActionsEditor(meeting, question)
    return TextEditor(meeting, question)


class TextEditor(Vertical):
    DEFAULT_CSS = "TextEditor { height: auto; }"

    def __init__(self, meeting: Meeting, question: Question) -> None:
        super().__init__(classes="question-editor")
        self.meeting, self.question = meeting, question

    def compose(self) -> ComposeResult:
        yield AnswerArea(
            self.meeting.answer(self.question.id),
            save_key=("answer", self.question.id, ""),
            placeholder=t("session.type_here"),
        )


class KeyMessageEditor(Vertical):
    DEFAULT_CSS = "KeyMessageEditor { height: auto; }"

    def __init__(self, meeting: Meeting) -> None:
        super().__init__(classes="question-editor")
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        yield AnswerArea(
            self.meeting.key_message,
            save_key=("key_message",),
            placeholder=t("session.type_here"),
        )


class ItemsEditor(Vertical):
    """One answer per sub-item (per_item) or per dimension member (per_dimension)."""

    DEFAULT_CSS = """
    ItemsEditor { height: auto; }
    ItemsEditor .item-label { margin-top: 1; color: $text-primary; }
    """

    def __init__(self, meeting: Meeting, question: Question, items: list[tuple[str, str]]) -> None:
        super().__init__(classes="question-editor")
        self.meeting, self.question, self.items = meeting, question, items

    def compose(self) -> ComposeResult:
        for key, label in self.items:
            yield Static(Text(label, style="bold"), classes="item-label")
            yield AnswerArea(
                self.meeting.answer(self.question.id, key),
                save_key=("answer", self.question.id, key),
                placeholder=t("session.type_here"),
            )


class RecommendationsEditor(Vertical):
    DEFAULT_CSS = """
    RecommendationsEditor { height: auto; }
    RecommendationsEditor .item-label { margin-top: 1; }
    """

    def __init__(self, meeting: Meeting, question: Question) -> None:
        super().__init__(classes="question-editor")
        self.meeting, self.question = meeting, question

    def compose(self) -> ComposeResult:
        qid = self.question.id
        for number, item in enumerate(self.question.items, start=1):
            yield Static(Text(f"{number}. {item.text}", style="bold"), classes="item-label")
            yield StatusChoice(
                self.meeting.status(qid, item.key), save_key=("status", qid, item.key)
            )
            yield AnswerArea(
                self.meeting.answer(qid, item.key),
                save_key=("answer", qid, item.key),
                placeholder=t("session.explain"),
            )


class GridEditor(Vertical):
    """Rows x columns of two dimensions: an overview table and an editor for the chosen cell.

    Arrow keys move through the table; enter (or tab) goes into the cell's editor; in the
    editor alt+arrows move to the neighbouring cell and escape goes back to the table.
    """

    DEFAULT_CSS = """
    GridEditor { height: auto; }
    GridEditor DataTable { height: auto; max-height: 12; margin-bottom: 1; }
    GridEditor #grid-cell-title { text-style: bold; }
    """

    BINDINGS = [
        Binding("alt+up", "move_cell(-1, 0)", show=False),
        Binding("alt+down", "move_cell(1, 0)", show=False),
        Binding("alt+left", "move_cell(0, -1)", show=False),
        Binding("alt+right", "move_cell(0, 1)", show=False),
        Binding("escape", "to_table", show=False),
    ]

    def __init__(self, meeting: Meeting, question: Question) -> None:
        super().__init__(classes="question-editor")
        self.meeting, self.question = meeting, question
        rows, cols = meeting.card.dimension(question.rows), meeting.card.dimension(question.columns)
        self.rows = list(rows.members) if rows else []
        self.columns = list(cols.members) if cols else []
        self.cell = self._first_empty_cell()

    def _first_empty_cell(self) -> tuple[int, int]:
        for r, row in enumerate(self.rows):
            for c, col in enumerate(self.columns):
                if not self.meeting.answer(self.question.id, grid_key(row.key, col.key)).strip():
                    return r, c
        return 0, 0

    def _key(self, cell: tuple[int, int]) -> str:
        return grid_key(self.rows[cell[0]].key, self.columns[cell[1]].key)

    def _preview(self, row: int, col: int, text: str | None = None) -> Text:
        """The start of a cell's answer, as plain text (never read as markup)."""
        if text is None:
            text = self.meeting.answer(self.question.id, self._key((row, col)))
        text = " ".join(text.split())
        return Text(text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…")

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable(
            cursor_type="cell", id="grid-table", zebra_stripes=True, fixed_columns=1
        )
        table.add_column("", key="_row")
        for col in self.columns:
            table.add_column(Text(col.label), key=col.key)
        for r, row in enumerate(self.rows):
            values = [self._preview(r, c) for c in range(len(self.columns))]
            table.add_row(Text(row.label, style="bold"), *values, key=row.key)
        yield table
        yield Static(self._cell_title(), id="grid-cell-title", markup=False)
        yield AnswerArea(
            self.meeting.answer(self.question.id, self._key(self.cell)),
            save_key=("answer", self.question.id, self._key(self.cell)),
            placeholder=t("session.type_here"),
            id="grid-cell-editor",
        )

    def on_mount(self) -> None:
        if self.rows and self.columns:
            self.query_one(DataTable).move_cursor(row=self.cell[0], column=self.cell[1] + 1)

    def _cell_title(self) -> str:
        if not self.rows or not self.columns:
            return ""
        row, col = self.rows[self.cell[0]], self.columns[self.cell[1]]
        return f"{row.label} × {col.label}"

    @property
    def editor(self) -> AnswerArea:
        return self.query_one("#grid-cell-editor", AnswerArea)

    def select_cell(self, row: int, col: int) -> None:
        """Show cell (row, col) in the editor; pending text of the previous cell is saved first."""
        row = max(0, min(row, len(self.rows) - 1))
        col = max(0, min(col, len(self.columns) - 1))
        if (row, col) == self.cell:
            return
        self.post_message(SaveSoon())
        self.cell = (row, col)
        key = self._key(self.cell)
        self.editor.replace_text(
            self.meeting.answer(self.question.id, key), ("answer", self.question.id, key)
        )
        self.query_one("#grid-cell-title", Static).update(self._cell_title())

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        row, col = event.coordinate.row, event.coordinate.column - 1
        if col < 0:
            event.data_table.move_cursor(row=row, column=1)
            return
        self.select_cell(row, col)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.editor.focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # let the screen save it too (no stop); refresh the overview's preview of this cell
        if event.text_area is self.editor and self.rows:
            row, col = self.cell
            self.query_one(DataTable).update_cell(
                self.rows[row].key,
                self.columns[col].key,
                self._preview(row, col, event.text_area.text),
            )

    def action_move_cell(self, d_row: int, d_col: int) -> None:
        row, col = self.cell[0] + d_row, self.cell[1] + d_col
        self.query_one(DataTable).move_cursor(
            row=max(0, min(row, len(self.rows) - 1)),
            column=max(0, min(col, len(self.columns) - 1)) + 1,
        )

    def action_to_table(self) -> None:
        self.query_one(DataTable).focus()


class ActionRow(Horizontal):
    DEFAULT_CSS = """
    ActionRow { height: auto; }
    ActionRow CleanInput { width: 1fr; }
    ActionRow .action-wat { width: 2fr; }
    ActionRow .action-wanneer { min-width: 16; }
    """

    def __init__(self, action: Action) -> None:
        super().__init__(classes="action-row")
        self.action = action

    def compose(self) -> ComposeResult:
        for field in ("wat", "wie", "wanneer"):
            yield CleanInput(
                getattr(self.action, field),
                save_key=("action", self.action.id, field),
                placeholder=t(f"session.action_{field}"),
                classes=f"action-{field}",
            )


class ActionsEditor(Vertical):
    """The action list: wat / wie / wanneer per row. Enter on the last row adds a row."""

    DEFAULT_CSS = """
    ActionsEditor { height: auto; }
    ActionsEditor #action-buttons { height: auto; margin-top: 1; }
    ActionsEditor .empty-note { color: $text-muted; }
    ActionsEditor .actions-hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [
        Binding(
            "shift+delete",
            "remove_action",
            "remove",
            id="session.remove_action",
            tooltip="remove",
            show=False,  # the hint under the list says it; the footer stays for moving around
        ),
    ]

    def __init__(self, meeting: Meeting, question: Question) -> None:
        super().__init__(classes="question-editor")
        self.meeting, self.question = meeting, question
        from grow_app.ui.widgets.bindings import translate_bindings

        translate_bindings(self)

    def compose(self) -> ComposeResult:
        actions = self.meeting.actions()
        if not actions:
            yield Static(t("session.no_actions"), classes="empty-note")
        for action in actions:
            yield ActionRow(action)
        with Horizontal(id="action-buttons"):
            yield Button(t("session.add_action"), id="add-action", variant="primary")
        yield Static(t("session.actions_hint"), classes="actions-hint")

    def rows(self) -> list[ActionRow]:
        return list(self.query(ActionRow))

    async def add_action(self) -> None:
        action_id = self.meeting.add_action()
        action = next(a for a in self.meeting.actions() if a.id == action_id)
        for note in self.query(".empty-note"):
            await note.remove()
        row = ActionRow(action)
        await self.mount(row, before=self.query_one("#action-buttons"))
        row.query_one(CleanInput).focus()
        self.post_message(ActionsChanged())

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-action":
            event.stop()
            await self.add_action()

    async def on_input_submitted(self, event: CleanInput.Submitted) -> None:
        row = next((r for r in event.input.ancestors if isinstance(r, ActionRow)), None)
        if row is None:
            return
        event.stop()
        rows = self.rows()
        if row is rows[-1]:
            await self.add_action()
        else:
            index = rows.index(row)
            field = next(c for c in event.input.classes if c.startswith("action-"))
            rows[index + 1].query_one(f".{field}", CleanInput).focus()

    def _focused_row(self) -> ActionRow | None:
        focused = self.screen.focused
        if focused is None:
            return None
        return next((r for r in focused.ancestors if isinstance(r, ActionRow)), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_action":
            return self._focused_row() is not None
        return True

    async def action_remove_action(self) -> None:
        row = self._focused_row()
        if row is None:
            return
        self.post_message(SaveSoon())
        rows = self.rows()
        index = rows.index(row)
        self.meeting.remove_action(row.action.id)
        await row.remove()
        rows = self.rows()
        if rows:
            rows[min(index, len(rows) - 1)].query_one(CleanInput).focus()
        else:
            self.query_one("#add-action", Button).focus()
        self.post_message(ActionsChanged())


class ActionsChanged(Message):
    """An action was added or removed (the outline's mark may change)."""
