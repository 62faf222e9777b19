"""A one-line choice of a recommendation's status: ja / deels / nee / n.v.t.

Left/right move the choice, the number keys 1-4 or the first letter (j, d, n, v) pick one
directly, backspace/delete clear it. Every change posts :class:`StatusChoice.Changed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from grow_app.i18n import t
from grow_app.keys import RECOMMENDATION_STATUSES

if TYPE_CHECKING:
    from grow_app.ui.widgets.answer_area import SaveKey

_LETTERS = {"j": "ja", "d": "deels", "n": "nee", "v": "nvt", "y": "ja", "p": "deels", "a": "nvt"}
"""A letter chooses a status: j/d/n/v (ja, deels, nee, n.v.t.) and y/p/n/a (yes, partly, no,
n/a)."""


class StatusChoice(Widget, can_focus=True):
    DEFAULT_CSS = """
    StatusChoice { height: auto; width: 1fr; }
    StatusChoice:focus { background: $boost; text-style: bold; }
    """

    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("1", "pick(0)", show=False),
        Binding("2", "pick(1)", show=False),
        Binding("3", "pick(2)", show=False),
        Binding("4", "pick(3)", show=False),
        Binding("backspace,delete", "clear", show=False),
    ]

    class Changed(Message):
        def __init__(self, choice: StatusChoice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> StatusChoice:
            return self.choice

    def __init__(self, value: str = "", *, save_key: SaveKey, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.value = value
        self.save_key = save_key

    def render(self) -> Text:
        text = Text(f"{t('session.status')}: ", style="dim")
        self._spans: list[tuple[int, int, str]] = []
        for status in RECOMMENDATION_STATUSES:
            chosen = status == self.value
            start = len(text)
            text.append("● " if chosen else "○ ", style="bold" if chosen else "")
            text.append(t(f"status.{status}"), style="bold reverse" if chosen else "")
            self._spans.append((start, len(text), status))
            text.append("   ")
        if self.has_focus:  # a newcomer sees how to choose
            text.append("\n")
            text.append(t("session.status_hint"), style="italic dim")
        return text

    def show_value(self, value: str) -> None:
        """Show a status saved in another window (not an edit: nothing is posted)."""
        if value != self.value:
            self.value = value
            self.refresh()

    def set_value(self, value: str) -> None:
        if value == self.value:
            return
        self.value = value
        self.refresh()
        self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        if self.value in RECOMMENDATION_STATUSES:
            index = (RECOMMENDATION_STATUSES.index(self.value) + step) % len(
                RECOMMENDATION_STATUSES
            )
        else:
            index = 0 if step > 0 else len(RECOMMENDATION_STATUSES) - 1
        self.set_value(RECOMMENDATION_STATUSES[index])

    def action_pick(self, index: int) -> None:
        self.set_value(RECOMMENDATION_STATUSES[index])

    def action_clear(self) -> None:
        self.set_value("")

    def on_key(self, event: events.Key) -> None:
        status = _LETTERS.get(event.character or "")
        if status:
            event.stop()
            self.set_value(status)

    def on_click(self, event: events.Click) -> None:
        """A click on an option chooses it (and focuses the line)."""
        self.focus()
        for start, end, status in getattr(self, "_spans", []):
            if start <= event.x < end:
                self.set_value(status)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
