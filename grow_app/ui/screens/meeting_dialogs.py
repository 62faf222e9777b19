"""Small dialogs of the session screen: participants, the parking lot and the phase timebox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, ListItem, ListView, Static

from grow_app.i18n import t
from grow_app.records import Participant
from grow_app.ui.widgets.answer_area import CleanInput
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from grow_app.services.meeting import Meeting
    from grow_app.ui.screens.session import SessionScreen

NARROW_DIALOG = 120
"""Below this many columns a participant takes two lines (see ``DIALOG_CSS``): three fields side
by side leave each about a quarter of the screen, too little for "Hogeschool Arnhem en Nijmegen"."""

LOW_DIALOG = 30
"""Below this many lines the participants dialog leaves out its hint (its keys are in the footer)."""

DIALOG_CSS = """
.meeting-dialog { align: center middle; background: $background; }
.meeting-dialog .parking-item { width: 1fr; }  /* a long point wraps, never cut off */
.meeting-dialog > Vertical {
    width: 90%; max-width: 110; height: auto; max-height: 90%;
    border: thick $primary; background: $surface; padding: 1 2;
    overflow-y: auto;  /* too tall for the screen: it scrolls, nothing is cut off */
}
.meeting-dialog .dialog-title { text-style: bold; margin-bottom: 1; }
.meeting-dialog .dialog-hint { color: $text-muted; margin-top: 1; }
.meeting-dialog .dialog-note { margin-bottom: 1; }
.meeting-dialog .participant-row { height: 1; }
.meeting-dialog .participant-row CleanInput {
    width: 1fr; height: 1; border: none; padding: 0 1; margin-right: 1; background: $boost;
}
.meeting-dialog .participant-row CleanInput:focus { background: $primary 25%; }
.meeting-dialog .participant-row.-new CleanInput { background: $panel; }
.meeting-dialog .participant-row.-new CleanInput:focus { background: $primary 25%; }
.meeting-dialog #participant-header { height: 1; color: $text-muted; }
.meeting-dialog #participant-header Label { width: 1fr; padding: 0 1; margin-right: 1; }
/* Under 120 columns three fields side by side cut names, organisations and roles: each
   participant gets two lines, the name across, organisation and role below it. */
