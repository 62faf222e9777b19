"""Keys typed the moment `grow open` starts land in the first open question, and are saved
before the full session has even loaded."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ui_session_helpers import context, make_session, ready, settle, wait_for

from grow_app.services.meeting import Meeting
from grow_app.services.session_start import session_start
from grow_app.ui.app import create_app
from grow_app.ui.screens.session import SessionScreen


def _stored(db_path: Path) -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(db_path)
    try:
        return {
            (q, i): t for q, i, t in conn.execute("SELECT question_id, item_key, text FROM answers")
        }
    finally:
        conn.close()


async def test_typing_in_the_first_frame_is_saved_before_the_session_has_loaded(
    tmp_path, monkeypatch
):
    db_path = tmp_path / "g.db"
    session_id = make_session(db_path)
    ctx = context(db_path)
    start = session_start(db_path, session_id)
    app = create_app(ctx, start=start, autosave_delay=0)
    # hold the full session back: the first frame's editor must work on its own
    monkeypatch.setattr(SessionScreen, "_start_loading", lambda self: None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press(*"Hallo", "enter", *"wij")
        assert app.focused.text == "Hallo\nwij"
        await wait_for(pilot, lambda: _stored(db_path).get(("goal-doelen", "")) == "Hallo\nwij")
        assert screen.meeting is None  # saved by the writer alone
        monkeypatch.undo()
        screen._start_loading()
        await ready(pilot)
        await pilot.press(*"!")
        await settle(pilot)
        assert app.focused.text == "Hallo\nwij!"
    assert Meeting.open(ctx.db, ctx.catalog, session_id).answer("goal-doelen") == "Hallo\nwij!"


async def test_typing_on_in_the_first_frame_is_no_crossing_with_another_window(
    tmp_path, monkeypatch
):
    """Two saves of the first editor before the session has loaded: the second was typed over
    the first (which this window saved), not over another window's text, so both texts are
    this window's and nothing is said about another window (a tryout saw that false notice)."""
    db_path = tmp_path / "g.db"
    session_id = make_session(db_path)
    start = session_start(db_path, session_id)
    app = create_app(context(db_path), start=start, autosave_delay=0)
    monkeypatch.setattr(SessionScreen, "_start_loading", lambda self: None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press(*"Hallo")
        await wait_for(pilot, lambda: _stored(db_path).get(("goal-doelen", "")) == "Hallo")
        await pilot.press(*" wereld")
        await wait_for(pilot, lambda: _stored(db_path).get(("goal-doelen", "")) == "Hallo wereld")
        await settle(pilot)
        assert str(screen.query_one("#notice").render()).strip() == ""
        assert screen.meeting is None  # all of it in the first frame's editor


async def test_typing_at_once_is_kept_on_the_careful_path_too(tmp_path):
    """Without the quick first frame (an unusual card, or from the home screen) keys typed
    before the editor exists wait and go into it, in order."""
    db_path = tmp_path / "g.db"
    session_id = make_session(db_path)
    ctx = context(db_path)
    app = create_app(ctx, session_ref=session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"Direct typen")
        await ready(pilot)
        await settle(pilot)
    assert Meeting.open(ctx.db, ctx.catalog, session_id).answer("goal-doelen") == "Direct typen"


async def test_text_typed_ahead_goes_into_the_first_open_editor(tmp_path):
    db_path = tmp_path / "g.db"
    session_id = make_session(db_path)
    ctx = context(db_path)
    app = create_app(ctx, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        Meeting.open(ctx.db, ctx.catalog, session_id).save_answer(
            "goal-doelen", "", "Al beantwoord."
        )
        await app.push_screen(SessionScreen(session_id, typed_ahead="Vooraf\x0bgetypt"))
        await ready(pilot)
        await settle(pilot)
        assert app.focused.text == "Vooraf\ngetypt"  # cleaned, like a paste
    assert Meeting.open(ctx.db, ctx.catalog, session_id).answer("goal-verhouding", "functies") == (
        "Vooraf\ngetypt"
    )
