"""The card's own introduction (for the SO&P card: the five functions and GROW), one key away.

The session screen pushes ``IntroScreen(card)``; Esc closes it. The text is the card's, shown as
it is written (Markdown), never translated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from grow_app.i18n import t
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from grow_app.card.models import Card


class IntroScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "close", "ui.key.close", id="intro.close")]
    DEFAULT_CSS = """
    IntroScreen .dialog { max-width: 110; }
    IntroScreen Markdown { margin: 0; padding: 0; }
    """

    def __init__(self, card: Card) -> None:
        super().__init__()
        translate_bindings(self)
        self.card = card

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="intro-body"):
            yield Label(self.card.title, classes="dialog-title", markup=False)
            if self.card.subtitle:
                yield Label(self.card.subtitle, markup=False)
            yield Markdown(self.card.intro.strip() or t("ui.intro.empty"), id="intro-text")
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    def action_close(self) -> None:
        self.dismiss(None)
