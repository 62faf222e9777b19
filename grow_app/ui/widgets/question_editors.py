"""The editors for each kind of question, built from a plain view of the question (nothing here
is card-specific, and nothing needs the card models: the first frame of ``grow open`` uses them).

Every editable widget carries a ``save_key`` and reports its edits to the screen
(:func:`grow_app.ui.widgets.answer_area.report_edit`): ``("answer", question_id, item_key)``,
``("status", question_id, item_key)``, ``("key_message",)`` or ``("action", action_id, field)``.
An editor is built once per question and stays mounted while the session screen is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from grow_app.i18n import t
from grow_app.services.question_view import QuestionView
from grow_app.ui.widgets.answer_area import AnswerArea
from grow_app.ui.widgets.status_choice import StatusChoice

if TYPE_CHECKING:
    from grow_app.records import Action

ACTION_FIELDS = ("wat", "wie", "wanneer")


class Values(Protocol):
    """Where editors read what is answered: the Meeting (or, in the first frame, its stand-in)."""

    def answer(self, question_id: str, item_key: str = "") -> str: ...

    def status(self, question_id: str, item_key: str) -> str: ...

    @property
    def key_message(self) -> str: ...

    def actions(self) -> list[Action]: ...


class AddActionRequested(Message):
    """The "add action" button was pressed (the screen adds the row)."""


def editor_for(view: QuestionView, values: Values) -> QuestionEditor:
    if view.kind in ("per_item", "per_dimension"):
        return ItemsEditor(view, values)
    if view.kind in ("grid", "actions"):  # tables: loaded when a card has them
        from grow_app.ui.widgets.table_editors import ActionsEditor, GridEditor

        return GridEditor(view, values) if view.kind == "grid" else ActionsEditor(view, values)
    if view.kind == "recommendations":
        return RecommendationsEditor(view, values)
    if view.kind == "key_message":
        return KeyMessageEditor(view, values)
    return TextEditor(view, values)


class QuestionEditor(Vertical):
    """Base of the editors: the view and where the answers are read."""

    DEFAULT_CSS = "QuestionEditor { height: auto; }"
    BLANK = True
    """Drawn as blank lines at once (no border, no content of its own: see QuestionScroll)."""

    def __init__(self, view: QuestionView, values: Values) -> None:
        super().__init__(classes="question-editor")
        self.view, self.values = view, values

    @property
    def kind(self) -> str:
        return self.view.kind

    def fields(self) -> list[Widget]:
        """The widgets that edit an answer (or a status), in focus order."""
        return [w for w in self.query("*") if isinstance(w, AnswerArea | StatusChoice)]

    def focus_target(self) -> Widget | None:
        """The first empty field, or the first field."""
        fields = [w for w in self.fields() if w.can_focus]
        empty = next((w for w in fields if is_empty(w)), None)
        return empty or (fields[0] if fields else None)

    def span_of(self, widget: Widget) -> tuple[Widget, Widget]:
        """What must be seen together with ``widget`` (a field of this editor): from the label
        above it (an item's text, a recommendation and its status, a grid cell's title) to it."""
        child = widget
        while child.parent is not None and child.parent is not self:
            child = child.parent  # type: ignore[assignment]
        if child.parent is not self:
            return widget, widget
        siblings = list(self.children)
        top = child
        for earlier in reversed(siblings[: siblings.index(child)]):
            if isinstance(earlier, StatusChoice):  # a recommendation's status: its label is above
                top = earlier
                continue
            if type(earlier) is Static:  # the label of this field
                top = earlier
            break
        return top, child

    def show_answer(self, item_key: str, text: str) -> None:
        """Another window saved this answer: show it (unless it is being typed in)."""
        for widget in self.fields():
            if getattr(widget, "save_key", None) == ("answer", self.view.stop, item_key):
                widget.show_text(text)  # type: ignore[attr-defined]


def is_empty(widget: Widget) -> bool:
    """An answer editor or field with no text yet, or a recommendation without a status."""
    if isinstance(widget, AnswerArea):
        return not widget.text.strip()
    if isinstance(widget, StatusChoice):
        return not widget.value
    value = getattr(widget, "value", None)
    return isinstance(value, str) and not value.strip()


class TextEditor(QuestionEditor):
    def compose(self) -> ComposeResult:
        yield AnswerArea(
            self.values.answer(self.view.stop),
            save_key=("answer", self.view.stop, ""),
            placeholder=t("session.type_here"),
        )


class KeyMessageEditor(QuestionEditor):
    def compose(self) -> ComposeResult:
        yield AnswerArea(
            self.values.key_message, save_key=("key_message",), placeholder=t("session.type_here")
        )


class ItemsEditor(QuestionEditor):
    """One answer per sub-item (per_item) or per dimension member (per_dimension)."""

    DEFAULT_CSS = """
    ItemsEditor { height: auto; }
    ItemsEditor .item-label { margin-top: 1; color: $text-primary; }
    ItemsEditor > .item-label:first-of-type { margin-top: 0; }
    """

    def compose(self) -> ComposeResult:
        for key, label in self.view.items:
            yield Static(Text(label, style="bold"), classes="item-label")
            yield AnswerArea(
                self.values.answer(self.view.stop, key),
                save_key=("answer", self.view.stop, key),
                placeholder=t("session.type_here"),
            )


class RecommendationsEditor(QuestionEditor):
    DEFAULT_CSS = """
    RecommendationsEditor { height: auto; }
    RecommendationsEditor .item-label { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        qid = self.view.stop
        for number, (key, text) in enumerate(self.view.items, start=1):
            yield Static(Text(f"{number}. {text}", style="bold"), classes="item-label")
            yield StatusChoice(self.values.status(qid, key), save_key=("status", qid, key))
            yield AnswerArea(
                self.values.answer(qid, key),
                save_key=("answer", qid, key),
                placeholder=t("session.explain"),
            )
