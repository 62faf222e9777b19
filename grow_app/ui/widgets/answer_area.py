"""The answer editor: a soft-wrapping TextArea with keys a Word user expects and clean paste.

Every editable field carries a ``save_key`` (what it edits, e.g. ``("answer", question, item)``)
and reports each edit to its screen at once, with the key and text of that moment
(``screen.take_edit(save_key, text)``), not later through a bubbling message: by then a grid cell
editor may already show another cell. Text set by grow itself (another window's save, another
grid cell) is set quietly and reported as nothing.

Textual's TextArea borrows Emacs keys (ctrl+a to line start, ctrl+k/ctrl+u delete to line
end/start, ctrl+w delete word, ctrl+d delete right, f6/f7 select). In a meeting those surprise
people who know Word, and ctrl+w closes a browser tab. Here: ctrl+a selects all, ctrl+home/end
go to the start/end of the text, ctrl+delete deletes a word, and the Emacs keys do nothing.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.dom import NoScreen
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Input, TextArea
from textual.widgets.input import Selection

from grow_app.text import clean_text

_KEPT = {
    "up": "cursor_up",
    "down": "cursor_down",
    "left": "cursor_left",
    "right": "cursor_right",
    "ctrl+left": "cursor_word_left",
    "ctrl+right": "cursor_word_right",
    "home": "cursor_line_start",
    "end": "cursor_line_end",
    "pageup": "cursor_page_up",
    "pagedown": "cursor_page_down",
    "ctrl+shift+left": "cursor_word_left(True)",
    "ctrl+shift+right": "cursor_word_right(True)",
    "shift+home": "cursor_line_start(True)",
    "shift+end": "cursor_line_end(True)",
    "shift+up": "cursor_up(True)",
    "shift+down": "cursor_down(True)",
    "shift+left": "cursor_left(True)",
    "shift+right": "cursor_right(True)",
    "ctrl+a": "select_all",
    "ctrl+home": "document_start",
    "ctrl+end": "document_end",
    "backspace": "delete_left",
    "ctrl+backspace,alt+backspace": "delete_word_left",
    "delete": "delete_right",
    "ctrl+delete,alt+delete": "delete_word_right",
    "ctrl+x,super+x": "cut",
    "super+c": "copy",  # ctrl+c: the app copies the selection (or says how to quit)
    "ctrl+v": "paste",
    "ctrl+z,super+z": "undo",
    "ctrl+y,super+y,ctrl+shift+z": "redo",
}


if TYPE_CHECKING:
    from collections.abc import Iterator

    from textual.message import Message
    from textual.widget import Widget


SaveKey = tuple[str, ...]
"""What a field edits, e.g. ``("answer", question_id, item_key)`` (the screen saves by it)."""


def report_edit(widget: TextArea | Input, save_key: SaveKey, text: str) -> None:
    """Hand an edit to the screen that saves (the session screen, a meeting dialog)."""
    try:
        screen = widget.screen
    except NoScreen:  # not mounted (yet): nothing to save
        return
    take = getattr(screen, "take_edit", None)
    if take is not None:
        take(save_key, text)


def is_shortcut(event: events.Key) -> bool:
    """alt+2, alt+h … from a real terminal carry the plain character ("2", "h"), so a text
    editor would type it and the key would never reach the screen's binding (phase jumps,
    versions). Pilot's ``press`` sends no character, which is why tests did not notice."""
    return "alt+" in event.key


if TYPE_CHECKING:
    _FieldPart = Widget
else:
    _FieldPart = object  # a plain mixin: as a Widget it took the fields' focus away


class ShortcutsHandedBack(_FieldPart):
    """A text field that hands alt+… back up as a key, although a terminal sends its character
    with it (:func:`is_shortcut`); the app knows the field does not take it
    (``check_consume_key``: see ``ui/input_order.py`` and ``ui/input_gate.py``)."""

    async def _on_key(self, event: events.Key) -> None:
        if is_shortcut(event):
            event.prevent_default()  # not text; it bubbles on to the screen's bindings

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return "alt+" not in key and super().check_consume_key(key, character)