.meeting-dialog.-narrow .participant-row,
.meeting-dialog.-narrow #participant-header {
    height: 2; layout: grid; grid-size: 2; grid-rows: 1; grid-gutter: 0 1;
}
.meeting-dialog.-narrow .participant-row CleanInput,
.meeting-dialog.-narrow #participant-header Label { margin-right: 0; }
.meeting-dialog.-narrow #participant-rows { max-height: 8; }
/* On a low screen the hint goes (the footer shows its keys): the rows keep their lines. */
.meeting-dialog.-low .dialog-hint { display: none; }
.meeting-dialog.-narrow .participant-row .p-name,
.meeting-dialog.-narrow #participant-header .p-name { column-span: 2; }
.meeting-dialog VerticalScroll { height: auto; max-height: 20; }
.meeting-dialog ListView { height: auto; max-height: 16; }
.meeting-dialog .dialog-buttons { height: auto; margin-top: 1; }
.meeting-dialog #timebox-row { height: auto; }
.meeting-dialog #timebox-minutes { width: 14; }
.meeting-dialog #timebox-unit { padding: 1 1; }
.meeting-dialog .dialog-buttons Button { margin-right: 2; }
"""


class ParticipantsScreen(ModalScreen[bool]):
    """Who is at the table: name, organisation, role. Every field is saved as it is typed (by the
    session screen's writer); a row whose name is emptied is removed when the dialog closes."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the rules select the dialog by its class
    BINDINGS = [
        Binding("escape", "close", "close", id="session.close", tooltip="close"),
        Binding(
            "enter", "new_row", "add", id="session.participant_add", tooltip="add", priority=True
        ),
    ]

    def __init__(self, session: SessionScreen) -> None:
        super().__init__(classes="meeting-dialog")
        self.session = session
        assert session.meeting is not None  # the screen offers its dialogs once it is there
        self.meeting: Meeting = session.meeting
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        people = self.meeting.participants()
        with Vertical():
            yield Label(t("session.participants_title"), classes="dialog-title")
            with Horizontal(id="participant-header"):
                for name in ("name", "org", "role"):
                    yield Label(t(f"session.participant_{name}"), classes=f"p-{name}")
            with VerticalScroll(id="participant-rows", can_focus=False):
                for person in people:
                    yield self._row(person)
                yield self._row(Participant(""))  # where a new participant is typed
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("session.participant_add"), id="participant-add")
                yield Button(t("session.close"), id="participant-close", variant="primary")
            yield Static(t("session.participants_hint"), classes="dialog-hint")
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    def _row(self, person: Participant) -> Horizontal:
        """A participant's row; for a new one (no id yet) the fields say so ("+ nieuwe
        deelnemer"), so it does not read as someone without a name."""
        new = not person.id

        def field(name: str, placeholder: str, css: str) -> CleanInput:
            return CleanInput(
                getattr(person, name),
                save_key=("participant", person.id, name),
                placeholder=t(f"{placeholder}_new" if new else placeholder),
                classes=css,
            )

        row = Horizontal(
            field("name", "session.participant_name", "p-name"),
            field("organisation", "session.participant_org", "p-org"),
            field("role", "session.participant_role", "p-role"),
            classes="participant-row",
        )
        row.set_class(new, "-new")
        return row

    def on_mount(self) -> None:
        rows = list(self.query(".participant-row"))
        self.set_focus(rows[-1].query_one(CleanInput))  # F2 and type the name

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_DIALOG, "-narrow")
        self.set_class(event.size.height < LOW_DIALOG, "-low")

    def take_edit(self, save_key: tuple, value: str) -> None:
        """A field of a known participant goes to the session screen; the first text in the
        empty row makes a new participant (an id chosen here: no waiting for the database)."""
        kind, person_id, _name = save_key
        if person_id:
            self.session.take_edit(save_key, value)
            return
        row = next(r for r in self.query(".participant-row") if save_key in _keys(r))
        values = {field.save_key[2]: field.value for field in row.query(CleanInput)}
        change = self.meeting.add_record("participant", **values)
        for field in row.query(CleanInput):
            field.save_key = (kind, change.record_id, field.save_key[2])
        row.remove_class("-new")
        self.session.submit(change, 0.0)

    def collected(self) -> list[Participant]:
        """The participants as the dialog shows them (rows with a name)."""
        people = []
        for row in self.query(".participant-row"):
            name = row.query_one(".p-name", CleanInput).value
            org = row.query_one(".p-org", CleanInput).value
            role = row.query_one(".p-role", CleanInput).value
            if name.strip():
                people.append(Participant(name, org, role))
        return people

    async def add_row(self) -> None:
        rows = self.query_one("#participant-rows", VerticalScroll)
        row = self._row(Participant(""))
        await rows.mount(row)
        self.set_focus(row.query_one(CleanInput))
        rows.scroll_end(animate=False)

    async def action_new_row(self) -> None:
        """Enter adds a row and moves there before the next key is handled."""
        focused = self.focused
        if isinstance(focused, Button):
            await self.on_button_pressed(Button.Pressed(focused))
            return
        await self.add_row()

    async def meeting_changed(self, update: object) -> None:
        """Another window changed the participants: show them (fields typed in here stay)."""
        if not getattr(update, "participants", False):
            return
        shown = {
            r.query_one(".p-name", CleanInput).save_key[1]: r
            for r in self.query(".participant-row")
        }
        rows = self.query_one("#participant-rows")
        for person in self.meeting.participants():
            row = shown.get(person.id)
            if row is None:
                await rows.mount(self._row(person), before=-1)
                continue
            for field in row.query(CleanInput):
                if tuple(field.save_key) not in self.session._dirty:
                    field.show_text(getattr(person, field.save_key[2]))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "participant-add":
            await self.add_row()
        else:
            self.action_close()

    def action_close(self) -> None:
        for row in self.query(".participant-row"):
            person_id = row.query_one(".p-name", CleanInput).save_key[1]
            if person_id and not row.query_one(".p-name", CleanInput).value.strip():
                change = self.meeting.remove_record("participant", person_id)
                if change is not None:
                    self.session.submit(change, 0.0)
        self.session.writer.save_soon()
        self.dismiss(True)


