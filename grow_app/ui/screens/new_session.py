"""Prepare a meeting: card, date (today by default), facilitator and participants."""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.records import Participant, Partnership
from grow_app.ui.widgets.answer_area import CleanInput
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.select import GrowSelect
from grow_app.ui.widgets.steady_footer import SteadyFooter


class ParticipantRow(Horizontal):
    """One participant: name, organisation, role (the order of the F2 dialog and the paper)."""

    DEFAULT_CSS = """
    ParticipantRow { height: auto; }
    ParticipantRow Input { width: 1fr; margin-right: 1; background: $boost; }
    ParticipantRow Input:focus { background: $primary 25%; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        for field in ("name", "org", "role"):
            yield CleanInput(
                placeholder=t(f"ui.session_form.participant_{field}"),
                classes=f"p-{field}",
                compact=True,
            )

    def participant(self) -> Participant:
        def value(cls: str) -> str:
            return self.query_one(f".{cls}", Input).value

        return Participant(value("p-name"), organisation=value("p-org"), role=value("p-role"))


class NewSessionScreen(ModalScreen[str | None]):
    """Dismisses with the new session's id, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "ui.cancel", id="new_session.cancel"),
        Binding(
            "f3",
            "add_participant",
            "ui.session_form.add_participant",
            id="new_session.add_participant",
        ),
        # The start button may be below the fold on a small screen: a key that always works.
        Binding("ctrl+s", "start", "ui.session_form.start", id="new_session.start"),
    ]
    DEFAULT_CSS = """
    NewSessionScreen #session-participants { height: auto; min-height: 2; max-height: 4; }
    NewSessionScreen .form-label { height: auto; }
    NewSessionScreen .dialog { max-width: 110; }
    /* As in the F2 dialog: under 120 columns a participant takes two lines, so a long name,
       organisation or role is whole. */
    NewSessionScreen.-narrow ParticipantRow {
        layout: grid; grid-size: 2; grid-rows: 1; grid-gutter: 0 1; height: 2;
    }
    NewSessionScreen.-narrow ParticipantRow Input { margin-right: 0; }
    NewSessionScreen.-narrow ParticipantRow .p-name { column-span: 2; }
    NewSessionScreen.-narrow #participants-row { layout: vertical; }
    /* (the dialog's width and its label column: in app.tcss, which sets them) */
    NewSessionScreen.-narrow #participants-row > .form-label Label { width: auto; margin-right: 2; }
    """

    def on_resize(self, event: events.Resize) -> None:
        from grow_app.ui.screens.meeting_dialogs import NARROW_DIALOG

        self.set_class(event.size.width < NARROW_DIALOG, "-narrow")

    def __init__(self, partnership: Partnership, today: dt.date | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.partnership = partnership
        self.today = today or dt.date.today()

    def compose(self) -> ComposeResult:
        catalog = self.app.context.catalog  # type: ignore[attr-defined]
        cards = [(card.title, card.id) for card in catalog]
        with VerticalScroll(classes="dialog"):
            yield Label(
                t("ui.session_form.title", name=self.partnership.name),
                classes="dialog-title",
                markup=False,
            )
            with Horizontal(classes="form-row"):
                yield Label(t("ui.session_form.card"), classes="form-label")
                yield GrowSelect(
                    cards,
                    value=cards[0][1] if cards else Select.BLANK,
                    allow_blank=not cards,
                    id="session-card",
                    compact=True,
                )
            with Horizontal(classes="form-row -apart"):
                yield Label(t("ui.session_form.date"), classes="form-label")
                date = CleanInput(self.today.isoformat(), id="session-date", compact=True)
                date.styles.width = 14  # a date, not a line of text
                yield date
            with Horizontal(classes="form-row"):
                yield Label(t("ui.session_form.facilitator"), classes="form-label")
                yield CleanInput(
                    placeholder=t("ui.session_form.facilitator_placeholder"),
                    id="session-facilitator",
                    compact=True,
                )
            with Horizontal(classes="form-row -apart", id="participants-row"):
                with Vertical(classes="form-label"):
                    yield Label(t("ui.session_form.participants"))
                    add = Button(
                        t("ui.session_form.add_participant"),
                        id="session-add-participant",
                        compact=True,
                    )
                    add.can_focus = False  # F3 or a click: tab goes from field to field
                    yield add
                with VerticalScroll(id="session-participants", can_focus=False):
                    yield ParticipantRow()
            error = Static(
                "" if cards else t("ui.session_form.no_cards"),
                classes="dialog-error",
                id="session-error",
                markup=False,
            )
            error.display = not cards
            yield error
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.session_form.start"), variant="primary", id="session-start")
                yield Button(t("ui.cancel"), id="session-cancel")
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    def on_mount(self) -> None:
        self.query_one("#session-card", Select).focus()

    def action_add_participant(self) -> None:
        row = ParticipantRow()
        rows = self.query_one("#session-participants", VerticalScroll)
        rows.mount(row)

        def into_it() -> None:
            row.query_one(".p-name", Input).focus()
            rows.scroll_end(animate=False)

        self.call_after_refresh(into_it)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field (starting the session is a deliberate button)."""
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "session-add-participant":
            self.action_add_participant()
        elif event.button.id == "session-start":
            self.start()
        else:
            self.dismiss(None)

    def action_start(self) -> None:
        self.start()

    def participants(self) -> list[Participant]:
        return [row.participant() for row in self.query(ParticipantRow)]

    def start(self) -> None:
        from grow_app.services.sessions import start_session

        card = self.query_one("#session-card", Select).value
        if card is Select.BLANK:
            self._say(t("ui.session_form.no_cards"))
            return
        context = self.app.context  # type: ignore[attr-defined]
        try:
            session = start_session(
                context.db,
                context.catalog,
                self.partnership,
                str(card),
                date=self.query_one("#session-date", Input).value,
                facilitator=self.query_one("#session-facilitator", Input).value,
                participants=self.participants(),
            )
        except GrowError as err:
            self._say(err.message)
            return
        self.dismiss(session.id)

    def _say(self, message: str) -> None:
        error = self.query_one("#session-error", Static)
        error.update(message)
        error.display = True
        self.call_after_refresh(error.scroll_visible, animate=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
