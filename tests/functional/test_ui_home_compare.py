"""The home screen leads to the compare screen with a key shown in its footer."""

from __future__ import annotations

from textual.widgets import Footer

from grow_app.cli.context import AppContext
from grow_app.ui.app import create_app
from grow_app.ui.screens.compare import CompareScreen
from grow_app.ui.screens.home import HomeScreen


async def test_v_opens_the_compare_screen_and_escape_comes_back(tmp_path):
    app = create_app(AppContext(db_path=str(tmp_path / "g.db")), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        footer_keys = {key.description for key in app.screen.query_one(Footer).query("FooterKey")}
        assert "Vergelijken" in footer_keys
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_at_80_columns_the_compare_key_is_in_the_help_and_still_works(tmp_path):
    from grow_app.ui.screens.help import HelpScreen

    app = create_app(AppContext(db_path=str(tmp_path / "g.db")), autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer_keys = {key.description for key in app.screen.query_one(Footer).query("FooterKey")}
        assert "Vergelijken" not in footer_keys  # the footer keeps what fits: help, quit
        assert {"Help", "Afsluiten", "Beamer"} <= footer_keys
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("v", "Sessies van partnerschappen naast elkaar zetten") in app.screen.rows()
        await pilot.press("escape", "v")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
