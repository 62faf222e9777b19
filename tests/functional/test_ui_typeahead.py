"""Keys typed while `grow open` is still loading the session land in the first answer."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ui_session_helpers import context, make_session, settle, wait_for

from grow_app.services.meeting import Meeting
from grow_app.ui.app import create_app


async def test_typing_at_once_on_grow_open_is_kept(tmp_path, monkeypatch):
    from grow_app.ui.screens.opening import OpeningScreen, preview_session

    db_path = tmp_path / "g.db"
    session_id = make_session(db_path)
    ctx = context(db_path)
    preview = preview_session(ctx, session_id)
    app = create_app(ctx, session_ref=session_id, preview=preview, autosave_delay=0)
    # hold the session back, so the keys certainly reach the opening screen
    monkeypatch.setattr(type(app), "on_opening_screen_drawn", lambda self: None)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, OpeningScreen)  # the session is not loaded yet
        await pilot.press(*"Hallo", "enter", *"wij")
        app.open_session(session_id)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SessionScreen")
        await settle(pilot)
        assert app.focused.text == "Hallo\nwij"
    meeting = Meeting.open(ctx.db, ctx.catalog, session_id)
    assert meeting.answer("goal-doelen") == "Hallo\nwij"


async def test_typing_at_once_is_kept_whenever_the_session_arrives(tmp_path):
    from grow_app.ui.screens.opening import preview_session

    db_path = tmp_path / "g.db"
    session_id = make_session(db_path)
    ctx = context(db_path)
    app = create_app(
        ctx, session_ref=session_id, preview=preview_session(ctx, session_id), autosave_delay=0
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"Direct typen")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SessionScreen")
        await settle(pilot)
    assert Meeting.open(ctx.db, ctx.catalog, session_id).answer("goal-doelen") == "Direct typen"


async def test_text_typed_ahead_goes_into_the_first_open_editor(tmp_path):
    from grow_app.ui.screens.session import SessionScreen

    db_path = tmp_path / "g.db"
    session_id = make_session(db_path)
    ctx = context(db_path)
    app = create_app(ctx, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = Meeting.open(ctx.db, ctx.catalog, session_id)
        meeting.save_answer("goal-doelen", "", "Al beantwoord.")
        await app.push_screen(SessionScreen(meeting, typed_ahead="Vooraf\x0bgetypt"))
        await settle(pilot)
        assert app.focused.text == "Vooraf\ngetypt"  # cleaned, like a paste
    assert Meeting.open(ctx.db, ctx.catalog, session_id).answer("goal-verhouding", "functies") == (
        "Vooraf\ngetypt"
    )
