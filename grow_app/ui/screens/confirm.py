"""A yes/no question before something is moved away (to the trash)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from grow_app.i18n import t
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True only when the confirm button is chosen; Esc or Annuleren give False."""

    BINDINGS = [
        Binding("escape", "cancel", "ui.cancel", id="confirm.cancel"),
    ]

    def __init__(self, question: str, confirm_label: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.question = question
        self.confirm_label = confirm_label or t("ui.confirm.yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("ui.confirm.title"), classes="dialog-title")
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm_label, variant="error", id="confirm-yes")
                yield Button(t("ui.cancel"), id="confirm-no")
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_cancel(self) -> None:
        self.dismiss(False)
