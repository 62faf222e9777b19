"""``grow open``: the first open question on screen at once, the full session screen right after.

Starting costs time: sqlite-utils, pydantic and the card models together take longer to import
than Textual itself. So ``grow open`` first reads, with the standard library only, the session
(``grow_app.store.peek``) and the raw card file (``tomllib``), draws the question from that, and
only then loads the real :class:`~grow_app.services.meeting.Meeting` and swaps in the session
screen. Anything odd on the quick path (``None``) simply means: take the ordinary path.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from grow_app.ui.widgets.common_painted import PaintedStatic
from grow_app.ui.widgets.common_typeahead import TypeAhead
from grow_app.ui.widgets.titles import where_label

if TYPE_CHECKING:
    from grow_app.cli.context import AppContext


@dataclass(frozen=True)
class OpeningPreview:
    session_id: str
    card_title: str
    where: str
    """Phase and section titles, e.g. 'Reality · Samen Opleiden' (or just 'Goal')."""
    question: str
    items: tuple[str, ...] = ()


def _card_folders(context: AppContext) -> list[Path]:
    # The same folders, in the same order, as grow_app.services.catalog.card_folders (which
    # imports the pydantic card models; that is what this quick path avoids).
    from grow_app.paths import app_dirs, builtin_cards_dir

    return [builtin_cards_dir(), app_dirs().user_cards, *(Path(d) for d in context.card_dirs)]


def _raw_card(context: AppContext, card_id: str) -> dict | None:
    for folder in _card_folders(context):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if data.get("id") == card_id:
                return data
    return None


def preview_session(context: AppContext, ref: str) -> OpeningPreview | None:
    """The first open question of session ``ref``, read without the heavy modules; or None."""
    from grow_app.store.peek import peek_session

    peek = peek_session(context.database_file, ref)
    card = peek and _raw_card(context, peek.card_id)
    if not peek or not card:
        return None
    try:
        located = [
            (phase, section, question)
            for phase in card["phases"]
            for section in phase["sections"]
            for question in section["questions"]
        ]

        def answered(question: dict) -> bool:
            if question.get("kind") == "actions":
                return peek.has_actions
            return question["id"] in peek.answered

        phase, section, question = next(
            (found for found in located if not answered(found[2])), located[0]
        )
        return OpeningPreview(
            session_id=peek.id,
            card_title=str(card.get("title", "")),
            where=where_label(str(phase["title"]), str(section["title"])),
            question=str(question["text"]),
            items=tuple(str(item["text"]) for item in question.get("items", [])),
        )
    except (KeyError, TypeError, IndexError, AttributeError):
        return None  # an odd card: the careful path will say what is wrong with it


class OpeningScreen(Screen[None]):
    """The first frame of ``grow open``; the session screen is pushed over it a moment later.

    It stays at the bottom of the stack: when the session screen is left, it clears itself and
    the app shows the home screen.
    """

    DEFAULT_CSS = """
    OpeningScreen #opening-card { background: $panel; text-align: center; }
    OpeningScreen #opening-where { color: $primary; text-style: bold; margin: 1 2 0 2; }
    OpeningScreen #opening-question { margin: 1 2; text-style: bold; }
    OpeningScreen #opening-items { margin: 0 4; }
    """

    class Drawn(Message):
        """The question is on screen: time to load the real session."""

    def __init__(self, preview: OpeningPreview) -> None:
        super().__init__()
        self.preview = preview
        self.covered = False
        self.type_ahead = TypeAhead()

    def compose(self) -> ComposeResult:
        # Plain text only (no header or footer): it is on screen for a blink, and a bare frame
        # is the fastest there is.
        with Vertical(id="opening-body"):
            yield Static(self.preview.card_title, id="opening-card", markup=False)
            yield from self._preview()

    def _preview(self) -> ComposeResult:
        yield Static(self.preview.where, id="opening-where", markup=False)
        yield PaintedStatic(self.preview.question, id="opening-question", markup=False)
        if self.preview.items:
            yield Static(
                "\n".join(f"• {item}" for item in self.preview.items),
                id="opening-items",
                markup=False,
            )

    def on_key(self, event: events.Key) -> None:
        self.type_ahead.take_key(event)  # handed to the session screen's first editor

    def on_paste(self, event: events.Paste) -> None:
        self.type_ahead.take_paste(event)

    def on_painted(self) -> None:
        self.app.post_message(self.Drawn())

    def on_screen_suspend(self) -> None:
        self.covered = True

    def on_screen_resume(self) -> None:
        if self.covered:  # back from the session: make way for the home screen
            self.query_one("#opening-body").display = False
            self.app.call_later(self.app.show_home)  # type: ignore[attr-defined]
