"""Compare screen: the programme manager's view of many partnerships side by side on one card.

Choose a card and filter the partnerships (onderwijsregio, sector, name); the tabs show one
question at a time for every partnership, an overview of how much each has answered, the
recommendation statuses as a matrix, the grid card as a heatmap, and one partnership's sessions
over time. Every query runs in a worker thread and comes back as a message
(:mod:`grow_app.ui.screens.compare_loading`), so the screen stays responsive with a thousand
partnerships; only the active tab loads.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    DataTable,
    Header,
    Input,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from grow_app.card.models import Card
from grow_app.i18n import t
from grow_app.services import compare as service
from grow_app.services.compare import ComparedSession, Filters
from grow_app.ui.screens.compare_loading import KEY_MESSAGE_OPTION, CompareLoaded, CompareLoading
from grow_app.ui.typed_app import grow_of
from grow_app.ui.widgets import compare_tables as tables
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.select import GrowSelect
from grow_app.ui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.loader import CardCatalog

SEARCH_DELAY = 0.25  # seconds after typing pauses before the name filter is applied
TABS = ("question", "overview", "matrix", "grid", "time")
TAB_TABLES = {tab: f"#{tab}-table" for tab in TABS}
FOOTER_TABS_FROM = 140
"""From this width on the footer shows the tab keys too (F1 always lists them)."""


def _tab_bindings() -> list[Binding]:
    """alt+1 … alt+5 open a tab from anywhere (also from the name filter: priority)."""
    return [
        Binding(f"alt+{n}", f"show_tab('{tab}')", tab, id=f"compare.tab_{tab}", priority=True)
        for n, tab in enumerate(TABS, start=1)
    ]


class CompareScreen(CompareLoading, Screen[None]):
    # Relative, as GrowApp.CSS_PATH (which reads it at start): Textual resolves both the same
    # way, so the screen finds the sheet already read (a path string of its own, through a
    # symbolic link, would have it read and all CSS parsed again).
    CSS_PATH = "compare.tcss"
    BINDINGS = [Binding("escape", "back", "back", id="compare.back"), *_tab_bindings()]

    def __init__(self) -> None:
        super().__init__()
        # translated here, not at import: the language is chosen after the module is loaded
        texts = {"compare.back": t("compare.key_back")}
        texts.update({f"compare.tab_{tab}": t(f"compare.tab.{tab}") for tab in TABS})
        translate_bindings(self, texts)
        self._tab_tips()
        self.card: Card | None = None
        self.filters = Filters()
        self.sessions: list[ComparedSession] = []
        self.token = 0
        self.loaded_tabs: set[str] = set()
        self.grid_question_id: str | None = None
        self.requests: dict[str, int] = {}
        self.sessions_token = -1  # the selection self.sessions belongs to
        self._reader: Database | None = None
        self._reader_lock = threading.Lock()
        self._search_timer: Timer | None = None
        self._prefetched: Any = None  # the first question's data, fetched with the sessions
        self._time_choices_token = -1  # the selection the time tab's choices belong to

    def _tab_tips(self) -> None:
        """F1 explains the tab keys in a whole line ("Naar het tabblad Overzicht")."""
        from dataclasses import replace

        keys = self._bindings.key_to_bindings
        for key, found in keys.items():
            keys[key] = [
                replace(b, tooltip=t("compare.tab_tip", tab=b.description))
                if (b.id or "").startswith("compare.tab_")
                else b
                for b in found
            ]

    def on_resize(self, event: object) -> None:
        from grow_app.ui.widgets.common_bindings import show_in_footer

        width = self.size.width
        tab_ids = frozenset(f"compare.tab_{tab}" for tab in TABS)
        show_in_footer(self, set(tab_ids) if width >= FOOTER_TABS_FROM else set(), tab_ids)

    def action_show_tab(self, tab: str) -> None:
        """Open a tab and put the cursor in its table (arrow keys work at once)."""
        self.query_one("#compare-tabs", TabbedContent).active = f"tab-{tab}"
        table = self.query_one(TAB_TABLES[tab], DataTable)
        self.call_after_refresh(table.focus)

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        catalog = self._catalog()
        cards = [(tables.short(card.title, 24), card.id) for card in catalog]
        self.card = next(iter(catalog), None)
        questions = self._question_options()
        yield Header()
        with Horizontal(id="compare-filters"):
            # One line each (compact): the tables get the height, also on 80x24.
            yield GrowSelect(
                cards, prompt=t("compare.card"), allow_blank=False, id="compare-card", compact=True
            )
            yield GrowSelect([], prompt=t("compare.all_regions"), id="compare-region", compact=True)
            yield GrowSelect([], prompt=t("compare.all_sectors"), id="compare-sector", compact=True)
            yield Input(placeholder=t("compare.search"), id="compare-search", compact=True)
        yield Static(t("compare.loading"), id="compare-status")
        with TabbedContent(id="compare-tabs"):
            with TabPane(t("compare.tab.question"), id="tab-question"):
                yield GrowSelect(
                    questions,
                    prompt=t("compare.question"),
                    allow_blank=not questions,
                    id="question-select",
                    compact=True,
                )
                yield DataTable(id="question-table", zebra_stripes=True, cursor_type="row")
            with TabPane(t("compare.tab.overview"), id="tab-overview"):
                yield DataTable(id="overview-table", zebra_stripes=True, cursor_type="row")
            with TabPane(t("compare.tab.matrix"), id="tab-matrix"):
                yield Static("", id="matrix-note")
                yield DataTable(id="matrix-table", zebra_stripes=True)
            with TabPane(t("compare.tab.grid"), id="tab-grid"):
                yield Static("", id="grid-note")
                yield DataTable(id="grid-table")
                with VerticalScroll(id="grid-cell-box"):
                    yield Static(t("compare.cell_hint"), id="grid-cell", markup=False)
            with TabPane(t("compare.tab.time"), id="tab-time"):
                yield GrowSelect(
                    [], prompt=t("compare.partnership"), id="time-partnership", compact=True
                )
                yield DataTable(id="time-table", zebra_stripes=True, cursor_type="row")
        yield SteadyFooter(show_command_palette=False)  # F1 lists ctrl+p, in the user's language

    def on_mount(self) -> None:
        self.title = t("compare.title")
        self.reload()  # first: the workers take turns, and the table is what people wait for
        self._run("choices", lambda db: service.filter_choices(db))

    # -- helpers --------------------------------------------------------------------------------
    def _question_options(self) -> list[tuple[str, str]]:
        if self.card is None:
            return []
        options = [(tables.short(q.text, 90), q.id) for q in self.card.questions()]
        if self.card.key_message:
            options.append((self.card.key_message.label, KEY_MESSAGE_OPTION))
        return options

    def _catalog(self) -> CardCatalog:
        return grow_of(self).context.catalog

    # -- events ---------------------------------------------------------------------------------
    @on(Select.Changed, "#compare-card")
    def card_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        card = self._catalog().get(str(event.value))
        if self.card is not None and card.id == self.card.id:
            return
        self.card = card
        self.reload()

    @on(Select.Changed, "#compare-region")
    @on(Select.Changed, "#compare-sector")
    def filter_changed(self, event: Select.Changed) -> None:
        region = self.query_one("#compare-region", Select).value
        sector = self.query_one("#compare-sector", Select).value
        self.filters = Filters(
            region=None if region is Select.NULL else str(region),
            sector=None if sector is Select.NULL else str(sector),
            search=self.filters.search,
        )
        self.reload()

    @on(Input.Changed, "#compare-search")
    def search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        search = event.value.strip() or None
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._apply_search(search))

    def _apply_search(self, search: str | None) -> None:
        if search != self.filters.search:
            self.filters = Filters(self.filters.region, self.filters.sector, search)
            self.reload()

    @on(Select.Changed, "#question-select")
    def question_changed(self, event: Select.Changed) -> None:
        self.load_question()

    @on(Select.Changed, "#time-partnership")
    def time_partnership_changed(self, event: Select.Changed) -> None:
        self.load_over_time()

    @on(TabbedContent.TabActivated)
    def tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id and event.pane.id.startswith("tab-"):
            self.load_tab(event.pane.id.removeprefix("tab-"))

    @on(DataTable.CellHighlighted, "#grid-table")
    @on(DataTable.CellSelected, "#grid-table")
    def grid_cell_chosen(self, event: DataTable.CellHighlighted | DataTable.CellSelected) -> None:
        if self.card is None or self.grid_question_id is None:
            return
        row_key, column_key = event.cell_key
        if not str(column_key.value).startswith("c:"):
            return
        question = self.card.question(self.grid_question_id)
        assert question is not None
        row, column = str(row_key.value), str(column_key.value)[2:]
        sessions = list(self.sessions)
        self._run(
            "cell",
            lambda db: (row, column, service.cell_activities(db, sessions, question, row, column)),
        )

    def on_compare_loaded(self, message: CompareLoaded) -> None:
        if message.kind == "error":
            self.query_one("#compare-status", Static).update(
                t("compare.error", reason=message.data)
            )
            return
        if message.request != self.requests.get(message.kind):
            return  # a newer request of this kind is on its way
        if message.token != self.token and message.kind != "choices":
            return  # an answer for a selection that has changed since
        handler = getattr(self, f"_show_{message.kind}")
        handler(message.data)

    def action_back(self) -> None:
        self.app.pop_screen()
