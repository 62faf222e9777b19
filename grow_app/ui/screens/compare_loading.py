"""What the compare screen's tabs show: each query in a worker thread on the screen's own
connection, its answer back as a :class:`CompareLoaded` message, and the tables filled from it.
Part of :class:`~grow_app.ui.screens.compare.CompareScreen`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.widgets import DataTable, Select, Static, TabbedContent

from grow_app.card.models import Card, Question
from grow_app.i18n import t
from grow_app.services import compare as service
from grow_app.services.compare import ComparedSession, Filters
from grow_app.services.safety import database_problem
from grow_app.services.workspace import close_worker_database, worker_database
from grow_app.ui.typed_app import grow_of
from grow_app.ui.widgets import compare_tables as tables

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.screen import Screen

    from grow_app.card.loader import CardCatalog

    class _Host(Screen[None]):
        card: Card | None
        filters: Filters
        sessions: list[ComparedSession]
        token: int
        loaded_tabs: set[str]
        grid_question_id: str | None
        requests: dict[str, int]
        sessions_token: int
        _reader: Database | None
        _reader_lock: threading.Lock
        _prefetched: Any
        _time_choices_token: int

        def _catalog(self) -> CardCatalog: ...
        def _question_options(self) -> list[tuple[str, str]]: ...

else:
    _Host = object

KEY_MESSAGE_OPTION = "_kernboodschap"  # the key message, offered after the card's questions


class CompareLoaded(Message):
    """A worker finished a query: ``kind`` says which, ``token`` which selection it was for."""

    def __init__(self, kind: str, token: int, request: int, data: Any) -> None:
        super().__init__()
        self.kind = kind
        self.token = token
        self.request = request
        self.data = data


class CompareLoading(_Host):
    """Mixin of the compare screen (it has the attributes)."""

    def _reading_db(self) -> Database:
        """The workers' own connection (WAL lets it read while the app writes); an in-memory
        database has only the app's connection, which the workers then share."""
        if self._reader is None:
            self._reader = worker_database(grow_of(self).context.db)
        return self._reader

    def on_unmount(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            with self._reader_lock:
                close_worker_database(reader, grow_of(self).context.db)

    def _run(self, kind: str, query: Callable[[Any], Any]) -> None:
        """Run ``query(db)`` in a thread; the answer arrives as a Loaded message."""
        db = self._reading_db()
        token = self.token
        request = self.requests[kind] = self.requests.get(kind, 0) + 1

        def work() -> None:
            try:
                with self._reader_lock:  # workers take turns on the connection
                    if self._reader is not db:
                        return  # the screen closed (and its connection) before this turn came
                    data = query(db)
            except Exception as err:
                problem = database_problem(err, grow_of(self).context.database_file)
                if problem is None:
                    raise  # a bug: the worker reports it
                # e.g. the file was locked for too long: say so in one line
                self.post_message(CompareLoaded("error", token, 0, problem.message))
                return
            self.post_message(CompareLoaded(kind, token, request, data))

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
