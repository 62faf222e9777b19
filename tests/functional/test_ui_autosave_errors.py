"""Autosave against a full or locked database, in the real session screen (Pilot).

The user sees one line that stays until a write succeeds, the typed text stays in the editor and
is in the recovery journal at once (one file per field, not one per attempt), quitting does not
hang, and nothing that was saved before is lost.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import context, make_session, paste, ready, session_screen, wait_for

from grow_app.services.catalog import load_catalog
from grow_app.services.meeting import Meeting
from grow_app.services.sessions import find_session
from grow_app.store import open_database
from grow_app.ui.app import create_app


def _answer_first(db_path: Path, session_id: str, text: str) -> None:
    db = open_database(db_path)
    try:
        catalog = load_catalog()
        meeting = Meeting(db, catalog.get("gesprekskaart-sop"), find_session(db, session_id))
        meeting.save_answer("goal-doelen", "", text)
    finally:
        db.conn.close()


def _on_disk(db_path: Path) -> tuple[list, list, str]:
    conn = sqlite3.connect(db_path)
    try:
        answers = conn.execute("SELECT text FROM answers ORDER BY updated_at").fetchall()
        history = conn.execute("SELECT text FROM answer_history ORDER BY id").fetchall()
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    return answers, history, check


def _recovery_files(home: Path) -> list[Path]:
    return sorted((home / "data" / "herstel").glob("*/*.txt"))


def _failed_label(app) -> str:
    """The writer's line under the top bar, while the top bar says 'Niet opgeslagen'."""
    screen = session_screen(app)
    if "-failed" not in screen.query_one("#saved").classes:
        return ""
    return str(screen.query_one("#notice").render())


@pytest.fixture
def full_disk(monkeypatch):
    """The writer's connection may not grow the file: SQLite then answers exactly as on a full
    disk (SQLITE_FULL)."""
    from grow_app.store import live

    original = live.connect

    def connect(path, busy_timeout):
        conn = original(path, busy_timeout)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(live, "connect", connect)


async def test_a_full_disk_while_typing_is_one_line_and_the_text_is_kept(
    db_path, isolated_home, full_disk
):
    session_id = make_session(db_path)
    _answer_first(db_path, session_id, "Eerste versie")
    typed = "Tweede versie, veel langer. " * 3_000  # 84 kB: needs pages the file cannot get
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        area = app.focused
        await pilot.press("ctrl+a")
        await paste(pilot, typed)
        await wait_for(pilot, lambda: _failed_label(app))
        await wait_for(pilot, lambda: app.writer._attempt >= 3, 20)  # it has retried, in vain
        assert "schijf is vol" in _failed_label(app)
        assert area.text == typed  # still in the editor
        [recovery] = _recovery_files(isolated_home)  # written now, not only on quitting
        assert recovery.read_text(encoding="utf-8").endswith(typed)
        assert _on_disk(db_path) == ([("Eerste versie",)], [("Eerste versie",)], "ok")
        await pilot.press("space")
        await pilot.press("ctrl+q")  # at once: quitting must keep the space too
    assert _recovery_files(isolated_home) == [recovery]  # the same file, brought up to date
    assert recovery.read_text(encoding="utf-8").endswith(typed + " ")  # and the space
    assert _on_disk(db_path) == ([("Eerste versie",)], [("Eerste versie",)], "ok")


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("LOCKED", flush=True)
sys.stdin.readline()  # hold the write lock until the test says so
conn.execute("ROLLBACK")
"""


async def test_a_file_locked_by_another_program_is_one_line_and_saved_once_free(
    db_path, isolated_home, monkeypatch
):
    session_id = make_session(db_path)
    _answer_first(db_path, session_id, "Eerste versie")
    app = create_app(context(db_path), session_id, autosave_delay=0)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await ready(pilot)
            assert holder.stdout.readline().strip() == "LOCKED"
            area = app.focused
            await pilot.press("ctrl+a")
            await paste(pilot, "Getypt terwijl een ander programma het bestand vasthield.")
            await wait_for(pilot, lambda: _failed_label(app))
            assert "bezet" in _failed_label(app)
            [recovery] = _recovery_files(isolated_home)
            assert "Getypt terwijl" in recovery.read_text(encoding="utf-8")
            assert area.text.startswith("Getypt terwijl")
            holder.stdin.write("\n")  # the other program lets go
            holder.stdin.flush()
            holder.wait(10)
            await wait_for(pilot, lambda: not _failed_label(app))  # retried and stored
            answers, history, check = _on_disk(db_path)
            assert answers == [
                ("Eerste versie",),  # the question answered before (the screen opened the next)
                ("Getypt terwijl een ander programma het bestand vasthield.",),
            ]
            assert history[0] == ("Eerste versie",) and check == "ok"
            await pilot.press("ctrl+q")
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)
        holder.stdin.close()
        holder.stdout.close()
    # Everything reached the database after all: no outdated recovery file is left behind.
    assert _recovery_files(isolated_home) == []
