"""Home screen (``grow``): partnerships on the left, the chosen partnership's sessions on the right.

Everything a facilitator prepares happens here: add, rename and delete partnerships, start a
session (card, date, participants), open one to carry on, and get things back from the trash.
The partnerships are drawn first; sessions (which need the cards for their progress) follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from grow_app.i18n import t, tn
from grow_app.records import Partnership, Session
from grow_app.ui.typed_app import grow_of
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.common_bindings import show_in_footer
from grow_app.ui.widgets.common_painted import PaintedStatic
from grow_app.ui.widgets.steady_footer import SteadyFooter
from grow_app.ui.widgets.writes import TaskRunner

if TYPE_CHECKING:
    from sqlite_utils import Database

K = "ui.home.key."
WIDE_FOOTER = 100
REGION_WIDTH = 18
NAME_AT_LEAST = 24
"""Below this room for a name, the onderwijsregio goes on a second line under it."""
FACILITATOR_FROM = 44
"""The room (for facilitator and card together) from which the facilitator has a column."""
"""From this width the footer also shows delete and compare (F1 always lists them)."""
FOOTER_WHEN_WIDE = frozenset({"home.delete", "home.compare"})


class HomeScreen(TaskRunner, Screen[None]):
    CSS_PATH = "home.tcss"  # also loaded by the app (see GrowApp.CSS_PATH)
    BINDINGS = [
        Binding("a", "add_partnership", K + "add", tooltip=K + "add_tip", id="home.add"),
        Binding(
            "s", "new_session", K + "new_session", tooltip=K + "new_session_tip", id="home.session"
        ),
        Binding(
            "enter",
            "open_selected",
            K + "open",
            tooltip=K + "open_tip",
            id="home.open",
            priority=True,
        ),
        Binding(
            "r", "rename", K + "rename", tooltip=K + "rename_tip", id="home.rename", show=False
        ),
        Binding("delete", "delete", K + "delete", tooltip=K + "delete_tip", id="home.delete"),
        Binding("p", "trash", K + "trash", tooltip=K + "trash_tip", id="home.trash", show=False),
        Binding("v", "compare", K + "compare", tooltip=K + "compare_tip", id="home.compare"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.partnerships: list[Partnership] = []
        self.sessions: list[Session] = []
        self._compare_available: bool | None = None
        self.painted = False
        """True once the partnerships are on screen; sessions (slower) load from then on."""

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("ui.home.first_run"), id="first-run")
        with Horizontal(id="home-body"):
            with Vertical(id="partnerships-pane"):
                yield PaintedStatic(t("ui.home.partnerships"), classes="pane-title")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="partnerships")
            with Vertical(id="sessions-pane"):
                yield Label(t("ui.home.sessions_none_selected"), id="sessions-title", markup=False)
                yield DataTable(cursor_type="row", zebra_stripes=True, id="sessions")
                yield Static(t("ui.home.no_sessions"), id="no-sessions")
        yield SteadyFooter(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.sub_title = t("ui.home.title")
        self._fit_columns()
        self.reload(sessions=False)  # the sessions need the cards: after the first frame
        if not self.partnerships:
            self.call_after_refresh(grow_of(self).report_card_problems)

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= WIDE_FOOTER
        show_in_footer(self, set(FOOTER_WHEN_WIDE) if wide else set(), FOOTER_WHEN_WIDE)
        if self._fit_columns():  # the columns changed: the rows are laid out again
            self.reload(sessions=self.painted)

    # -- columns that fit -------------------------------------------------------------------
    _widths: tuple = ()

    def _fit_columns(self) -> bool:
        """Columns as wide as the panes allow; long texts wrap instead of running off the
        edge. Where a pane is narrow (80 columns) the onderwijsregio goes under the name and the
        facilitator under the card, in grey. True when the columns changed."""
        width = self.size.width or self.app.size.width
        inner = max(40, width - 4)  # the panes' margins
        left, right = inner * 2 // 5 - 1, inner * 3 // 5 - 1  # scrollbar
        count = max(len(t("ui.home.col.sessions")), 3)
        rest = left - count - 2 * 2
        region = rest - REGION_WIDTH - 2 if rest - REGION_WIDTH - 2 >= NAME_AT_LEAST else 0
        name = rest - (region + 2 if region else 0)
        fixed = len("2026-03-14") + max(len(t("ui.home.col.progress")), 9) + 2 * 2
        flexible = right - fixed - 2 * 2
        facilitator = flexible * 2 // 5 if flexible >= FACILITATOR_FROM else 0
        card = flexible - facilitator + (0 if facilitator else 2)
        widths = (name, count, region, facilitator, card)
        if widths == self._widths:
            return False
        self._widths = widths
        partnerships = self.query_one("#partnerships", DataTable)
        partnerships.clear(columns=True)
        partnerships.add_column(t("ui.home.col.name"), key="name", width=max(10, name))
        partnerships.add_column(t("ui.home.col.sessions"), key="count", width=count)
        if region:
            partnerships.add_column(t("ui.home.col.region"), key="region", width=REGION_WIDTH)
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear(columns=True)
        sessions.add_column(t("ui.home.col.date"), key="date")
        sessions.add_column(t("ui.home.col.progress"), key="progress")
        if facilitator:
            sessions.add_column(t("ui.home.col.facilitator"), key="facilitator", width=facilitator)
        sessions.add_column(t("ui.home.col.card"), key="card", width=max(12, card))
        return True

    def _partnership_cells(self, p: Partnership) -> list[object]:
        if self._widths[2]:
            return [Text(p.name), "", Text(p.region)]
        name = Text(p.name)
        if p.region:
            name.append(f"\n{p.region}", style="dim")
        return [name, ""]

    def _session_cells(self, session: Session, progress: str, title: str) -> list[object]:
        if self._widths[3]:
            return [session.date, progress, Text(session.facilitator), Text(title)]
        card = Text(title)
        if session.facilitator:
            card.append(f"\n{session.facilitator}", style="dim")
        return [session.date, progress, card]

    def on_painted(self) -> None:
        self.painted = True
        self.load_sessions()
        grow_of(self).report_card_problems()

    def on_screen_resume(self) -> None:
        if self.painted and self.partnerships:  # back from a session: its progress changed
            self.load_sessions()

    # -- data -------------------------------------------------------------------------------
    @property
    def db(self):
        return grow_of(self).context.db

    @property
    def partnership(self) -> Partnership | None:
        return self._current("#partnerships", self.partnerships)

    @property
    def session(self) -> Session | None:
        return self._current("#sessions", self.sessions)

    def _current(self, selector: str, rows: list):
        """The row under the cursor of a table (None before the screen is composed)."""
        table = self.query_one_optional(selector, DataTable) if rows else None
        if table is None:
            return None
        row = table.cursor_row
        return rows[row] if 0 <= row < len(rows) else None

    def reload(self, select_partnership: str | None = None, *, sessions: bool = True) -> None:
        """Reload the partnerships; keep (or move to) the chosen one by id.

        With ``sessions=False`` (the first frame) the session counts and the sessions, which
        need the card models, are left for :meth:`on_painted`.
        """
        from grow_app.services.partnerships import list_partnerships

        keep = select_partnership or (self.partnership.id if self.partnership else None)
        self.partnerships = list_partnerships(self.db)
        table = self.query_one("#partnerships", DataTable)
        table.clear()
        for p in self.partnerships:
            table.add_row(*self._partnership_cells(p), key=p.id, height=None)
        ids = [p.id for p in self.partnerships]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        empty = not self.partnerships
        self.query_one("#first-run").display = empty
        self.query_one("#home-body").display = not empty
        if not empty and not self.query_one("#sessions", DataTable).has_focus:
            table.focus()
        if sessions:
            self.load_sessions()

    def fill_counts(self) -> None:
        from grow_app.services.sessions import list_sessions

        counts: dict[str, int] = {}
        for session in list_sessions(self.db):
            counts[session.partnership_id] = counts.get(session.partnership_id, 0) + 1
        table = self.query_one("#partnerships", DataTable)
        for p in self.partnerships:
            table.update_cell(p.id, "count", str(counts.get(p.id, 0)))

    def load_sessions(self, select_session: str | None = None) -> None:
        from grow_app.errors import GrowError
        from grow_app.services.meeting import Meeting
        from grow_app.services.sessions import list_sessions

        partnership = self.partnership
        table = self.query_one("#sessions", DataTable)
        keep = select_session or (self.session.id if self.session else None)
        table.clear()
        self.sessions = list_sessions(self.db, partnership) if partnership else []
        catalog = grow_of(self).context.catalog if self.sessions else None
        for session in self.sessions:
            assert catalog is not None  # there are sessions
            try:
                card = catalog.get(session.card_id)
            except GrowError:
                title, progress = session.card_id, t("ui.home.card_missing")
            else:
                answered, total = Meeting(self.db, card, session).overall_progress()
                title, progress = card.title, t("ui.home.progress", answered=answered, total=total)
            table.add_row(
                *self._session_cells(session, progress, title), key=session.id, height=None
            )
        ids = [s.id for s in self.sessions]
        # the chosen session stays chosen; otherwise the latest, the one most likely resumed
        table.move_cursor(row=ids.index(keep) if keep in ids else len(ids) - 1)
        title = (
            t("ui.home.sessions", name=partnership.name)
            if partnership
            else t("ui.home.sessions_none_selected")
        )
        self.query_one("#sessions-title", Label).update(title)
        self.fill_counts()
        self.query_one("#no-sessions").display = bool(partnership) and not self.sessions
        table.display = bool(self.sessions)
        self.refresh_bindings()

    # -- events -----------------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "partnerships" and self.painted:
            current = self.sessions[0].partnership_id if self.sessions else None
            if self.partnership and self.partnership.id != current:
                self.load_sessions()
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # -- actions ----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rename", "new_session"):
            return self.partnership is not None
        if action == "delete":
            return self.partnership is not None
        if action == "open_selected":
            return self.session is not None and self._sessions_focused()
        if action == "compare":
            return self.compare_available()
        return True

    def _sessions_focused(self) -> bool:
        table = self.query_one_optional("#sessions")
        return table is not None and table.has_focus

    def compare_available(self) -> bool:
        if self._compare_available is None:
            try:
                from grow_app.ui.screens import compare  # noqa: F401
            except ImportError:
                self._compare_available = False
            else:
                self._compare_available = True
        return self._compare_available

    def action_compare(self) -> None:
        from grow_app.ui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen())

    def action_add_partnership(self) -> None:
        from grow_app.services.partnerships import add_partnership
        from grow_app.ui.screens.partnership_form import PartnershipForm, PartnershipValues

        added: list[str] = []

        def submit(values: PartnershipValues) -> None:
            added.append(add_partnership(self.db, values.name, values.region, values.sectors).id)

        def done(name: str | None) -> None:
            if name and added:
                self.reload(select_partnership=added[-1])
                self.notify(t("ui.home.added", name=name), markup=False)

        self.app.push_screen(PartnershipForm(submit), done)

    def action_rename(self) -> None:
        from grow_app.services.partnerships import rename_partnership
        from grow_app.ui.screens.partnership_form import PartnershipForm, PartnershipValues

        partnership = self.partnership
        if partnership is None:
            return

        def submit(values: PartnershipValues) -> None:
            rename_partnership(self.db, partnership, values.name)

        def done(name: str | None) -> None:
            if name:
                self.reload(select_partnership=partnership.id)
                self.notify(t("ui.home.renamed", name=name), markup=False)

        self.app.push_screen(PartnershipForm(submit, name=partnership.name, rename=True), done)

    def action_delete(self) -> None:
        from grow_app.services.trash import trash_partnership, trash_session
        from grow_app.ui.screens.confirm import ConfirmScreen

        session, partnership = self.session, self.partnership
        if self._sessions_focused() and session is not None:
            question = t("ui.home.confirm_session", date=session.date, card=session.card_id)
            label = t("ui.home.session_label", date=session.date)

            def remove(db: Database) -> None:
                trash_session(db, session.id)
        elif partnership is not None:
            question = tn("ui.home.confirm_partnership", len(self.sessions), name=partnership.name)
            label = partnership.name

            def remove(db: Database) -> None:
                trash_partnership(db, partnership.id)
        else:
            return

        def removed(_result: object) -> None:
            self.reload()
            self.notify(t("ui.home.trashed", name=label), markup=False)

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.run_write("trash", remove, removed)

        self.app.push_screen(ConfirmScreen(question), done)

    def action_new_session(self) -> None:
        from grow_app.ui.screens.new_session import NewSessionScreen

        partnership = self.partnership
        if partnership is None:
            return

        def done(session_id: str | None) -> None:
            if session_id:
                self.reload(select_partnership=partnership.id)
                self.load_sessions(select_session=session_id)
                self.notify(t("ui.session_form.created", name=partnership.name), markup=False)
                grow_of(self).open_session(session_id)

        self.app.push_screen(NewSessionScreen(partnership), done)

    def action_open_selected(self) -> None:
        if self.session is not None:
            grow_of(self).open_session(self.session.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a partnership moves to its sessions, or starts its first one."""
        if event.data_table.id != "partnerships":
            return
        if self.sessions:
            self.query_one("#sessions", DataTable).focus()
        else:
            self.action_new_session()

    def action_trash(self) -> None:
        from grow_app.ui.screens.trash import TrashScreen

        def done(restored: bool | None) -> None:
            if restored:
                self.reload()

        self.app.push_screen(TrashScreen(), done)
