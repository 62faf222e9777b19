"""Earlier versions of one answer (every saved revision is kept) and bringing one back.

Dismisses with the chosen text, or None. Bringing a version back is an ordinary edit: it is
saved as a new revision and can be undone with ctrl+z.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from grow_app.i18n import t
from grow_app.records import Revision
from grow_app.ui.screens.meeting_dialogs import DIALOG_CSS
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter

PREVIEW_CHARS = 50


def local_time(stamp: str) -> str:
    """'2026-03-14T13:03:12.123456+00:00' as local 'dd-mm HH:MM:SS'."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d-%m %H:%M:%S")
    except ValueError:
        return stamp


class VersionsScreen(ModalScreen[str | None]):
    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    VersionsScreen.meeting-dialog > Vertical { height: 90%; }
    VersionsScreen Horizontal { height: 1fr; }
    VersionsScreen OptionList { width: 2fr; height: 100%; }
    VersionsScreen #version-text { width: 3fr; height: 100%; padding: 0 1; border-left: tall $panel; }
    """
    )
    SCOPED_CSS = False  # the shared rules select the dialog by its class

    BINDINGS = [
        Binding("enter", "restore", "restore", id="session.versions_restore", tooltip="r"),
        Binding("escape", "close", "close", id="session.close", tooltip="close"),
    ]

    def __init__(
        self, title: str, revisions: list[Revision], *, origin: str = "", since: str = ""
    ) -> None:
        super().__init__(classes="meeting-dialog")
        self.title_text = title
        self.revisions = revisions
        self.origin = origin
        """This window's writer: versions another window saved while this one was open
        (``saved_at >= since``) are marked as such, so a crossing is easy to find."""
        self.since = since
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                t("session.versions_title", title=self.title_text),
                classes="dialog-title",
                markup=False,
            )
            if not self.revisions:
                yield Static(t("session.versions_none"))
            else:
                with Horizontal():
                    options = []
                    for revision in self.revisions:
                        preview = " ".join(revision.text.split())
                        if len(preview) > PREVIEW_CHARS:
                            preview = preview[: PREVIEW_CHARS - 1] + "…"
                        elsewhere = (
                            self.origin
                            and revision.origin not in ("", self.origin)
                            and revision.saved_at >= self.since
                        )
                        mark = f" ({t('session.versions_elsewhere')})" if elsewhere else ""
                        options.append(
                            Option(Text(f"{local_time(revision.saved_at)}{mark}  {preview or '—'}"))
                        )
                    yield OptionList(*options, id="version-list")
                    with VerticalScroll(id="version-text"):
                        yield Static(self.revisions[0].text, id="version-full", markup=False)
            yield Static(t("session.versions_hint"), classes="dialog-hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        if self.revisions:
            listing = self.query_one(OptionList)
            listing.highlighted = 0
            listing.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#version-full", Static).update(self.revisions[event.option_index].text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.revisions[event.option_index].text)

    def action_restore(self) -> None:
        if not self.revisions:
            self.dismiss(None)
            return
        index = self.query_one(OptionList).highlighted
        self.dismiss(self.revisions[index].text if index is not None else None)

    def action_close(self) -> None:
        self.dismiss(None)