class AnswerArea(ShortcutsHandedBack, TextArea, inherit_bindings=False):
    """A multi-line answer. ``save_key`` names what it edits (the screen saves by it)."""

    BINDINGS = [Binding(keys, action, show=False) for keys, action in _KEPT.items()]

    DEFAULT_CSS = """
    AnswerArea {
        height: auto; min-height: 4; max-height: 24;
        border: round $border-blurred; background: $background;
    }
    AnswerArea:focus { border: round $border; }
    """

    def __init__(
        self, text: str = "", *, save_key: SaveKey, placeholder: str = "", **kwargs: object
    ) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=placeholder,
            **kwargs,  # type: ignore[arg-type]
        )
        self.save_key = save_key
        self._quiet = 0

    # -- focus: restyle the box, not its parts ---------------------------------------------------
    _focus_restyle = False

    def watch_has_focus(self, has_focus: bool) -> None:
        """The focus changes the box's own rules (its border), never those of its parts
        (cursor, selection, placeholder: no rule for them depends on the focus). Textual
        restyles the parts too, eight style lookups, in every move (the old box and the new):
        here it restyles the box alone, and after the frame that shows the move: the border's
        colour follows a frame later (the old box is hidden by then anyway). Restyling both
        boxes first held the drawing of the next question back 5–9 ms on a busy machine.
        The cursor itself shows at once (Textual's own watcher of the focus)."""
        self.call_after_refresh(self._restyle_for_focus)

    def _restyle_for_focus(self) -> None:
        if not self.is_attached:  # removed meanwhile (a screen closed): nothing to restyle
            return
        self._focus_restyle = True
        try:
            super().watch_has_focus(self.has_focus)
        finally:
            self._focus_restyle = False

    def _get_component_classes(self) -> frozenset[str]:  # type: ignore[override]
        # Textual asks which parts to restyle (a classmethod there, asked of the widget).
        if self._focus_restyle:
            return frozenset()
        return super()._get_component_classes()

    def post_message(self, message: Message) -> bool:
        if (
            isinstance(message, TextArea.Changed)
            and not getattr(self, "_quiet", 1)
            and self.save_key
        ):
            report_edit(self, self.save_key, self.text)
        return super().post_message(message)

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Text changes made by grow itself, not by the user: not reported, no Changed."""
        self._quiet += 1
        try:
            with self.prevent(TextArea.Changed):
                yield
        finally:
            self._quiet -= 1

    def show_text(self, text: str) -> None:
        """Show ``text`` (saved in another window) without it counting as an edit; the cursor
        stays where it was, as far as the new text allows."""
        if text == self.text:
            return
        row, column = self.cursor_location
        with self.quietly():
            self.load_text(text)
        last = self.document.line_count - 1
        row = min(row, last)
        self.move_cursor((row, min(column, len(self.document.get_line(row)))))

    async def _on_paste(self, event: events.Paste) -> None:
        """Pasted text from Word or a PDF arrives cleaned (NFC, page breaks as newlines).

        The paste goes where the focus was when it was sent; the focus stays where it is now.
        (This handler used to take the focus back: a paste handled after the next move, on a
        busy machine, pulled the cursor into the hidden question and the keys after it went
        there.)"""
        if self.read_only:
            return
        event.prevent_default()
        event.stop()
        if result := self._replace_via_keyboard(clean_text(event.text), *self.selection):
            self.move_cursor(result.end_location)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2.8 can ask a TextArea to draw in the frame between mounting it and giving it
        # its component styles (seen rarely, under heavy load, while an editor is swapped); its
        # theme then raises KeyError. Draw blank for that one frame instead of stopping the app.
        if "text-area--gutter" not in self._component_styles:
            self.call_after_refresh(self.refresh)
            return [Strip.blank(crop.width, self.rich_style) for _ in range(crop.height)]
        return super().render_lines(crop)

    def action_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        self.move_cursor(self.document.end)

    def replace_text(self, text: str, save_key: SaveKey) -> None:
        """Show another answer in this editor (e.g. another grid cell) without an edit event."""
        self.save_key = save_key
        with self.quietly():
            self.load_text(text)


class CleanInput(ShortcutsHandedBack, Input):
    """A one-line field (action list, dialogs) whose pasted text is cleaned to one line.

    As in Word, ctrl+a selects everything (Textual's Input moves to the start) and ctrl+k /
    ctrl+u / ctrl+w do not delete text. Entering a filled field does not select its text (one
    keystroke would replace it).
    """

    def __init__(self, value: str = "", *, save_key: SaveKey = (), **kwargs: object) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)  # type: ignore[arg-type]
        self.save_key = save_key
        self._quiet = 0
        keys = self._bindings.key_to_bindings
        for key in ("ctrl+k", "ctrl+u", "ctrl+w", "ctrl+e"):
            keys.pop(key, None)
        keys["ctrl+a"] = [Binding("ctrl+a", "select_all", show=False)]

    def post_message(self, message: Message) -> bool:
        if isinstance(message, Input.Changed) and not getattr(self, "_quiet", 1) and self.save_key:
            report_edit(self, self.save_key, message.value)
        return super().post_message(message)

    def show_text(self, text: str) -> None:
        """Show ``text`` (saved in another window) without it counting as an edit."""
        if text == self.value:
            return
        self._quiet += 1
        try:
            with self.prevent(Input.Changed):
                self.value = text
        finally:
            self._quiet -= 1

    def _on_blur(self, event: events.Blur) -> None:
        """Not being edited: show the start of the text ("15-12-2026", not "5-12-2026")."""
        self.call_after_refresh(self._start_in_view)

    def _watch_selection(self, selection: Selection) -> None:
        super()._watch_selection(selection)  # scrolls the cursor into view, after a refresh
        if not self.has_focus:  # text set by grow (another window's save): its start, after that
            self.call_after_refresh(self._start_in_view)

    def _start_in_view(self) -> None:
        if not self.has_focus:
            self.scroll_to(x=0, animate=False, immediate=True)

    def _on_focus(self, event: events.Focus) -> None:
        """Being edited again: the cursor (where it was, at the end by default) in view."""
        self.call_after_refresh(self._cursor_in_view)

    def _cursor_in_view(self) -> None:
        if self.has_focus:
            self.scroll_to_region(
                Region(self._cursor_offset, 0, width=1, height=1), force=True, animate=False
            )

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        text = " ".join(clean_text(event.text).split())
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
