"""alt+2 from a terminal (ESC then "2") reaches the session screen as alt+2, not as "™"."""

from __future__ import annotations

from textual._xterm_parser import XTermParser


def keys_for(data: str) -> list[str]:
    parser = XTermParser()
    found = list(parser.feed(data)) + list(parser.feed(""))
    return [event.key for event in found if hasattr(event, "key")]


def test_escape_digit_is_alt_digit_once_the_session_screen_module_is_used():
    from grow_app.ui.widgets.keys import restore_alt_digits

    restore_alt_digits()
    assert keys_for("\x1b2") == ["alt+2"]
    assert keys_for("\x1b9") == ["alt+9"]
    assert keys_for("a\x1b1b") == ["a", "alt+1", "b"]
    assert keys_for("\x1bh") == ["alt+h"]  # letters were already fine


async def test_alt_keys_with_their_character_reach_the_screen_not_the_answer(tmp_path):
    """A terminal's alt+2 arrives as Key("alt+2", character="2"): it jumps, it types nothing."""
    import sys
    from pathlib import Path

    from textual import events

    sys.path.insert(0, str(Path(__file__).parent))
    from ui_session_helpers import context, make_session, ready, session_screen, wait_for

    from grow_app.ui.app import create_app
    from grow_app.ui.widgets.answer_area import AnswerArea

    db_path = tmp_path / "g.db"
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: isinstance(app.focused, AnswerArea), 20)
        screen = session_screen(app)
        assert screen.stop == "goal-doelen"
        app.post_message(events.Key("alt+2", "2"))  # as the driver posts it
        await pilot.pause()
        await pilot.pause()
        assert screen.stop.startswith("reality")
        assert screen.meeting.answer("goal-doelen") == ""
        assert isinstance(app.focused, AnswerArea) and app.focused.text == ""


def test_the_app_itself_makes_escape_digit_alt_digit(tmp_path):
    """Every screen's alt+digit (the session's phases, the compare screen's tabs) works in a
    real terminal as soon as the app exists, whichever screen comes first."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    from grow_app.cli.context import AppContext
    from grow_app.ui.app import create_app

    ANSI_SEQUENCES_KEYS["\x1b3"] = "£"  # as Textual 8.2.8 ships it
    assert keys_for("\x1b3") != ["alt+3"]
    create_app(AppContext(db_path=str(tmp_path / "g.db")))
    assert keys_for("\x1b3") == ["alt+3"]
