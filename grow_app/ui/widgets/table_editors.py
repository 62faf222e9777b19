"""The editors with a table: the grid (two dimensions, cell by cell) and the action list.

Loaded only when a card has such a question (``DataTable`` and ``Button`` are not needed for the
first frame of most meetings).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, DataTable, Label, Static, TextArea

from grow_app.i18n import t
from grow_app.records import Action, grid_key
from grow_app.services.question_view import QuestionView
from grow_app.ui.widgets.answer_area import AnswerArea, CleanInput
from grow_app.ui.widgets.question_editors import (
    ACTION_FIELDS,
    AddActionRequested,
    QuestionEditor,
    Values,
)

PREVIEW_CHARS = 28


class GridEditor(QuestionEditor):
    """Rows x columns of two dimensions: an overview table and an editor for the chosen cell.

    Arrow keys move through the table; enter (or tab) goes into the cell's editor; in the
    editor alt+arrows move to the neighbouring cell and escape goes back to the table. The
    cell moves are bindings of this editor (not the screen's), so they are handled in order with
    the keys typed before them: a typed key never lands in the next cell.
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

    def __init__(self, view: QuestionView, values: Values) -> None:
        super().__init__(view, values)
        self.rows = list(view.rows)
        self.columns = list(view.columns)
        self.cell = self._first_empty_cell()

    def _first_empty_cell(self) -> tuple[int, int]:
        for r, (row, _) in enumerate(self.rows):
            for c, (col, _) in enumerate(self.columns):
                if not self.values.answer(self.view.stop, grid_key(row, col)).strip():
                    return r, c
        return 0, 0

    def _key(self, cell: tuple[int, int]) -> str:
        return grid_key(self.rows[cell[0]][0], self.columns[cell[1]][0])

    def _preview(self, row: int, col: int, text: str | None = None) -> Text:
        """The start of a cell's answer, as plain text (never read as markup)."""
        if text is None:
            text = self.values.answer(self.view.stop, self._key((row, col)))
        text = " ".join(text.split())
        return Text(text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…")

    def compose(self) -> ComposeResult:
        # Its own id: compare.tcss (read at start) styles the comparison's "#grid-table".
        table: DataTable[Text] = DataTable(
            cursor_type="cell", id="answer-grid", zebra_stripes=True, fixed_columns=1
        )
        table.add_column("", key="_row")
        for key, label in self.columns:
            table.add_column(Text(label), key=key)
        for r, (key, label) in enumerate(self.rows):
            values = [self._preview(r, c) for c in range(len(self.columns))]
            table.add_row(Text(label, style="bold"), *values, key=key)
        yield table
        yield Static(self._cell_title(), id="grid-cell-title", markup=False)
        cell_key = self._key(self.cell) if self.rows and self.columns else ""
        yield AnswerArea(
            self.values.answer(self.view.stop, cell_key),
            save_key=("answer", self.view.stop, cell_key),
            placeholder=t("session.type_here"),
            id="grid-cell-editor",
        )

    def on_mount(self) -> None:
        if self.rows and self.columns:
            self.query_one(DataTable).move_cursor(row=self.cell[0], column=self.cell[1] + 1)

    def _cell_title(self) -> str:
        if not self.rows or not self.columns:
            return ""
        return f"{self.rows[self.cell[0]][1]} × {self.columns[self.cell[1]][1]}"

    @property
    def editor(self) -> AnswerArea:
        return self.query_one("#grid-cell-editor", AnswerArea)

    def select_cell(self, row: int, col: int) -> None:
        """Show cell (row, col) in the editor (what was typed in the previous cell is saved)."""
        row = max(0, min(row, len(self.rows) - 1))
        col = max(0, min(col, len(self.columns) - 1))
        if (row, col) == self.cell:
            return
        self.cell = (row, col)
        key = self._key(self.cell)
        self.editor.replace_text(
            self.values.answer(self.view.stop, key), ("answer", self.view.stop, key)
        )
        self.query_one("#grid-cell-title", Static).update(self._cell_title())

    def fields(self) -> list[Widget]:
        return [self.query_one(DataTable), self.editor]

    def focus_target(self) -> Widget | None:
        return self.editor

    def show_answer(self, item_key: str, text: str) -> None:
        """Another window saved a cell: its preview, and the editor if it shows that cell."""
        for r, (row, _) in enumerate(self.rows):
            for c, (col, _) in enumerate(self.columns):
                if grid_key(row, col) == item_key:
                    self.query_one(DataTable).update_cell(row, col, self._preview(r, c, text))
        if self.rows and self._key(self.cell) == item_key:
            self.editor.show_text(text)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        row, col = event.coordinate.row, event.coordinate.column - 1
        if col < 0:  # the row labels: stay on this row's cell in the current column
            event.data_table.move_cursor(row=row, column=self.cell[1] + 1)
            return
        self.select_cell(row, col)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.editor.focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # refresh the overview's preview of this cell (the screen saved it already)
        if event.text_area is self.editor and self.rows:
            row, col = self.cell
            self.query_one(DataTable).update_cell(
                self.rows[row][0], self.columns[col][0], self._preview(row, col, self.editor.text)
            )

    def action_move_cell(self, d_row: int, d_col: int) -> None:
        row, col = self.cell[0] + d_row, self.cell[1] + d_col
        self.query_one(DataTable).move_cursor(
            row=max(0, min(row, len(self.rows) - 1)),
            column=max(0, min(col, len(self.columns) - 1)) + 1,
        )
        self.select_cell(
            max(0, min(row, len(self.rows) - 1)), max(0, min(col, len(self.columns) - 1))
        )

    def action_to_table(self) -> None:
        self.query_one(DataTable).focus()

    def open_cell_under_cursor(self) -> None:
        """Show the cell the table's cursor is on in the editor (Enter in the table). Its
        ``CellHighlighted`` can still be on its way when Enter comes right after an arrow."""
        row, column = self.query_one(DataTable).cursor_coordinate
        if column >= 1:  # column 0 holds the rows' names
            self.select_cell(row, column - 1)


ROW_LAYOUT_MIN = 90
"""From this width of the action list on, an action is one row of three fields; narrower, its
fields are stacked with a label each (a 16-character name or date must not show as "mamanager")."""


class ActionRow(Vertical):
    """One action: wat / wie / wanneer, and beside "wanneer" the date it means, with its year."""

    DEFAULT_CSS = """
    ActionRow { height: auto; }
    ActionRow .action-field { height: auto; }
    ActionRow .action-label { display: none; }
    ActionRow .action-when { width: auto; color: $text-muted; padding: 0 1; }
    ActionRow .action-when.-no-date { color: $warning; }
    """

    def __init__(self, action: Action, reference: str = "") -> None:
        super().__init__(classes="action-row")
        self.action = action
        self.reference = reference
        """The meeting's date: a date typed without a year counts from it."""

    def compose(self) -> ComposeResult:
        for field in ACTION_FIELDS:
            with Horizontal(classes=f"action-field action-field-{field}"):
                yield Label(t(f"session.action_{field}"), classes="action-label")
                yield CleanInput(
                    getattr(self.action, field),
                    save_key=("action", self.action.id, field),
                    placeholder=t(f"session.action_{field}_placeholder"),
                    classes=f"action-{field}",
                )
                if field == "wanneer":
                    yield Static(self._when_text(self.action.wanneer), classes="action-when")

    def on_mount(self) -> None:
        self._show_when(self.action.wanneer)

    def field(self, name: str) -> CleanInput:
        return self.query_one(f".action-{name}", CleanInput)

    def on_input_changed(self, event: CleanInput.Changed) -> None:
        if event.input.has_class("action-wanneer"):
            self._show_when(event.value)

    def _when_text(self, text: str) -> str:
        from grow_app.services.when import parse_when

        when = parse_when(text, self.reference)
        if when.looks_like_a_date:
            return t("when.no_date")
        return when.label()

    def _show_when(self, text: str) -> None:
        hint = self.query_one(".action-when", Static)
        shown = self._when_text(text)
        hint.update(shown)
        hint.set_class(bool(text.strip()) and shown == t("when.no_date"), "-no-date")
        hint.display = bool(shown)


class ActionsEditor(QuestionEditor):
    """The action list: wat / wie / wanneer per row. Enter on the last row adds a row
    (the session screen does that, so keys typed right after Enter land in the new row)."""

    DEFAULT_CSS = """
    ActionsEditor { height: auto; }
    ActionsEditor #action-header { height: 1; display: none; color: $text-muted; }
    ActionsEditor.-rows.-filled #action-header { display: block; }
    ActionsEditor #action-header Label { padding: 0 1; }
    ActionsEditor #action-header .action-field-wat { width: 2fr; }
    ActionsEditor #action-header .action-field-wie { width: 1fr; }
    ActionsEditor #action-header .action-field-wanneer { width: 38; }
    ActionsEditor #action-buttons { height: auto; margin-top: 1; }
    ActionsEditor .empty-note { color: $text-muted; }
    ActionsEditor .actions-hint { color: $text-muted; margin-top: 1; }
    ActionsEditor.-rows ActionRow { layout: horizontal; }
    ActionsEditor.-rows ActionRow CleanInput { width: 1fr; }
    ActionsEditor.-rows ActionRow .action-field-wat { width: 2fr; }
    ActionsEditor.-rows ActionRow .action-field-wie { width: 1fr; }
    ActionsEditor.-rows ActionRow .action-field-wanneer { width: 38; }
    ActionsEditor.-rows ActionRow .action-when { height: 3; content-align: left middle; }
    ActionsEditor.-stacked ActionRow { margin-bottom: 1; }
    ActionsEditor.-stacked ActionRow .action-field { height: 1; }
    ActionsEditor.-stacked ActionRow .action-label { display: block; width: 9; color: $text-muted; }
    ActionsEditor.-stacked ActionRow CleanInput {
        border: none; height: 1; padding: 0 1; width: 1fr; background: $boost;
    }
    ActionsEditor.-stacked ActionRow CleanInput:focus { background: $primary 25%; }
    ActionsEditor.-stacked ActionRow .action-wanneer { max-width: 24; }
    """

    def __init__(self, view: QuestionView, values: Values) -> None:
        super().__init__(view, values)
        self.add_class("-stacked")  # until its width is known: the layout that fits anywhere

    @property
    def reference(self) -> str:
        """The meeting's date (the first frame's stand-in has none: today counts then)."""
        session = getattr(self.values, "session", None)
        return str(getattr(session, "date", "") or "")

    def compose(self) -> ComposeResult:
        actions = self.values.actions()
        # Set before the rows are mounted: set on a mounted editor it restyled every row and
        # field (~50 ms for a few actions, in the frame that builds the pane).
        self.set_class(bool(actions), "-filled")
        yield Static(t("session.no_actions"), classes="empty-note")
        with Horizontal(id="action-header"):
            for field in ACTION_FIELDS:
                yield Label(t(f"session.action_{field}"), classes=f"action-field-{field}")
        for action in actions:
            yield ActionRow(action, self.reference)
        with Horizontal(id="action-buttons"):
            yield Button(t("session.add_action"), id="add-action", variant="primary")
        yield Static(t("session.actions_hint"), classes="actions-hint")

    def on_mount(self) -> None:
        self._show_empty_note()

    def on_resize(self, event: events.Resize) -> None:
        rows = event.size.width >= ROW_LAYOUT_MIN
        self.set_class(rows, "-rows")
        self.set_class(not rows, "-stacked")

    def _show_empty_note(self) -> None:
        notes = self.query(".empty-note")
        if not notes:  # not composed yet (a pane built beside the meeting): nothing to show
            return
        filled = bool(self.rows())
        notes.first().display = not filled
        self.set_class(filled, "-filled")

    def rows(self) -> list[ActionRow]:
        return list(self.query(ActionRow))

    def fields(self) -> list[Widget]:
        return [w for w in self.query(CleanInput) if w.save_key]

    def focus_target(self) -> Widget | None:
        found = super().focus_target()
        return found or self.query_one("#add-action", Button)

    def row_of(self, widget: Widget | None) -> ActionRow | None:
        if widget is None:
            return None
        return next((r for r in widget.ancestors_with_self if isinstance(r, ActionRow)), None)

    async def add_row(self, action: Action) -> ActionRow:
        row = ActionRow(action, self.reference)
        await self.mount(row, before=self.query_one("#action-buttons"))
        self._show_empty_note()
        return row

    async def remove_row(self, action_id: str) -> None:
        for row in self.rows():
            if row.action.id == action_id:
                await row.remove()
        self._show_empty_note()

    async def sync(self, actions: list[Action], keep: set[tuple[str, ...]]) -> None:
        """Show ``actions`` (after another window changed them); fields in ``keep`` (being
        typed in here) keep their text. An editor not composed yet has nothing to bring up to
        date: it composes from the meeting's actions as they are then."""
        if self.query_one_optional("#action-buttons") is None:
            return
        wanted = {a.id: a for a in actions}
        for row in self.rows():
            if row.action.id not in wanted:
                await row.remove()
        shown = {row.action.id: row for row in self.rows()}
        for action in actions:
            found = shown.get(action.id)
            if found is None:
                await self.add_row(action)
                continue
            found.action = action
            for name in ACTION_FIELDS:
                if ("action", action.id, name) not in keep:
                    found.field(name).show_text(getattr(action, name))
                    if name == "wanneer":
                        found._show_when(action.wanneer)
        self._show_empty_note()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-action":
            event.stop()
            self.post_message(AddActionRequested())
