"""Small dialogs of the session screen: participants, the parking lot and the phase timebox."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Footer, Label, ListItem, ListView, Static

from grow_app.i18n import t
from grow_app.records import Participant
from grow_app.services.meeting import Meeting
from grow_app.ui.widgets.answer_area import CleanInput
from grow_app.ui.widgets.bindings import translate_bindings

DIALOG_CSS = """
.meeting-dialog { align: center middle; }
.meeting-dialog > Vertical {
    width: 90%; max-width: 110; height: auto; max-height: 90%;
    border: thick $primary; background: $surface; padding: 1 2;
}
.meeting-dialog .dialog-title { text-style: bold; margin-bottom: 1; }
.meeting-dialog .dialog-hint { color: $text-muted; margin-top: 1; }
.meeting-dialog .participant-row { height: auto; }
.meeting-dialog .participant-row CleanInput { width: 1fr; }
.meeting-dialog VerticalScroll { height: auto; max-height: 20; }
.meeting-dialog ListView { height: auto; max-height: 16; }
.meeting-dialog .dialog-buttons { height: auto; margin-top: 1; }
"""


class ParticipantsScreen(ModalScreen[bool]):
    """Who is at the table: name, organisation, role. Saved as it is typed (after a pause)
    and when the dialog closes."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the rules select the dialog by its class
    BINDINGS = [Binding("escape", "close", "close", id="session.close", tooltip="close")]

    def __init__(self, meeting: Meeting, save_delay: float = 0.6) -> None:
        super().__init__(classes="meeting-dialog")
        self.meeting = meeting
        self.save_delay = save_delay
        self._save_timer: Timer | None = None
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("session.participants_title"), classes="dialog-title")
            with VerticalScroll(id="participant-rows"):
                for person in self.meeting.participants():
                    yield self._row(person)
                yield self._row(Participant(""))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("session.participant_add"), id="participant-add")
                yield Button(t("session.close"), id="participant-close", variant="primary")
            yield Static(t("session.participants_hint"), classes="dialog-hint")
        yield Footer(compact=True, show_command_palette=False)  # this dialog's keys

    def _row(self, person: Participant) -> Horizontal:
        return Horizontal(
            CleanInput(person.name, placeholder=t("session.participant_name"), classes="p-name"),
            CleanInput(
                person.organisation, placeholder=t("session.participant_org"), classes="p-org"
            ),
            CleanInput(person.role, placeholder=t("session.participant_role"), classes="p-role"),
            classes="participant-row",
        )

    def on_mount(self) -> None:
        rows = list(self.query(".participant-row"))
        rows[-1].query_one(CleanInput).focus()

    def collected(self) -> list[Participant]:
        people = []
        for row in self.query(".participant-row"):
            name = row.query_one(".p-name", CleanInput).value
            org = row.query_one(".p-org", CleanInput).value
            role = row.query_one(".p-role", CleanInput).value
            if name.strip():
                people.append(Participant(name, org, role))
        return people

    async def add_row(self) -> None:
        row = self._row(Participant(""))
        await self.query_one("#participant-rows").mount(row)
        row.query_one(CleanInput).focus()

    async def on_input_submitted(self, event: CleanInput.Submitted) -> None:
        event.stop()
        await self.add_row()

    def on_input_changed(self, event: CleanInput.Changed) -> None:
        event.stop()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.save_delay, self._save)

    def _save(self) -> None:
        self.meeting.set_participants(self.collected())

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "participant-add":
            await self.add_row()
        else:
            self.action_close()

    def action_close(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save()
        self.dismiss(True)


class ParkingLotScreen(ModalScreen[bool]):
    """The parking lot: type a point and press enter; delete removes the chosen point."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the rules select the dialog by its class
    BINDINGS = [
        Binding("escape", "close", "close", id="session.close", tooltip="close"),
        Binding("delete", "remove", "remove", id="session.parking_remove", tooltip="remove"),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__(classes="meeting-dialog")
        self.meeting = meeting
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("session.parking_title"), classes="dialog-title")
            yield CleanInput(placeholder=t("session.parking_placeholder"), id="parking-input")
            yield ListView(*self._items(), id="parking-list")
            yield Static(t("session.parking_hint"), classes="dialog-hint")
        yield Footer(compact=True, show_command_palette=False)  # this dialog's keys

    def _items(self) -> list[ListItem]:
        return [
            ListItem(Label(f"{n}. {item.text}", markup=False), name=item.id)
            for n, item in enumerate(self.meeting.parking_lot(), start=1)
        ]

    def on_mount(self) -> None:
        self.query_one("#parking-input", CleanInput).focus()

    async def _reload(self) -> None:
        listing = self.query_one("#parking-list", ListView)
        await listing.clear()
        await listing.extend(self._items())

    async def on_input_submitted(self, event: CleanInput.Submitted) -> None:
        event.stop()
        if self.meeting.park(event.value):
            event.input.value = ""
            await self._reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return isinstance(self.focused, ListView) and self.focused.highlighted_child is not None
        return True

    async def action_remove(self) -> None:
        listing = self.query_one("#parking-list", ListView)
        item = listing.highlighted_child
        if item is not None and item.name:
            self.meeting.unpark(item.name)
            await self._reload()

    def action_close(self) -> None:
        self.dismiss(True)


class TimeboxScreen(ModalScreen[int | None]):
    """Set the minutes of the current phase (the card suggests them); 'restart' zeroes the clock."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the rules select the dialog by its class
    BINDINGS = [Binding("escape", "close", "close", id="session.close", tooltip="close")]

    RESTART = -1

    def __init__(self, phase_title: str, minutes: int | None) -> None:
        super().__init__(classes="meeting-dialog")
        self.phase_title = phase_title
        self.minutes = minutes
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("session.timebox_title", phase=self.phase_title), classes="dialog-title")
            yield CleanInput(
                str(self.minutes or ""),
                placeholder=t("session.timebox_minutes"),
                type="integer",
                id="timebox-minutes",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("session.timebox_set"), id="timebox-set", variant="primary")
                yield Button(t("session.timebox_restart"), id="timebox-restart")
            yield Static(t("session.timebox_hint"), classes="dialog-hint")
        yield Footer(compact=True, show_command_palette=False)  # this dialog's keys

    def on_mount(self) -> None:
        self.query_one(CleanInput).focus()

    def _submit(self) -> None:
        value = self.query_one(CleanInput).value.strip()
        self.dismiss(int(value) if value.isdigit() and int(value) > 0 else None)

    def on_input_submitted(self, event: CleanInput.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "timebox-restart":
            self.dismiss(self.RESTART)
        else:
            self._submit()

    def action_close(self) -> None:
        self.dismiss(None)
