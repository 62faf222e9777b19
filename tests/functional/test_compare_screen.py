"""The compare screen driven with Pilot, on the demo database (three partnerships, two cards)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Select, Static, TabbedContent
from textual.worker import WorkerState
from ui_session_helpers import wait_for

from grow_app.cli.context import AppContext
from grow_app.services.demo import create_demo_database
from grow_app.ui.app import create_app
from grow_app.ui.screens.compare import CompareScreen

NAMES = [
    "AOS Oost Nederland",
    "Opleidingsschool Nijmegen MBO (ON MBO)",
    "Veelzijdig opleiden in diversiteit",
]


@pytest.fixture
def context(tmp_path: Path, catalog):
    path = tmp_path / "demo.db"
    create_demo_database(path, catalog)
    ctx = AppContext(db_path=str(path))
    yield ctx
    ctx.close()


async def workers_done(pilot) -> None:
    """Workers post messages that may start more workers: wait until all is quiet."""

    def quiet() -> bool:
        busy = (WorkerState.PENDING, WorkerState.RUNNING)
        return not any(w.state in busy for w in pilot.app.workers)

    for _ in range(4):
        await wait_for(pilot, quiet, 20)
        await pilot.pause()


def cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def open_compare(app, pilot) -> CompareScreen:
    screen = CompareScreen()
    await app.push_screen(screen)
    await workers_done(pilot)
    return screen


async def show_tab(screen, pilot, tab: str) -> None:
    screen.query_one("#compare-tabs", TabbedContent).active = f"tab-{tab}"
    await workers_done(pilot)


async def test_per_question_shows_every_partnership_side_by_side(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_compare(app, pilot)
        assert (
            str(screen.query_one("#compare-status", Static).render())
            == "Partnerschappen op deze kaart: 3."
        )
        table = screen.query_one("#question-table", DataTable)
        rows = cells(table)
        assert [r[0] for r in rows] == NAMES
        assert all(r[1].startswith("[Voorbeeld]") for r in rows), (
            rows,
            screen.query_one("#question-select", Select).value,
            [str(c.label) for c in table.columns.values()],
        )
        assert "AOS" in rows[0][1] and "ON MBO" in rows[1][1]
        # A question with sub-items: one column per item.
        screen.query_one("#question-select", Select).value = "goal-verhouding"
        await workers_done(pilot)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[0] == "Partnerschap" and len(labels) == 3
        assert labels[1].startswith("de vijf functies")
        assert all(len(r) == 3 and r[2].startswith("[Voorbeeld]") for r in cells(table))
        # The key messages side by side, offered after the card's questions.
        screen.query_one("#question-select", Select).value = "_kernboodschap"
        await workers_done(pilot)
        assert [str(c.label) for c in table.columns.values()] == ["Partnerschap", "Kernboodschap"]
        assert [r[1].split(" ")[1] for r in cells(table)] == ["AOS", "ON", "VOID"]


async def test_overview_and_recommendation_matrix(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_compare(app, pilot)
        await show_tab(screen, pilot, "overview")
        overview = cells(screen.query_one("#overview-table", DataTable))
        assert [r[0] for r in overview] == NAMES
        card = context.catalog.get("gesprekskaart-sop")
        total = len(list(card.questions())) + 1  # the Kernboodschap counts, as in a session
        assert all(r[-1] == f"{total}/{total}" for r in overview)  # the demo answers everything
        assert all(r[-2] == "✓" for r in overview)  # its own column, where there is room
        await show_tab(screen, pilot, "matrix")
        matrix = cells(screen.query_one("#matrix-table", DataTable))
        statuses = {
            r["session_id"]: r
            for r in context.db.query(
                "SELECT s.id AS session_id, p.name FROM sessions s JOIN partnerships p "
                "ON p.id = s.partnership_id"
            )
        }
        assert statuses
        expected = {
            name: [
                row[0]
                for row in context.db.execute(
                    "SELECT rs.status FROM recommendation_statuses rs JOIN sessions s ON s.id = rs.session_id "
                    "JOIN partnerships p ON p.id = s.partnership_id WHERE p.name = ? AND s.date LIKE '2026%' "
                    "ORDER BY CASE rs.item_key WHEN 'aangehaakt' THEN 0 WHEN 'maatschappelijke-opdracht' THEN 1 "
                    "WHEN 'meerwaarde-bewust' THEN 2 ELSE 3 END",
                    [name],
                )
            ]
            for name in NAMES
        }
        shown = {r[0]: [c.strip().replace("n.v.t.", "nvt") for c in r[1:]] for r in matrix}
        assert shown == expected


async def test_grid_heatmap_counts_and_cell_activities(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_compare(app, pilot)
        screen.query_one("#compare-card", Select).value = "strategiesessie-schaalniveaus"
        await workers_done(pilot)
        await show_tab(screen, pilot, "grid")
        table = screen.query_one("#grid-table", DataTable)
        grid = cells(table)
        assert grid[0][0] == "werven" and len(grid) == 6
        counts = {
            key: n
            for key, n in context.db.execute(
                "SELECT item_key, count(*) FROM answers WHERE question_id = 'activiteiten-schaalniveau' "
                "AND text != '' GROUP BY item_key"
            )
        }
        levels = ["school", "bestuur", "onderwijsregio", "brede-regio"]
        for row, function in zip(
            grid,
            ["werven", "matchen", "opleiden", "begeleiden", "professionaliseren", "anders-overig"],
            strict=True,
        ):
            assert [int(c) for c in row[1:]] == [
                counts.get(f"{function}|{lvl}", 0) for lvl in levels
            ]
        # Choose the werven / school cell: the activities of the partnerships there are shown.
        table.focus()
        table.move_cursor(row=0, column=1)
        await workers_done(pilot)
        await pilot.press("enter")
        await workers_done(pilot)
        text = str(screen.query_one("#grid-cell", Static).render())
        assert text.startswith(
            f"werven — School/opleiding (partnerschappen: {counts.get('werven|school', 0)})"
        )
        assert "AOS Oost Nederland: [Voorbeeld]" in text


async def test_sessions_over_time_and_region_filter(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_compare(app, pilot)
        await show_tab(screen, pilot, "time")
        aos = next(s for s in screen.sessions if s.name == "AOS Oost Nederland")
        screen.query_one("#time-partnership", Select).value = aos.partnership_id
        await workers_done(pilot)
        table = screen.query_one("#time-table", DataTable)
        dates = [str(c.label) for c in table.columns.values()][1:]
        assert [d[:4] for d in dates] == ["2025", "2026"]
        key_message, first = cells(table)[:2]
        assert key_message[0] == "Kernboodschap" and key_message[1].startswith("[Voorbeeld] AOS")
        assert "(2025)" in first[1] and "(2026)" in first[2]
        # Filter on onderwijsregio: only the two Nijmegen partnerships remain.
        screen.query_one("#compare-region", Select).value = "Rijk van Nijmegen"
        await workers_done(pilot)
        await show_tab(screen, pilot, "question")
        names = [r[0] for r in cells(screen.query_one("#question-table", DataTable))]
        assert names == NAMES[1:]


async def test_demo_app_opens_on_the_compare_screen_and_escape_goes_home(context):
    from grow_app.cli.bundles import compare_first_app

    app = compare_first_app(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_typing_part_of_a_name_filters_the_partnerships(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_compare(app, pilot)
        screen.query_one("#compare-search").focus()
        await pilot.press("m", "b", "o")

        def names() -> list[str]:
            return [r[0] for r in cells(screen.query_one("#question-table", DataTable))]

        # applied once typing pauses (a timer), then read again in a worker
        await wait_for(pilot, lambda: names() == ["Opleidingsschool Nijmegen MBO (ON MBO)"], 20)
        await workers_done(pilot)
        assert (
            str(screen.query_one("#compare-status", Static).render())
            == "Partnerschappen op deze kaart: 1."
        )


async def test_the_screen_reads_through_its_own_connection_and_closes_it(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_compare(app, pilot)
        reader = screen._reader
        assert reader is not None and reader is not context.db
        await pilot.press("escape")
        await pilot.pause()
        import sqlite3

        with pytest.raises(sqlite3.ProgrammingError):
            reader.execute("SELECT 1")
        # The app's own connection is still open for the home screen.
        assert context.db.execute("SELECT count(*) FROM partnerships").fetchone()[0] == 3


async def test_a_load_whose_turn_comes_after_the_screen_closed_does_nothing(context, monkeypatch):
    """Quitting on the compare screen while it was still loading ended grow with exit code 1
    once in the real-terminal tests: a worker got the connection after the screen had closed
    it. Such a load now returns without touching the closed connection."""
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_compare(app, pilot)
        queued = []
        monkeypatch.setattr(screen, "run_worker", lambda work, **_: queued.append(work))
        screen.reload()  # its thread has not started yet when the screen closes
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen._reader is None)
        (work,) = queued
        work()  # its turn comes now: no error about a closed database


async def test_tabs_open_with_alt_and_a_number_from_anywhere_and_f1_says_so(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(app, pilot)
        tabs = screen.query_one("#compare-tabs", TabbedContent)
        screen.query_one("#compare-search").focus()  # typing a name: alt+3 is no text
        await pilot.press("alt+3")
        await workers_done(pilot)
        assert tabs.active == "tab-matrix"
        assert screen.focused is screen.query_one("#matrix-table")  # arrows work at once
        assert screen.query_one("#compare-search").value == ""
        for key, tab in (("alt+2", "overview"), ("alt+5", "time"), ("alt+1", "question")):
            await pilot.press(key)
            await workers_done(pilot)
            assert tabs.active == f"tab-{tab}"
        await pilot.press("f1")
        await pilot.pause()
        help_table = app.screen.query_one("#help-here", DataTable)
        rows = {str(help_table.get_row_at(i)[0]): str(help_table.get_row_at(i)[1])
                for i in range(help_table.row_count)}  # fmt: skip
        assert rows["alt+3"] == "Naar het tabblad Aanbevelingen"
        assert rows["alt+1"] == "Naar het tabblad Per vraag"


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)])
async def test_names_are_never_cut_and_columns_stay_on_the_screen(context, size):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        screen = await open_compare(app, pilot)
        for tab in ("question", "overview", "matrix"):
            await show_tab(screen, pilot, tab)
            table = screen.query_one(f"#{tab}-table", DataTable)
            assert [r[0] for r in cells(table)] == NAMES  # whole, wrapped where needed
            name_column = next(iter(table.columns.values()))
            longest_word = max(len(w) for name in NAMES for w in name.split())
            assert name_column.width >= longest_word  # no name breaks mid-word
            for row in table.ordered_rows:  # a row is as high as its name needs
                name = str(table.get_row(row.key)[0])
                assert row.height * name_column.width >= len(name)
            assert table.virtual_size.width <= table.scrollable_content_region.width, tab


async def test_recommendations_are_numbered_columns_with_their_texts_above(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(app, pilot)
        await show_tab(screen, pilot, "matrix")
        table = screen.query_one("#matrix-table", DataTable)
        assert [str(c.label) for c in table.columns.values()][1:] == ["1", "2", "3", "4"]
        legend = str(screen.query_one("#matrix-note", Static).render())
        assert "3. de betrokken partijen zich bewust zijn" in legend
        assert all(len(line) <= 80 for line in legend.splitlines())


async def test_a_card_without_a_grid_says_what_to_do_instead(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_compare(app, pilot)  # the SO&P card: recommendations, no grid
        await show_tab(screen, pilot, "grid")
        note = str(screen.query_one("#grid-note", Static).render())
        assert "geen raster" in note
        assert "Strategiesessie Onderwijsregio's" in note and "alt+1" in note
