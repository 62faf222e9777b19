"""Snapshots of the home screen at 100x30 (textual and the snapshot plugin are pinned exactly).

Update after an intended change with: pytest tests/functional/test_ui_home_snapshots.py --snapshot-update
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from grow_app.cli.context import AppContext
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.settings import load_settings
from grow_app.ui.app import create_app

SIZE = (100, 30)


def context_with_data(tmp_path, *, projector: bool = False) -> AppContext:
    settings = load_settings()
    settings.projector = projector
    context = AppContext(db_path=str(tmp_path / "g.db"), settings=settings)
    oost = add_partnership(context.db, "AOS Oost Nederland", "Oost-Gelderland", ["po", "vo"])
    add_partnership(context.db, "Opleidingsschool Utrecht", "Utrecht", ["vo", "mbo"])
    first = start_session(
        context.db,
        context.catalog,
        oost,
        "gesprekskaart-sop",
        date="2026-01-20",
        facilitator="Anna de Vries",
    )
    start_session(
        context.db,
        context.catalog,
        oost,
        "strategiesessie-schaalniveaus",
        date="2026-03-14",
        facilitator="Bram Jansen",
    )
    meeting = Meeting(context.db, context.catalog.get(first.card_id), first)
    meeting.save_answer("goal-doelen", "", "Samen opleiden voor de hele regio.")
    return context


def test_home_with_data(snap_compare, tmp_path):
    app = create_app(context_with_data(tmp_path), autosave_delay=0)
    assert snap_compare(app, terminal_size=SIZE)


def test_home_empty_first_run(snap_compare, tmp_path):
    context = AppContext(db_path=str(tmp_path / "g.db"), settings=load_settings())
    assert snap_compare(create_app(context, autosave_delay=0), terminal_size=SIZE)


def test_home_in_projector_mode(snap_compare, tmp_path):
    app = create_app(context_with_data(tmp_path, projector=True), autosave_delay=0)
    assert snap_compare(app, terminal_size=SIZE)


def test_new_session_dialog(snap_compare, tmp_path):
    import datetime as dt

    from grow_app.ui.screens.new_session import NewSessionScreen

    context = context_with_data(tmp_path)
    app = create_app(context, autosave_delay=0)

    async def open_dialog(pilot) -> None:
        await pilot.pause()
        partnership = pilot.app.screen.partnership
        await pilot.app.push_screen(NewSessionScreen(partnership, today=dt.date(2026, 3, 14)))
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_dialog)
