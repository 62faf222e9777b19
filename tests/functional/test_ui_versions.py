"""'Versies' (alt+h) survives a restart: type, save several revisions, quit, start again, list the
earlier revisions with their time, show one, bring it back — which is itself a new revision."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import context, make_session, paste, ready, session_screen, settle, wait_for

from grow_app.ui.app import create_app
from grow_app.ui.screens.versions import VersionsScreen, local_time
from grow_app.ui.widgets.answer_area import AnswerArea

REVISIONS = ["Versie een: we willen samen opleiden.", "Versie twee: samen opleiden in de regio."]
LAST = "Versie drie: een tikfout die we weer kwijt willen."


async def _go_to_goal(pilot) -> AnswerArea:
    screen = session_screen(pilot.app)
    await screen.go_to("goal-doelen")
    await pilot.pause()
    assert isinstance(pilot.app.focused, AnswerArea)
    return pilot.app.focused


async def test_versions_survive_a_restart_and_bringing_one_back_is_a_new_revision(db_path):
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        for text in [*REVISIONS, LAST]:
            await pilot.press("ctrl+a")
            await paste(pilot, text)
            await settle(pilot)
        await pilot.press("ctrl+q")

    app = create_app(context(db_path), session_id, autosave_delay=0)  # a new start
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        area = await _go_to_goal(pilot)
        assert area.text == LAST
        await pilot.press("alt+h")
        await wait_for(pilot, lambda: isinstance(app.screen, VersionsScreen))
        dialog = app.screen
        assert isinstance(dialog, VersionsScreen)
        assert [r.text for r in dialog.revisions] == [LAST, *reversed(REVISIONS)]
        listing = dialog.query_one("#version-list")
        shown = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        for line, revision in zip(shown, dialog.revisions, strict=True):
            assert re.match(r"\d\d-\d\d \d\d:\d\d:\d\d  ", line)  # day-month and time
            assert line.startswith(local_time(revision.saved_at))
            assert revision.text[:20] in line
        await pilot.press("down")  # show one: its full text appears beside the list
        await pilot.pause()
        assert str(dialog.query_one("#version-full").render()) == REVISIONS[1]
        await pilot.press("enter")  # bring it back
        await pilot.pause()
        assert app.focused is area and area.text == REVISIONS[1]
        await settle(pilot)
        await pilot.press("ctrl+q")

    app = create_app(context(db_path), session_id, autosave_delay=0)  # and once more
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        area = await _go_to_goal(pilot)
        assert area.text == REVISIONS[1]
        await pilot.press("alt+h")
        await wait_for(pilot, lambda: isinstance(app.screen, VersionsScreen))
        # Bringing a version back added a revision; nothing earlier was overwritten.
        assert [r.text for r in app.screen.revisions] == [REVISIONS[1], LAST, *reversed(REVISIONS)]
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is area and area.text == REVISIONS[1]
