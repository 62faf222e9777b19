"""Filling the compare screen's tables from service results (no queries here: the screen runs
those in a worker thread and hands the results over)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from rich.console import Console
from rich.text import Text
from textual.widgets import DataTable

from grow_app.card.models import Card, Question
from grow_app.i18n import t
from grow_app.services.compare import ComparedSession, Heatmap

STATUS_STYLE = {
    "ja": "bold black on #6cc070",
    "deels": "bold black on #f2c94c",
    "nee": "bold white on #c0392b",
    "nvt": "black on #bdbdbd",
}
ANSWER_WIDTH = 48
NAME_WIDTH = 32
NAME_MAX = 48
"""A partnership's name column is as wide as the longest name up to this, and never narrower
than NAME_WIDTH unless the screen is: longer names wrap rather than being cut."""
DONE_MARK = "✓"
OPEN_MARK = "·"
AUTO_HEIGHT_LIMIT = 200  # rows measured for wrapped text; beyond this, rows are 3 lines high
FIRST_ROWS = 60  # more than a screen holds: these are drawn at once, the rest follow
MORE_ROWS = 250  # rows added in the first frame after that; each later batch twice as many ...
MOST_ROWS = 2000  # ... up to this many (a frame of about a tenth of a second)

Row = tuple[list[object], str, int | None]
"""The cells of a table row, its key and its height (None: as high as its text)."""


_fills: WeakKeyDictionary[DataTable[Any], object] = WeakKeyDictionary()
"""Per table, its newest fill: a fill still adding rows stops when a newer one started."""


def clear(table: DataTable) -> None:
    """Empty ``table`` (rows and columns), and stop rows of an earlier fill still to come."""
    _fills.pop(table, None)
    table.clear(columns=True)


def add_rows(table: DataTable, rows: Iterable[Row]) -> None:
    """Add ``rows``: the first screenful now, the rest in growing batches after each refresh.

    A DataTable adds and measures rows one by one (a few tenths of a millisecond each); for a
    thousand partnerships that kept the screen blank for a quarter of a second. The rows are
    made as they are added (ten thousand rows of styled text made up front took a fifth of a
    second and tens of megabytes), and each batch is twice the last, so ten thousand rows take
    a dozen frames rather than forty. A newer fill of the same table stops an older one."""
    fill = object()
    _fills[table] = fill
    pending = iter(rows)

    def add(count: int) -> None:
        if _fills.get(table) is not fill or not table.is_attached:
            return
        added = 0
        for cells, key, height in itertools.islice(pending, count):
            table.add_row(*cells, key=key, height=height)
            added += 1
        if added == count:
            table.call_after_refresh(add, min(MOST_ROWS, max(MORE_ROWS, count * 2)))

    add(FIRST_ROWS)


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def name_width(sessions: list[ComparedSession], room: int | None = None) -> int:
    """The width of the name column: the longest name (up to NAME_MAX), within ``room``."""
    longest = max((len(s.name) for s in sessions), default=NAME_WIDTH)
    width = min(NAME_MAX, max(12, longest))
    return max(12, min(width, room)) if room is not None else width


def name_cell(name: str, width: int) -> tuple[Text, int]:
    """The name as a cell and the lines it needs at ``width`` (wrapped, never cut)."""
    text = Text(name)
    if text.cell_len <= width:
        return text, 1
    return text, max(1, len(text.wrap(_console(), width)))


@cache
def _console() -> Console:
    """A console to measure wrapped text with (it writes nothing)."""
    return Console(width=200, no_color=True, legacy_windows=False)


def status_cell(status: str) -> Text:
    if not status:
        return Text(t("compare.status.none"), style="dim")
    return Text(f" {t(f'compare.status.{status}')} ", style=STATUS_STYLE.get(status, ""))


def fill_question(
    table: DataTable,
    question: Question | None,
    labels: list[tuple[str, str]],
    sessions: list[ComparedSession],
    answers: dict[str, dict[str, str]],
    statuses: dict[str, dict[str, str]],
    room: int | None = None,
) -> None:
    clear(table)
    width = NAME_WIDTH
    answer = ANSWER_WIDTH
    if room is not None and len(labels) == 1:  # one answer per partnership: it fits the screen
        width = name_width(sessions, min(NAME_WIDTH, max(16, room // 3)))
        answer = max(24, room - width - 2 * 2 - 1)
    table.add_column(t("compare.partnership"), width=width, key="name")
    for key, label in labels:
        table.add_column(
            short(label, answer) or t("compare.col.answer"),
            width=answer,
            key=f"i:{key}",
        )
    height = None if len(sessions) <= AUTO_HEIGHT_LIMIT else 3

    def rows() -> Iterator[Row]:
        for s in sessions:
            mine = answers.get(s.session_id, {})
            cells: list[object] = [Text(s.name)]
            for key, _label in labels:
                text = Text(mine.get(key, "").strip())
                status = statuses.get(s.session_id, {}).get(key, "")
                if status:
                    text = Text.assemble(status_cell(status), " ", text)
                cells.append(text)
            yield cells, s.session_id, height

    add_rows(table, rows())


def fill_overview(
    table: DataTable,
    card: Card,
    sessions: list[ComparedSession],
    counts: dict[str, list[tuple[int, int]]],
    room: int | None = None,
) -> None:
    """Per partnership: answered / questions per phase, the Kernboodschap (when the card has
    one) and the total. The Kernboodschap counts as one question, as on the session screen, the
    home screen and in ``grow session list`` (a card of 27 questions with one counts 28)."""
    clear(table)
    phases = [(phase.id, phase.title) for phase in card.phases]
    figure = 5  # "12/12"
    others = sum(max(len(title), figure) + 2 for _id, title in phases)
    others += max(len(t("compare.phase_total")), figure) + 2
    key_label = card.key_message.label if card.key_message else ""
    words = max((len(w) for s in sessions for w in s.name.split()), default=NAME_WIDTH)
    if room is not None and key_label and room - others - len(key_label) - 2 < words:
        key_label = ""  # no room for its own column: the total still counts it
    others += len(key_label) + 2 if key_label else 0
    width = name_width(sessions, None if room is None else max(words, room - others))
    table.add_column(t("compare.partnership"), width=width, key="name")
    for phase_id, title in phases:
        table.add_column(title, key=f"p:{phase_id}")
    if key_label:
        table.add_column(key_label, key="key_message")
    table.add_column(t("compare.phase_total"), key="total")
    has_key_message = card.key_message is not None

    def rows() -> Iterator[Row]:
        for s in sessions:
            parts = list(counts.get(s.session_id, []))
            name, lines = name_cell(s.name, width)
            cells: list[object] = [name]
            for answered, total in parts:
                done = answered == total and total
                cells.append(
                    Text(
                        f"{answered}/{total}",
                        style="green" if done else ("yellow" if answered else "dim"),
                    )
                )
            if has_key_message:
                said = bool(s.key_message.strip())
                if key_label:
                    mark = DONE_MARK if said else OPEN_MARK
                    cells.append(Text(mark, style="green" if said else "dim"))
                parts.append((int(said), 1))
            cells.append(f"{sum(a for a, _ in parts)}/{sum(n for _, n in parts)}")
            yield cells, s.session_id, lines

    add_rows(table, rows())


def matrix_legend(question: Question, room: int) -> str:
    """The question and its recommendations by number, one line each (the columns are numbered
    as on the card, so a narrow screen still shows every column whole)."""
    lines = [question.text]
    for number, item in enumerate(question.items, 1):
        lines.append(short(f"{number}. {item.text}", max(20, room)))
    return "\n".join(lines)


def fill_matrix(
    table: DataTable,
    question: Question,
    sessions: list[ComparedSession],
    statuses: dict[str, dict[str, str]],
    room: int | None = None,
) -> None:
    """A row per partnership, a column per recommendation, headed by its number on the card
    (the legend above the table gives each number's text)."""
    clear(table)
    others = len(question.items) * (8 + 2)  # "n.v.t." in a coloured cell, and padding
    words = max((len(w) for s in sessions for w in s.name.split()), default=NAME_WIDTH)
    width = name_width(sessions, None if room is None else max(words, room - others - 2))
    table.add_column(t("compare.partnership"), width=width, key="name")
    for n, item in enumerate(question.items, 1):
        table.add_column(Text(str(n), justify="center"), width=8, key=f"r:{item.key}")

    def rows() -> Iterator[Row]:
        for s in sessions:
            mine = statuses.get(s.session_id, {})
            name, lines = name_cell(s.name, width)
            yield (
                [name, *(status_cell(mine.get(i.key, "")) for i in question.items)],
                s.session_id,
                lines,
            )

    add_rows(table, rows())


def fill_heatmap(table: DataTable, heat: Heatmap) -> None:
    clear(table)
    table.add_column("", key="row")
    for key, label in heat.columns:
        table.add_column(label, key=f"c:{key}")
    most = max(heat.counts.values(), default=0)
    for row_key, row_label in heat.rows:
        cells: list[object] = [row_label]
        for col_key, _label in heat.columns:
            count = heat.count(row_key, col_key)
            if count and most:
                shade = int(60 + 160 * count / most)
                cells.append(
                    Text(f" {count} ", style=f"bold white on rgb(20,{shade // 2},{shade})")
                )
            else:
                cells.append(Text(" 0 ", style="dim"))
        table.add_row(*cells, key=row_key)


def fill_over_time(
    table: DataTable,
    card: Card,
    sessions: list[ComparedSession],
    answers: dict[str, dict[str, dict[str, str]]],
    labels: dict[str, list[tuple[str, str]]],
) -> None:
    """Rows: question (and item); columns: the partnership's sessions, oldest first."""
    clear(table)
    table.add_column(t("compare.question"), width=NAME_WIDTH, key="q")
    for s in sessions:
        table.add_column(s.date, width=ANSWER_WIDTH, key=f"s:{s.session_id}")
    if card.key_message:
        table.add_row(
            Text(card.key_message.label, style="bold"),
            *(Text(s.key_message.strip()) for s in sessions),
            key="_kernboodschap",
            height=None,
        )
    for question in card.questions():
        per_session = answers.get(question.id, {})
        for key, label in labels.get(question.id, []):
            texts = [per_session.get(s.session_id, {}).get(key, "").strip() for s in sessions]
            if question.kind == "grid" and not any(texts):
                continue
            title = short(question.text, 60) + (f"\n· {short(label, 60)}" if label else "")
            table.add_row(
                Text(title), *(Text(x) for x in texts), key=f"{question.id}/{key}", height=None
            )
