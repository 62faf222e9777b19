"""The home screen leads to the compare screen with a key shown in its footer."""

from __future__ import annotations

from ui_session_helpers import wait_for

from grow_app.cli.context import AppContext
from grow_app.ui.app import create_app
from grow_app.ui.screens.compare import CompareScreen
from grow_app.ui.screens.home import HomeScreen


def footer_keys(app) -> set[str]:
    return {key.description for key in app.screen.query("Footer FooterKey")}


async def test_v_opens_the_compare_screen_and_escape_comes_back(tmp_path):
    app = create_app(AppContext(db_path=str(tmp_path / "g.db")), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        # waited for, not a fixed pause: on a busy machine the footer is composed a moment later
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and footer_keys(app))
        assert "Vergelijken" in footer_keys(app)
        await pilot.press("v")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.press("escape")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_at_80_columns_the_compare_key_is_in_the_help_and_still_works(tmp_path):
    from grow_app.ui.screens.help import HelpScreen

    app = create_app(AppContext(db_path=str(tmp_path / "g.db")), autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: {"Help", "Afsluiten", "Beamer"} <= footer_keys(app))
        assert "Vergelijken" not in footer_keys(app)  # the footer keeps what fits: help, quit
        await pilot.press("f1")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert ("v", "Sessies van partnerschappen naast elkaar zetten") in app.screen.rows()
        await pilot.press("escape", "v")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
