"""Snapshots of the session screen at fixed sizes (textual and the plugin are pinned exactly).

Update them deliberately with ``pytest --snapshot-update`` after a visible change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import context, make_session, ready, wait_for

from grow_app.services.meeting import Meeting
from grow_app.ui.app import create_app


def _app_and_setup(db_path: Path, *, projector: bool = False, stop: str = ""):
    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)

    async def run_before(pilot) -> None:
        from grow_app.ui.screens.session import SessionScreen
        from grow_app.ui.widgets.answer_area import AnswerArea, CleanInput

        meeting = Meeting.open(app.context.db, app.context.catalog, session_id)
        meeting.save_answer("goal-doelen", "", "Samen goede leraren opleiden voor de regio.")
        for wat, wie, wanneer in ACTIONS:
            meeting.add_action(wat, wie, wanneer)
        if projector:
            app.add_class("-projector")
        screen = SessionScreen(session_id, clock=lambda: 0.0)
        screen.idle_before_building = 0  # every pane built at once, as a quiet minute would
        await app.push_screen(screen)
        await ready(pilot)
        await wait_for(pilot, lambda: len(screen._panes) == len(screen.stops))  # all built
        if stop:
            await screen.go_to(stop)
        for area in app.screen.query(AnswerArea):
            area.cursor_blink = False
        for field in app.screen.query(CleanInput):
            field.cursor_blink = False
        await pilot.pause()

    return app, run_before


ACTIONS = [
    ("Werkgroep opleiden bijeenroepen", "Programmamanager", "15-12-2026"),
    ("Notitie over de onderwijsregio schrijven", "Werkgroep", "20 januari"),
    ("Gesprek met de wethouder", "Anna de Vries", "zsm"),
]
SIZES = [(160, 50), (100, 30), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=["160x50", "100x30", "80x24"])
def test_session_screen_snapshot(snap_compare, db_path, size):
    app, run_before = _app_and_setup(db_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_session_screen_projector_snapshot(snap_compare, db_path):
    app, run_before = _app_and_setup(db_path, projector=True)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["160x50", "100x30", "80x24"])
def test_action_list_snapshot(snap_compare, db_path, size):
    """One row per action on a wide screen; stacked fields with labels and the year beside
    Wanneer below that."""
    app, run_before = _app_and_setup(db_path, stop="way-forward-acties")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_action_list_projector_snapshot(snap_compare, db_path):
    app, run_before = _app_and_setup(db_path, projector=True, stop="way-forward-acties")
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
