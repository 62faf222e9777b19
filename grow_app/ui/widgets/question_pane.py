"""One stop of the card on the session screen: where it is, the question, its guidance and its
editor. Built once and kept mounted while the screen is open; a move only shows another pane
(:mod:`grow_app.ui.screens.session`), so a key never reaches an editor that is going away."""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from grow_app.services.question_view import QuestionView
from grow_app.ui.widgets.answer_area import AnswerArea, CleanInput
from grow_app.ui.widgets.question_editors import (
    GridEditor,
    ItemsEditor,
    QuestionEditor,
    Values,
    editor_for,
)
from grow_app.ui.widgets.status_choice import StatusChoice

FIELD_TYPES = (AnswerArea, StatusChoice, CleanInput)


class QuestionPane(Vertical):
    DEFAULT_CSS = "QuestionPane { height: auto; }"

    def __init__(self, view: QuestionView, values: Values, position: str) -> None:
        super().__init__(classes="question")
        self.view = view
        self.values = values
        self.position = position
        self.editor: QuestionEditor = editor_for(view, values)  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        yield Label(
            f"{self.view.where}   {self.position}".rstrip(), classes="question-where", markup=False
        )
        text = Static(self.view.text, classes="question-text", markup=False)
        text.set_class(isinstance(self.editor, ItemsEditor), "-continues")
        yield text
        if self.view.guidance:
            yield Static(self.view.guidance, classes="question-guidance", markup=False)
        yield self.editor

    @property
    def stop(self) -> str:
        return self.view.stop

    def use_values(self, values: Values) -> None:
        """The Meeting has arrived: read from it from now on (the first frame's pane)."""
        self.values = values
        self.editor.values = values

    def fields(self) -> list[Widget]:
        """The editable widgets, in focus order (the grid's table and cell editor included)."""
        return [w for w in self.editor.query("*") if isinstance(w, (*FIELD_TYPES, DataTable))]

    def field_for(self, save_key: Hashable) -> Iterator[Widget]:
        for widget in self.editor.query("*"):
            if getattr(widget, "save_key", None) == save_key:
                yield widget

    def focus_target(self) -> Widget | None:
        """The first empty field (or the first field); the grid's cell editor for a grid."""
        if isinstance(self.editor, GridEditor):
            return self.editor.editor
        fields = [w for w in self.fields() if w.can_focus and not isinstance(w, DataTable)]
        if not fields:
            buttons = [w for w in self.editor.query("Button") if w.can_focus]
            return buttons[0] if buttons else None
        empty = next((w for w in fields if _is_empty(w)), None)
        return empty or fields[0]


def _is_empty(widget: Widget) -> bool:
    """An answer editor with no text yet, or a recommendation without a status."""
    if isinstance(widget, AnswerArea):
        return not widget.text.strip()
    if isinstance(widget, CleanInput):
        return not widget.value.strip()
    return isinstance(widget, StatusChoice) and not widget.value
