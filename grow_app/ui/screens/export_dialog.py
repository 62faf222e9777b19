"""Export from the session screen (ctrl+e): the position paper in Word or markdown, or a bundle.

The dialog first has the session screen write what is still pending, then exports in a worker
thread (through its own database connection), and shows the absolute path of the new file, or
one line saying why it could not. Files go where ``grow export`` puts them: ``exports/`` under
the current folder, never overwriting. In a browser (``grow serve``) the file is also offered as
a download.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, RadioButton, RadioSet, Static

from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.services.meeting import Meeting
from grow_app.ui.screens.meeting_dialogs import DIALOG_CSS
from grow_app.ui.widgets.answer_area import CleanInput
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter

FORMATS = ("docx", "md", "json")
EXPORT_FOLDER = "exports"  # export_paper's and export_bundle's default, under the current folder


@dataclass
class ExportOutcome:
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)
    error: str = ""


def export_meeting(
    meeting: Meeting,
    fmt: str,
    *,
    template: str = "",
    skip_empty: bool = False,
    with_contributions: bool = False,
) -> ExportOutcome:
    """Export ``meeting`` as ``fmt``; safe to call from a worker thread.

    The export reads the meeting's database through a connection of its own (the screen's is
    never used from two threads): a snapshot of the session for a paper (with the appendix of
    the participants' contributions when asked for), its bundle for ``json``.
    """
    from grow_app.export.bundle import export_bundle
    from grow_app.export.paper import export_paper
    from grow_app.services.bundle_read import session_bundle
    from grow_app.services.snapshots import snapshot_of
    from grow_app.services.workspace import close_worker_database, worker_database

    own_db = None
    try:
        own_db = worker_database(meeting.db)
        if fmt == "json":
            path = export_bundle(session_bundle(own_db, meeting.session.id), None)
            return ExportOutcome(path.resolve())
        saved = Meeting(own_db, meeting.card, meeting.session)
        saved.reload()
        snapshot = snapshot_of(saved, with_contributions=with_contributions)
        result = export_paper(
            snapshot, fmt, None, template=template.strip() or None, skip_empty=skip_empty
        )
        return ExportOutcome(result.path.resolve(), list(result.warnings))
    except GrowError as err:
        return ExportOutcome(error=err.message)
    except OSError as err:  # e.g. the database went away: still one line, never a traceback
        return ExportOutcome(error=err.strerror or str(err))
    finally:
        if own_db is not None:
            close_worker_database(own_db, meeting.db)


class ExportScreen(ModalScreen[None]):
    """Choose the format (and for Word a house style), export, and see where the file went."""

    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    .meeting-dialog > #export-dialog {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    .meeting-dialog #export-body { height: auto; scrollbar-size-vertical: 1; }
    .meeting-dialog RadioSet { width: 100%; }
    .meeting-dialog #export-skip-empty { margin-top: 1; }
    .meeting-dialog #export-template-label { margin-top: 1; }
    .meeting-dialog #export-template { background: $panel; }
    .meeting-dialog #export-template:focus { background: $boost; }
    .meeting-dialog #export-body .dialog-buttons { margin-top: 1; }
    .meeting-dialog #export-result { height: auto; margin-top: 1; display: none; }
    .meeting-dialog #export-result.-failed { color: $error; text-style: bold; }
    .meeting-dialog #export-result.-done { color: $success; }
    """
    )
    SCOPED_CSS = False  # the rules select the dialog by its class
    BINDINGS = [
        Binding("escape", "close", "close", id="session.close", tooltip="close"),
        Binding("ctrl+s", "export", "export", id="session.export_go", tooltip="export"),
    ]

    def __init__(self, meeting: Meeting, flush: Callable[[float], bool]) -> None:
        super().__init__(classes="meeting-dialog")
        self.meeting = meeting
        self.flush = flush
        self.outcome: ExportOutcome | None = None
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        folder = Path.cwd() / EXPORT_FOLDER
        with Vertical(id="export-dialog"):
            # The title stays put; what is below it scrolls when the screen is small.
            yield Label(t("session.export_format"), classes="dialog-title")
            with VerticalScroll(id="export-body", can_focus=False):
                with RadioSet(id="export-format", compact=True):
                    for fmt in FORMATS:
                        yield RadioButton(t(f"session.export_{fmt}"), value=fmt == "docx", id=fmt)
                yield Checkbox(t("session.export_skip_empty"), id="export-skip-empty", compact=True)
                yield Checkbox(
                    t("join.export_with_contributions"),
                    id="export-contributions",
                    compact=True,
                    tooltip=t("join.export_with_contributions_help"),
                )
                yield Static(t("session.export_template"), id="export-template-label", markup=False)
                yield CleanInput(
                    placeholder=t("session.export_template_placeholder"),
                    id="export-template",
                    compact=True,  # one line: the whole dialog fits on an 80x24 screen
                )
                yield Static(
                    t("session.export_where", folder=f"{folder}{os.sep}"),
                    classes="dialog-hint",
                    markup=False,
                )
                with Horizontal(classes="dialog-buttons"):
                    yield Button(
                        t("session.export_go"), id="export-go", variant="primary", compact=True
                    )
                    yield Button(t("session.close"), id="export-close", compact=True)
                yield Static("", id="export-result", markup=False)
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    def on_resize(self, event: events.Resize) -> None:
        """The body gets the height the title leaves (so it scrolls, and the title stays)."""
        dialog = int(event.size.height * 0.95)
        rest = 2 + 2 + 2 + 1  # border, padding, the title and its margin, the footer
        self.query_one("#export-body").styles.max_height = max(4, dialog - rest)

    def on_mount(self) -> None:
        self.query_one("#export-go", Button).focus()

    @property
    def fmt(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return str(pressed.id) if pressed is not None and pressed.id in FORMATS else "docx"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        # Only the Word paper takes a house style, and a bundle has every answer anyway.
        paper = self.fmt != "json"
        self.query_one("#export-skip-empty").disabled = not paper
        self.query_one("#export-contributions").disabled = not paper
        word = self.fmt == "docx"
        self.query_one("#export-template").disabled = not word
        self.query_one("#export-template-label").disabled = not word

    def on_input_submitted(self, event: CleanInput.Submitted) -> None:
        event.stop()
        self.start_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-go":
            self.start_export()
        else:
            self.action_close()

    def start_export(self) -> None:
        go = self.query_one("#export-go", Button)
        if go.disabled:
            return
        go.disabled = True
        self._show(t("session.export_busy"), "")
        template = (
            self.query_one("#export-template", CleanInput).value if self.fmt == "docx" else ""
        )
        skip_empty = self.query_one("#export-skip-empty", Checkbox).value
        contributions = self.query_one("#export-contributions", Checkbox)
        with_contributions = contributions.value and self.fmt != "json"
        self._export(self.fmt, template, skip_empty, with_contributions)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, fmt: str, template: str, skip_empty: bool, contributions: bool) -> None:
        if not self.flush(10):
            outcome = ExportOutcome(error=t("session.export_not_saved"))
        else:
            outcome = export_meeting(
                self.meeting,
                fmt,
                template=template,
                skip_empty=skip_empty,
                with_contributions=contributions,
            )
        self.app.call_from_thread(self._finished, outcome)

    def _finished(self, outcome: ExportOutcome) -> None:
        self.outcome = outcome
        self.query_one("#export-go", Button).disabled = False
        if outcome.path is None:
            self._show(t("session.export_failed", reason=outcome.error), "-failed")
            return
        # The folder and the file's name on lines of their own: a whole path rarely fits, and
        # wrapped as text it broke at a hyphen of the name, which then looked like part of it.
        lines = [t("session.export_done"), f"{outcome.path.parent}{os.sep}", outcome.path.name]
        lines += [t("session.export_warning", warning=w) for w in outcome.warnings]
        if self.app.is_web:
            self.app.deliver_binary(outcome.path)
            lines.append(t("session.export_download"))
        self._show("\n".join(lines), "-done")
        self.query_one("#export-close", Button).focus()

    def _show(self, text: str, state: str) -> None:
        result = self.query_one("#export-result", Static)
        result.set_class(state == "-failed", "-failed")
        result.set_class(state == "-done", "-done")
        result.update(text)
        result.display = bool(text)
        self.call_after_refresh(result.scroll_visible, animate=False)

    def action_export(self) -> None:
        self.start_export()

    def action_close(self) -> None:
        self.dismiss(None)