def _keys(row: Widget) -> list[tuple]:
    return [tuple(field.save_key) for field in row.query(CleanInput)]


class ParkingLotScreen(ModalScreen[bool]):
    """The parking lot: type a point and press enter; delete removes the chosen point."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the rules select the dialog by its class
    BINDINGS = [
        Binding("escape", "close", "close", id="session.close", tooltip="close"),
        Binding("delete", "remove", "remove", id="session.parking_remove", tooltip="remove"),
    ]

    def __init__(self, session: SessionScreen) -> None:
        super().__init__(classes="meeting-dialog")
        self.session = session
        assert session.meeting is not None  # the screen offers its dialogs once it is there
        self.meeting: Meeting = session.meeting
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("session.parking_title"), classes="dialog-title")
            yield CleanInput(placeholder=t("session.parking_placeholder"), id="parking-input")
            yield ListView(*self._items(), id="parking-list")
            yield Static(t("session.parking_hint"), classes="dialog-hint")
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    def _items(self) -> list[ListItem]:
        return [
            ListItem(Label(f"{n}. {item.text}", markup=False, classes="parking-item"), name=item.id)
            for n, item in enumerate(self.meeting.parking_lot(), start=1)
        ]

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#parking-input", CleanInput))

    async def _reload(self) -> None:
        listing = self.query_one("#parking-list", ListView)
        await listing.clear()
        await listing.extend(self._items())

    async def on_input_submitted(self, event: CleanInput.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        if not text:
            return
        self.session.submit(self.meeting.add_record("parking", text=text), 0.0)
        event.input.value = ""
        await self._reload()

    async def meeting_changed(self, update: object) -> None:
        if getattr(update, "parking", False):
            await self._reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return isinstance(self.focused, ListView) and self.focused.highlighted_child is not None
        return True

    async def action_remove(self) -> None:
        listing = self.query_one("#parking-list", ListView)
        item = listing.highlighted_child
        if item is not None and item.name:
            change = self.meeting.remove_record("parking", item.name)
            if change is not None:
                self.session.submit(change, 0.0)
            await self._reload()

    def action_close(self) -> None:
        self.session.writer.save_soon()
        self.dismiss(True)


class TimeboxScreen(ModalScreen[int | None]):
    """Set the minutes of the current phase (the card suggests them); 'restart' zeroes the clock."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the rules select the dialog by its class
    BINDINGS = [Binding("escape", "close", "close", id="session.close", tooltip="close")]

    RESTART = -1

    def __init__(self, phase_title: str, minutes: int | None, *, note: str = "") -> None:
        super().__init__(classes="meeting-dialog")
        self.phase_title = phase_title
        self.minutes = minutes
        self.note = note
        """A line above the field (e.g. on the Kernboodschap: whose clock this is)."""
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("session.timebox_title", phase=self.phase_title), classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="dialog-note", markup=False)
            with Horizontal(id="timebox-row"):
                yield CleanInput(
                    str(self.minutes or ""),
                    placeholder=t("session.timebox_minutes"),
                    type="integer",
                    id="timebox-minutes",
                )
                yield Label(t("session.timebox_unit"), id="timebox-unit")  # "20" alone said little
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("session.timebox_set"), id="timebox-set", variant="primary")
                yield Button(t("session.timebox_restart"), id="timebox-restart")
            yield Static(t("session.timebox_hint"), classes="dialog-hint")
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

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
