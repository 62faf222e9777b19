"""At start, after the first screen is drawn: the daily backup (in a thread worker) and the
synced-folder warning, each reported in one line, never a crash."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import context, make_session, session_screen, wait_for

from grow_app.services import backup
from grow_app.services.backup import BackupError, list_backups
from grow_app.ui import startup_tasks
from grow_app.ui.app import create_app
from grow_app.ui.screens.home import HomeScreen
from grow_app.ui.startup_tasks import startup_worker


def _startup_done(app) -> bool:
    worker = startup_worker(app)
    return worker is not None and worker.is_finished


async def test_first_start_backs_up_after_the_home_screen_is_drawn_second_start_does_not(
    db_path, monkeypatch
):
    make_session(db_path)
    seen: list[tuple[bool, bool]] = []

    def watched(path):
        app = running[-1]
        home = app.screen
        seen.append((isinstance(home, HomeScreen), getattr(home, "painted", False)))
        return backup.ensure_daily_backup(path)

    monkeypatch.setattr(startup_tasks, "ensure_daily_backup", watched)
    running = []
    for _start in range(2):
        app = create_app(context(db_path))
        running.append(app)
        async with app.run_test() as pilot:
            await wait_for(pilot, lambda app=app: _startup_done(app))
            assert not app._notifications  # a backup that worked is not announced
    assert seen == [(True, True), (True, True)]  # the home screen was on the terminal first
    backups = list_backups(db_path)
    assert len(backups) == 1  # the second start on the same day wrote none
    assert backups[0].path.parent == db_path.parent / "backups"


async def test_the_session_screen_path_backs_up_too(db_path):
    """`grow open` without the quick preview has no 'drawn' signal: the timer starts it."""
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test() as pilot:
        session_screen(app)
        await wait_for(pilot, lambda: _startup_done(app), seconds=8)
    assert len(list_backups(db_path)) == 1


async def test_a_failed_backup_is_one_line_and_the_app_goes_on(db_path, monkeypatch):
    make_session(db_path)

    def fails(path):
        raise BackupError(f"Back-up van {path} is mislukt: schijf vol")

    monkeypatch.setattr(startup_tasks, "ensure_daily_backup", fails)
    app = create_app(context(db_path))
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: _startup_done(app))
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages == [f"Back-up van {db_path} is mislukt: schijf vol"]
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("a")  # the app still answers keys
        await pilot.pause()
        assert app.screen is not None and app.is_running


async def test_a_database_in_a_synced_folder_is_warned_about_inside_the_app(tmp_path):
    db_path = tmp_path / "Dropbox" / "grow.db"
    db_path.parent.mkdir()
    make_session(db_path)
    app = create_app(context(db_path))
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: _startup_done(app))
        await pilot.pause()
        warnings = [n for n in app._notifications if "Dropbox" in n.message]
        assert len(warnings) == 1 and warnings[0].severity == "warning"
        assert "\n" not in warnings[0].message
    assert len(list_backups(db_path)) == 1


async def test_the_warning_the_command_line_printed_is_shown_in_the_app_as_well(tmp_path, capsys):
    """``grow`` prints it to stderr before the screen opens; the screen then covers it."""
    db_path = tmp_path / "OneDrive - Hogeschool" / "grow.db"
    db_path.parent.mkdir()
    make_session(db_path)
    ctx = context(db_path)
    ctx.db  # noqa: B018  (what `grow` does before the app starts)
    assert "OneDrive" in capsys.readouterr().err
    app = create_app(ctx)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: _startup_done(app))
        await pilot.pause()
        assert any("OneDrive" in n.message for n in app._notifications)
    ctx.close()
