"""Compare screen: the programme manager's view of many partnerships side by side on one card.

Choose a card and filter the partnerships (onderwijsregio, sector, name); the tabs show one
question at a time for every partnership, an overview of how much each has answered, the
recommendation statuses as a matrix, the grid card as a heatmap, and one partnership's sessions
over time. Every query runs in a worker thread and comes back as a :class:`CompareScreen.Loaded`
message, so the screen stays responsive with a thousand partnerships; only the active tab loads.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from grow_app.card.models import Card, Question
from grow_app.i18n import t
from grow_app.services import compare as service
from grow_app.services.compare import ComparedSession, Filters
from grow_app.store.connection import connect, database_path
from grow_app.ui.widgets import compare_tables as tables
from grow_app.ui.widgets.bindings import translate_bindings

KEY_MESSAGE_OPTION = "_kernboodschap"  # the key message, offered after the card's questions
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


class CompareScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "back", "back", id="compare.back"), *_tab_bindings()]

    class Loaded(Message):
        """A worker finished a query: ``kind`` says which, ``token`` which selection it was for."""

        def __init__(self, kind: str, token: int, request: int, data: Any) -> None:
            super().__init__()
            self.kind = kind
            self.token = token
            self.request = request
            self.data = data

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
            yield Select(
                cards, prompt=t("compare.card"), allow_blank=False, id="compare-card", compact=True
            )
            yield Select([], prompt=t("compare.all_regions"), id="compare-region", compact=True)
            yield Select([], prompt=t("compare.all_sectors"), id="compare-sector", compact=True)
            yield Input(placeholder=t("compare.search"), id="compare-search", compact=True)
        yield Static(t("compare.loading"), id="compare-status")
        with TabbedContent(id="compare-tabs"):
            with TabPane(t("compare.tab.question"), id="tab-question"):
                yield Select(
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
                yield Select(
                    [], prompt=t("compare.partnership"), id="time-partnership", compact=True
                )
                yield DataTable(id="time-table", zebra_stripes=True, cursor_type="row")
        yield Footer(show_command_palette=False)  # F1 lists ctrl+p, in the user's language

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

    def _catalog(self):
        return self.app.context.catalog  # type: ignore[attr-defined]

    def _reading_db(self) -> Database:
        """The workers' own connection (WAL lets it read while the app writes); an in-memory
        database has only the app's connection, which the workers then share."""
        if self._reader is None:
            db = self.app.context.db  # type: ignore[attr-defined]
            path = database_path(db)
            self._reader = db if path == ":memory:" else Database(connect(path))
        return self._reader

    def on_unmount(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None and reader is not self.app.context.db:  # type: ignore[attr-defined]
            with self._reader_lock:
                reader.conn.close()

    def _run(self, kind: str, query: Callable[[Any], Any]) -> None:
        """Run ``query(db)`` in a thread; the answer arrives as a Loaded message."""
        db = self._reading_db()
        token = self.token
        request = self.requests[kind] = self.requests.get(kind, 0) + 1

        def work() -> None:
            try:
                with self._reader_lock:  # workers take turns on the connection
                    data = query(db)
            except sqlite3.Error as err:  # e.g. the file was locked for too long: say so
                self.post_message(self.Loaded("error", token, 0, str(err)))
                return
            self.post_message(self.Loaded(kind, token, request, data))

        self.run_worker(work, thread=True, group=f"compare-{kind}", exclusive=True)

    def reload(self) -> None:
        """The selection changed: fetch the sessions, then the active tab."""
        self.token += 1
        self.loaded_tabs.clear()
        self.query_one("#compare-status", Static).update(t("compare.loading"))
        card, filters = self.card, self.filters
        assert card is not None
        # On the question tab, the first question's answers come with the sessions: one trip
        # through the worker instead of two before the table can be filled.
        question = self._question_to_prefetch() if self._active_tab() == "question" else None

        def query(db):
            sessions = service.select_sessions(db, card, filters)
            prefetched = self._question_query(question)(db, sessions) if question else None
            return sessions, prefetched

        self._run("sessions", query)

    def _question_to_prefetch(self) -> Question | None:
        """The question the question tab will show once the sessions are in (see _show_sessions)."""
        assert self.card is not None
        ids = [q.id for q in self.card.questions()]
        value = self.query_one("#question-select", Select).value
        if value == KEY_MESSAGE_OPTION:
            return None
        chosen = value if value in ids else (ids[0] if ids else None)
        return self.card.question(str(chosen)) if chosen else None

    def _question_query(self, question: Question) -> Callable[[Any, list[ComparedSession]], Any]:
        card = self.card
        assert card is not None

        def query(db, sessions: list[ComparedSession]):
            view = service.question_view(db, card, sessions, question)
            return question, view.labels, view.answers, view.statuses

        return query

    def _active_tab(self) -> str:
        active = self.query_one("#compare-tabs", TabbedContent).active or "tab-question"
        return active.removeprefix("tab-")

    def load_tab(self, tab: str) -> None:
        if tab in self.loaded_tabs or self.card is None or self.sessions_token != self.token:
            return
        self.loaded_tabs.add(tab)
        card, sessions = self.card, list(self.sessions)
        if tab == "question":
            self.load_question()
        elif tab == "overview":
            self._run("overview", lambda db: service.overview(db, card, sessions))
        elif tab == "matrix":
            questions = service.recommendation_questions(card)
            if not questions:
                self.query_one("#matrix-note", Static).update(
                    self._instead("compare.no_matrix", service.recommendation_questions)
                )
                tables.clear(self.query_one("#matrix-table", DataTable))
                return
            self.query_one("#matrix-note", Static).update(
                tables.matrix_legend(questions[0], self.size.width - 6)
            )
            self._run(
                "matrix",
                lambda db: (questions[0], service.question_statuses(db, sessions, questions[0])),
            )
        elif tab == "grid":
            questions = service.grid_questions(card)
            if not questions:
                self.grid_question_id = None
                self.query_one("#grid-note", Static).update(
                    self._instead("compare.no_grid", service.grid_questions)
                )
                tables.clear(self.query_one("#grid-table", DataTable))
                return
            self.grid_question_id = questions[0].id
            self.query_one("#grid-note", Static).update(questions[0].text)
            self._run("grid", lambda db: service.heatmap(db, card, sessions, questions[0]))
        elif tab == "time":
            self._fill_time_choices()
            self.load_over_time()

    def _instead(self, message: str, has: Callable[[Card], list[Question]]) -> str:
        """Why a tab is empty, and what to do instead: the cards that do have it (chosen at
        the top), or the answers question by question (alt+1)."""
        others = [card.title for card in self._catalog() if has(card)]
        if others:
            names = ", ".join(f"'{title}'" for title in others)
            return t(f"{message}_other", cards=names)
        return t(f"{message}_none")

    def load_question(self) -> None:
        prefetched, self._prefetched = self._prefetched, None  # good for this one load only
        select = self.query_one("#question-select", Select)
        if self.card is None or select.value is Select.NULL or self.sessions_token != self.token:
            return
        if select.value == KEY_MESSAGE_OPTION and self.card.key_message:
            # Already loaded with the sessions; a late answer for an earlier question is dropped.
            self.requests["question"] = self.requests.get("question", 0) + 1
            texts = {s.session_id: {"": s.key_message} for s in self.sessions}
            self._show_question((None, [("", self.card.key_message.label)], texts, {}))
            return
        question = self.card.question(str(select.value))
        if question is None:
            return
        if prefetched is not None and prefetched[0] is question:
            self.requests["question"] = self.requests.get("question", 0) + 1  # as above
            self._show_question(prefetched)
            return
        sessions, query = list(self.sessions), self._question_query(question)
        self._run("question", lambda db: query(db, sessions))

    def load_over_time(self) -> None:
        select = self.query_one("#time-partnership", Select)
        table = self.query_one("#time-table", DataTable)
        if self.card is None or select.value is Select.NULL or self.sessions_token != self.token:
            tables.clear(table)
            return
        card, partnership_id = self.card, str(select.value)

        def query(db):
            sessions = service.sessions_over_time(db, card, partnership_id)
            answers = {q.id: service.question_answers(db, sessions, q) for q in card.questions()}
            labels = {q.id: service.item_labels(card, q) for q in card.questions()}
            return sessions, answers, labels

        self._run("time", query)

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

    def on_compare_screen_loaded(self, message: Loaded) -> None:
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

    def _room(self) -> int:
        """The width a tab's table has (the screen, less the tab's padding and a scrollbar)."""
        return self.size.width - 2 - 2

    # -- showing results ------------------------------------------------------------------------
    def _show_choices(self, data: tuple[list[str], list[str]]) -> None:
        regions, sectors = data
        self.query_one("#compare-region", Select).set_options([(r, r) for r in regions])
        self.query_one("#compare-sector", Select).set_options([(s, s) for s in sectors])

    def _show_sessions(self, data: tuple[list[ComparedSession], Any]) -> None:
        assert self.card is not None
        sessions, self._prefetched = data
        self.sessions = sessions
        self.sessions_token = self.token
        status = t("compare.count", count=len(sessions)) if sessions else t("compare.none")
        self.query_one("#compare-status", Static).update(status)
        questions = self._question_options()
        question_select = self.query_one("#question-select", Select)
        with self.prevent(Select.Changed):
            previous = question_select.value
            question_select.set_options(questions)
            ids = [q for _label, q in questions]
            if ids:
                question_select.value = previous if previous in ids else ids[0]
        self.load_tab(self._active_tab())

    def _fill_time_choices(self) -> None:
        """The partnerships to choose from on the time tab, set when that tab is shown for a new
        selection (ten thousand options took a quarter of a second before the first rows)."""
        if self._time_choices_token == self.sessions_token:
            return
        self._time_choices_token = self.sessions_token
        time_select = self.query_one("#time-partnership", Select)
        with self.prevent(Select.Changed):
            keep = time_select.value
            partners = [(s.name, s.partnership_id) for s in self.sessions]
            time_select.set_options(partners)
            if keep in {p for _n, p in partners}:
                time_select.value = keep

    def _show_question(self, data) -> None:
        question, labels, answers, statuses = data
        table = self.query_one("#question-table", DataTable)
        tables.fill_question(
            table, question, labels, self.sessions, answers, statuses, self._room()
        )

    def _show_overview(self, counts) -> None:
        assert self.card is not None
        table = self.query_one("#overview-table", DataTable)
        tables.fill_overview(table, self.card, self.sessions, counts, self._room())

    def _show_matrix(self, data) -> None:
        question, statuses = data
        table = self.query_one("#matrix-table", DataTable)
        tables.fill_matrix(table, question, self.sessions, statuses, self._room())

    def _show_grid(self, heat) -> None:
        tables.fill_heatmap(self.query_one("#grid-table", DataTable), heat)

    def _show_cell(self, data) -> None:
        row, column, found = data
        assert self.card is not None and self.grid_question_id is not None
        question = self.card.question(self.grid_question_id)
        assert question is not None
        rows, cols = self.card.dimension(question.rows), self.card.dimension(question.columns)
        row_label = next((m.label for m in rows.members if m.key == row), row) if rows else row
        col_label = (
            next((m.label for m in cols.members if m.key == column), column) if cols else column
        )
        lines = [t("compare.cell_title", row=row_label, column=col_label, count=len(found))]
        lines += [f"• {s.name}: {text.strip()}" for s, text in found] or [t("compare.cell_empty")]
        self.query_one("#grid-cell", Static).update("\n".join(lines))

    def _show_time(self, data) -> None:
        sessions, answers, labels = data
        assert self.card is not None
        tables.fill_over_time(
            self.query_one("#time-table", DataTable), self.card, sessions, answers, labels
        )
