"""One stop of the card on the session screen: where it is, the question, its guidance and its
editor. Built once and kept mounted while the screen is open; a move only shows another pane
(:mod:`grow_app.ui.screens.session`), so a key never reaches an editor that is going away."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Static

from grow_app.services.question_view import QuestionView
from grow_app.ui.widgets.question_editors import QuestionEditor, Values, editor_for

if TYPE_CHECKING:
    from grow_app.ui.widgets.answer_area import SaveKey


class QuestionScroll(VerticalScroll):
    """The column that scrolls the panes (``#question-pane``).

    ``BLANK``: Textual draws it as blank lines at once instead of line by line through its
    style machinery (no border, no content of its own: its padding is its background). The
    same for the pane and the editor inside it: in a move the three were a third of what the
    first frame drew, all of it covered by the question's own widgets."""

    BLANK = True


class QuestionPane(Vertical):
    DEFAULT_CSS = "QuestionPane { height: auto; }"
    BLANK = True  # see QuestionScroll

    def __init__(self, view: QuestionView, values: Values, position: str) -> None:
        super().__init__(classes="question")
        self.view = view
        self.values = values
        self.position = position
        self.editor: QuestionEditor = editor_for(view, values)

    def compose(self) -> ComposeResult:
        yield Label(
            f"{self.view.where}   {self.position}".rstrip(), classes="question-where", markup=False
        )
        text = Static(self.view.text, classes="question-text", markup=False)
        text.set_class(self.view.kind in ("per_item", "per_dimension"), "-continues")
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
        return self.editor.fields()

    def field_for(self, save_key: SaveKey) -> Iterator[Widget]:
        for widget in self.editor.query("*"):
            if getattr(widget, "save_key", None) == save_key:
                yield widget

    def focus_target(self) -> Widget | None:
        """The first empty field (or the first field); the grid's cell editor for a grid."""
        return self.editor.focus_target()

    # -- after a move: the question, and the field with the cursor with its label ----------------
    def on_show(self, event: events.Show) -> None:
        # After the layout that shows this pane (and after Textual's own scroll to the focused
        # widget, which ran before that layout and could leave the cursor in a box whose label
        # and question had scrolled away): put the view right.
        self.show_focus_soon()

    def show_focus_soon(self, tries: int = 3) -> None:
        """``show_focus`` after the next refresh. Call it from the screen's queue after
        ``set_focus``: Textual's own scroll to the focused widget is queued there too, and on a
        busy machine it could otherwise land after ours and hide the label again."""
        self.call_after_refresh(self.show_focus, tries)

    def show_focus(self, tries: int = 0) -> None:
        """The question from its top, down to the field with the cursor; when that does not fit,
        the field with the cursor and the label above it (never a box without its label).
        Not laid out yet: try again after the next refresh, ``tries`` more times."""
        scroller = self.parent
        focused = self.screen.focused
        if not isinstance(scroller, ScrollableContainer) or not self.display:
            return
        if focused is None or self not in focused.ancestors:
            return
        top, bottom = self.editor.span_of(focused)
        # Where the content starts, from the same layout as the regions below: the pane is the
        # scroller's only shown child. (The live scroll_y can be ahead of that layout when this
        # runs twice between two refreshes.)
        origin = self.region.y - self.styles.margin.top
        top_y, bottom_y = top.region.y - origin, bottom.region.bottom - origin
        height = scroller.scrollable_content_region.height
        if height <= 0 or top.region.height == 0:
            if tries > 0:
                self.show_focus_soon(tries - 1)
            return
        y = 0 if bottom_y <= height else min(top_y, bottom_y - height)
        scroller.scroll_to(y=max(0, y), animate=False, immediate=True)
