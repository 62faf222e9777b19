"""Narrow one-line fields show the start of their text when they are not being edited."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Button
from ui_session_helpers import wait_for

from grow_app.ui.widgets.answer_area import CleanInput


class TwoFields(App[None]):
    CSS = "CleanInput { width: 16; }"  # room for 10 characters

    def compose(self) -> ComposeResult:
        yield CleanInput(id="when")
        yield CleanInput("Programmamanager", id="who")
        yield Button("ok")


def shown(field: CleanInput) -> str:
    """The characters the field shows now (its content line, as drawn)."""
    return field.render_line(0).text.strip()


async def test_a_field_shows_the_start_of_its_text_when_the_cursor_leaves_it():
    app = TwoFields()
    async with app.run_test() as pilot:
        when = app.query_one("#when", CleanInput)
        # a filled field that was never entered shows its start
        assert shown(app.query_one("#who", CleanInput)).startswith("Programma")
        when.focus()
        await pilot.press(*"15-12-2026 eind")
        assert when.scroll_x > 0  # while typing, the end (where the cursor is) shows
        await pilot.press("tab")
        await pilot.pause()
        await wait_for(pilot, lambda: when.scroll_x == 0)  # a busy machine: a frame later
        assert shown(when).startswith("15-12-2026")


async def test_entering_a_field_again_shows_the_cursor_and_typing_goes_to_the_end():
    app = TwoFields()
    async with app.run_test() as pilot:
        who = app.query_one("#who", CleanInput)
        who.focus()
        await pilot.pause()
        await wait_for(pilot, lambda: who.has_focus and who.scroll_x > 0)  # the end in view
        assert who.cursor_position == len("Programmamanager")
        await pilot.press("s")
        assert who.value == "Programmamanagers"
        await pilot.press("tab")
        await pilot.pause()
        await wait_for(pilot, lambda: shown(who).startswith("Programma"))
