"""What the recovery journal still held when a session opened, offered back per question.

Texts land in the journal before they go to the database and leave it once the database has
them; so an entry that differs from the database is text that never made it (grow was killed,
the file was locked, full or gone). For each, the facilitator chooses: take it back (Enter; the
database's text stays in the versions), set it aside (Delete; it moves to ``herstel/verwerkt/``),
or decide later (Escape: it is offered again next time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from grow_app.i18n import t
from grow_app.services import changes as ch
from grow_app.services.journal import read_entry
from grow_app.ui.screens.meeting_dialogs import DIALOG_CSS
from grow_app.ui.screens.session_sync import preview
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from collections.abc import Callable

    from grow_app.services.journal import Journal, JournalEntry
    from grow_app.services.meeting import Meeting


def offered_entries(
    meeting: Meeting,
    entries: list[JournalEntry],
    journal: Journal,
    saving: Callable[[str, tuple[str, ...]], bool] = lambda _session, _key: False,
) -> list[JournalEntry]:
    """The entries whose text the database does not have; the others are dropped quietly.

    Not offered either: an entry another running window is still saving (it is that window's),
    one this window's own writer is still saving (``saving``: typed in the first frame while
    the session loaded; offering it put a recovery dialog over the text being typed, and the
    next keys went to it), and one that is gone or changed since ``entries`` were read (the
    meeting was loaded beside them; the writer has stored and dropped it meanwhile)."""
    offered = []
    for listed in entries:
        if listed.held_by_another_window():
            continue
        if listed.is_mine() and saving(listed.session_id, listed.key):
            continue
        entry = read_entry(listed.path) if listed.path is not None else listed
        if entry is None or entry.text != listed.text:
            continue
        current = meeting.text_of(entry.key) if entry.key[-1] != "+" else None
        if entry.key[-1] == "+" and entry.key[1] in {a.id for a in meeting.actions()}:
            current = entry.text
        if current == entry.text:
            journal.forget(entry.session_id, entry.key, entry.text)
        else:
            offered.append(entry)
    return offered


def label_of(meeting: Meeting, entry: JournalEntry) -> str:
    kind = entry.key[0]
    if kind == "answer":
        question = meeting.card.question(entry.key[1])
        text = question.text if question else entry.key[1]
        return f"{text} ({entry.key[2]})" if entry.key[2] else text
    if kind == "key_message" and meeting.card.key_message:
        return meeting.card.key_message.label
    return t(f"recovery.kind_{kind}") if kind in ("action", "participant", "parking") else kind


def change_for(meeting: Meeting, entry: JournalEntry) -> list[ch.Change]:
    """The changes that make ``entry``'s text the current one again."""
    key = entry.key
    if key[0] == "answer":
        change = meeting.edit_answer(key[1], key[2], entry.text)
        return [change] if change else []
    if key[0] == "key_message":
        key_message = meeting.edit_key_message(entry.text)
        return [key_message] if key_message else []
    if key[0] in ("action", "participant", "parking") and key[-1] != "+":
        edited = meeting.edit_record(key[0], key[1], key[2], entry.text)
        if edited is not None:
            return [edited]
        field = {"action": "wat", "participant": "name", "parking": "text"}[key[0]]
        return [meeting.add_record(key[0], **{field: entry.text})]  # the record never arrived
    return []


class RecoveryScreen(ModalScreen[list[ch.Change] | None]):
    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    RecoveryScreen.meeting-dialog > Vertical { height: 90%; }
    RecoveryScreen Horizontal { height: 1fr; }
    RecoveryScreen OptionList { width: 2fr; height: 100%; }
    RecoveryScreen #recovery-texts { width: 3fr; height: 100%; padding: 0 1; border-left: tall $panel; }
    RecoveryScreen .recovery-heading { text-style: bold; margin-top: 1; }
    """
    )
    SCOPED_CSS = False
    BINDINGS = [
        Binding("enter", "take", "take", id="recovery.take", tooltip="take", priority=True),
        Binding("delete", "set_aside", "aside", id="recovery.aside", tooltip="aside"),
        Binding("escape", "later", "later", id="recovery.later", tooltip="later"),
    ]

    def __init__(self, meeting: Meeting, entries: list[JournalEntry], journal: Journal) -> None:
        super().__init__(classes="meeting-dialog")
        self.meeting = meeting
        self.entries = list(entries)
        self.journal = journal
        self.changes: list[ch.Change] = []
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("recovery.title", count=len(self.entries)), classes="dialog-title")
            with Horizontal():
                yield OptionList(*self._options(), id="recovery-list")
                with VerticalScroll(id="recovery-texts"):
                    yield Static(t("recovery.kept"), classes="recovery-heading")
                    yield Static("", id="recovery-kept", markup=False)
                    yield Static(t("recovery.current"), classes="recovery-heading")
                    yield Static("", id="recovery-current", markup=False)
            yield Static(t("recovery.hint"), classes="dialog-hint")
        yield SteadyFooter(compact=True, show_command_palette=False)

    def _options(self) -> list[Option]:
        return [
            Option(Text(f"{label_of(self.meeting, e)[:40]}: {preview(e.text)}"))
            for e in self.entries
        ]

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0
        self.set_focus(listing)
        self._show(0)

    def _show(self, index: int | None) -> None:
        if index is None or not self.entries:
            return
        entry = self.entries[index]
        current = self.meeting.text_of(entry.key) if entry.key[-1] != "+" else ""
        self.query_one("#recovery-kept", Static).update(entry.text)
        self.query_one("#recovery-current", Static).update(current or t("recovery.empty"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _current(self) -> JournalEntry | None:
        index = self.query_one(OptionList).highlighted
        return self.entries[index] if index is not None and self.entries else None

    async def _done_with(self, entry: JournalEntry) -> None:
        self.entries.remove(entry)
        if not self.entries:
            self.dismiss(self.changes)
            return
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(self._options())
        listing.highlighted = 0
        self._show(0)

    async def action_take(self) -> None:
        entry = self._current()
        if entry is None:
            return
        self.changes.extend(change_for(self.meeting, entry))
        # The text goes on as this window's own change (journaled in this window's file until
        # stored); the file taken is done with, and set aside rather than deleted. Left where
        # it was, a text typed on before the store would have it offered again at every open.
        self.journal.archive(entry)
        await self._done_with(entry)

    async def action_set_aside(self) -> None:
        entry = self._current()
        if entry is not None:
            self.journal.archive(entry)
            await self._done_with(entry)

    def action_later(self) -> None:
        self.dismiss(self.changes)
