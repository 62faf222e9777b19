"""Add a partnership (name, education region, sectors) or rename one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static

from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.ui.widgets.answer_area import CleanInput
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter


@dataclass(frozen=True)
class PartnershipValues:
    name: str
    region: str = ""
    sectors: tuple[str, ...] = ()


class PartnershipForm(ModalScreen[str | None]):
    """Calls ``submit`` with the values; a :class:`GrowError` it raises stays in the dialog.

    Dismisses with the name that was saved, or None when cancelled.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "ui.save", id="partnership.save"),
        Binding("escape", "cancel", "ui.cancel", id="partnership.cancel"),
    ]

    def __init__(
        self,
        submit: Callable[[PartnershipValues], None],
        *,
        name: str = "",
        rename: bool = False,
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.submit = submit
        self.initial_name = name
        self.rename = rename

    def compose(self) -> ComposeResult:
        from grow_app.services.partnerships import SECTORS

        title = "ui.partnership.rename_title" if self.rename else "ui.partnership.add_title"
        with VerticalScroll(classes="dialog"):
            yield Label(t(title), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label(t("ui.partnership.name"), classes="form-label")
                yield CleanInput(
                    self.initial_name,
                    placeholder=t("ui.partnership.name_placeholder"),
                    id="partnership-name",
                    compact=True,
                )
            if not self.rename:
                with Horizontal(classes="form-row"):
                    yield Label(t("ui.partnership.region"), classes="form-label")
                    yield CleanInput(
                        placeholder=t("ui.partnership.region_placeholder"),
                        id="partnership-region",
                        compact=True,
                    )
                with Horizontal(classes="form-row -apart"):
                    yield Label(t("ui.partnership.sectors"), classes="form-label")
                    yield SelectionList[str](
                        *[(label, key) for key, label in SECTORS.items()],
                        id="partnership-sectors",
                        compact=True,
                    )
            error = Static("", classes="dialog-error", id="partnership-error", markup=False)
            error.display = False  # a line only when there is something to say
            yield error
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.save"), variant="primary", id="partnership-save")
                yield Button(t("ui.cancel"), id="partnership-cancel")
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    def on_mount(self) -> None:
        # The dialog scrolls, and a scroll container takes the focus first: put it in the name.
        self.query_one("#partnership-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "partnership-save":
            self.save()
        else:
            self.dismiss(None)

    def save(self) -> None:
        name = self.query_one("#partnership-name", Input).value
        region, sectors = "", ()
        if not self.rename:
            region = self.query_one("#partnership-region", Input).value
            sectors = tuple(self.query_one("#partnership-sectors", SelectionList).selected)
        try:
            self.submit(PartnershipValues(name, region, sectors))
        except GrowError as err:
            error = self.query_one("#partnership-error", Static)
            error.update(err.message)
            error.display = True
            return
        self.dismiss(name.strip())

    def action_save(self) -> None:
        self.save()

    def action_cancel(self) -> None:
        self.dismiss(None)
