"""Meeting aids on the session screen: timebox, parking lot, participants, previous actions,
and finding a question through the command palette."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import (
    context,
    make_session,
    paste,
    ready,
    session_screen,
    settle,
    wait_for,
)

from grow_app.services.meeting import Meeting
from grow_app.store import open_database
from grow_app.ui.app import create_app
from grow_app.ui.screens.session import SessionScreen
from grow_app.ui.widgets.timebox import Timebox
from tests.helpers import FakeClock


async def test_timebox_counts_down_and_turns_red_when_time_is_up(db_path):
    session_id = make_session(db_path)
    clock = FakeClock()
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(SessionScreen(session_id, clock=clock))
        await ready(pilot)
        timebox = app.screen.query_one(Timebox)
        assert "nog 20:00" in str(timebox.render())  # Goal: 20 minutes on the card
        assert not timebox.has_class("-overtime")
        clock.now += 19 * 60 + 30
        timebox.tick()
        assert "nog 00:30" in str(timebox.render()) and timebox.has_class("-nearly")
        clock.now += 45
        timebox.tick()
        assert "00:15 over tijd" in str(timebox.render())
        assert timebox.has_class("-overtime")
        # Adjust the minutes for this meeting (F6): the overrun is gone and it is remembered.
        await pilot.press("f6")
        await pilot.press("ctrl+a", "backspace", "2", "5", "enter")
        await pilot.pause()
        assert not timebox.has_class("-overtime")
        assert "nog 04:45" in str(timebox.render())
        # Another phase has its own time; coming back, Goal's time has kept its count.
        await pilot.press("alt+2")
        assert "Reality: nog 30:00" in str(timebox.render())
        clock.now += 60
        await pilot.press("alt+1")
        assert "nog 04:45" in str(timebox.render())
    db = open_database(db_path)
    assert Meeting.open(db, app.context.catalog, session_id).session.phase_minutes == {"goal": 25}


async def test_parking_lot_and_participants_are_saved(db_path):
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f3")
        await paste(pilot, "Financiering\x0bnavragen bij het bestuur")
        await pilot.press("enter")
        await paste(pilot, "Tweede punt")
        await pilot.press("enter", "escape")
        assert app.screen is screen
        await pilot.press("f2")  # participants: Bram is there, cursor on a new row
        await paste(pilot, "Carla Smit")
        await pilot.press("tab")
        await paste(pilot, "Stichting Primair")
        await pilot.press("escape")
        await pilot.pause()
    db = open_database(db_path)
    meeting = Meeting.open(db, app.context.catalog, session_id)
    assert [p.text for p in meeting.parking_lot()] == [
        "Financiering navragen bij het bestuur",
        "Tweede punt",
    ]
    assert [(p.name, p.organisation) for p in meeting.participants()] == [
        ("Bram Jansen", "HAN"),
        ("Carla Smit", "Stichting Primair"),
    ]


async def test_previous_actions_open_the_next_meeting_and_carry_over(db_path):
    from grow_app.services.catalog import load_catalog

    first_id = make_session(db_path, date="2026-01-10")
    db = open_database(db_path)
    first = Meeting.open(db, load_catalog(), first_id)
    done = first.add_action("Notitie schrijven", "Anna", "februari")
    first.add_action("Bestuur informeren", "Bram", "maart")
    first.add_action("Regio-overleg bijwonen", "Carla", "april")
    db.conn.close()
    second_id = make_session(db_path, date="2026-03-14")

    app = create_app(context(db_path), second_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PreviousActionsScreen")
        await pilot.press("k")  # the first one is done
        await pilot.press("down", "v")  # the second is dropped
        await pilot.press("o")  # carry over the open ones with one key
        screen = session_screen(app)
        await wait_for(pilot, lambda: app.screen is screen)
        await screen.go_to("way-forward-acties")
        values = [i.value for i in screen.query(".action-wat")]
        assert values == ["Regio-overleg bijwonen"]
        await settle(pilot)
    db = open_database(db_path)
    catalog = load_catalog()
    statuses = {a.wat: a.status for a in Meeting.open(db, catalog, first_id).actions()}
    assert statuses == {
        "Notitie schrijven": "klaar",
        "Bestuur informeren": "vervallen",
        "Regio-overleg bijwonen": "open",
    }
    carried = Meeting.open(db, catalog, second_id).actions()
    assert [(a.wat, a.wie) for a in carried] == [("Regio-overleg bijwonen", "Carla")]
    assert done not in {a.carried_from for a in carried}

    # Opening again: the actions are there now, so the dialog does not come back.
    app = create_app(context(db_path), second_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)  # nothing may open: give a late dialog the chance to show
        assert isinstance(app.screen, SessionScreen)


async def _palette_search(pilot, words: str, expected: str, *, typed: bool) -> None:
    """Type (or paste) ``words`` into the command palette and wait until ``expected`` is the
    first hit."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.pause()
    if typed:
        await pilot.press(*words)
    else:
        await paste(pilot, words)

    def first_hit() -> bool:
        hits = pilot.app.screen.query_one(CommandList)
        return bool(hits.option_count) and expected in str(hits.get_option_at_index(0).prompt)

    await wait_for(pilot, first_hit, 10)
    await pilot.press("enter")
    await pilot.pause()


async def test_command_palette_finds_a_question_by_its_words(db_path):
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        # words in any order, not only the start of the question (pasted: one search, where
        # typing would search again at every key)
        await _palette_search(pilot, "factoren succes", "succesfactoren", typed=False)
        assert app.screen is screen
        assert screen.stop == "reality-succesfactoren"
        # the meeting aids are in the palette too
        await _palette_search(pilot, "parkeer", "Parkeerplaats", typed=True)
        assert type(app.screen).__name__ == "ParkingLotScreen"


async def test_outline_marks_progress_and_opens_what_is_chosen(db_path):
    from grow_app.ui.widgets.outline import Outline

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        outline = screen.query_one(Outline)
        assert str(screen.query_one("#progress").render()) == "0/28 beantwoord"
        await paste(pilot, "Ons doel")
        assert str(screen.query_one("#progress").render()) == "1/28 beantwoord"
        assert str(outline._phase_nodes["goal"].label) == "Goal  1/4"
        assert str(outline._question_nodes["goal-doelen"].label).startswith("✓")
        # choosing a phase in the outline opens its first question
        outline.select_node(outline._phase_nodes["options"])
        await pilot.pause()
        assert screen.stop == "options-basiskwaliteit"
        outline.select_node(outline._question_nodes["reality-verloop"])
        await pilot.pause()
        assert screen.stop == "reality-verloop"
        # the new editor is mounted (and focused) a moment after the stop changes
        from grow_app.ui.widgets.answer_area import AnswerArea

        await wait_for(pilot, lambda: isinstance(app.focused, AnswerArea))
        assert app.focused.save_key == ("answer", "reality-verloop", "")


async def test_earlier_version_of_an_answer_comes_back(db_path):
    from grow_app.ui.screens.versions import VersionsScreen

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        area = app.focused
        await paste(pilot, "Eerste versie")
        await settle(pilot)
        await pilot.press("ctrl+a")
        await paste(pilot, "Tweede versie")
        await pilot.press("alt+h")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, VersionsScreen))
        assert [r.text for r in app.screen.revisions] == ["Tweede versie", "Eerste versie"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is screen and app.focused is area
        assert area.text == "Eerste versie"
        await settle(pilot)
        history = [r.text for r in screen.meeting.history("goal-doelen")]
        assert history == ["Eerste versie", "Tweede versie", "Eerste versie"]


async def test_ctrl_s_writes_without_waiting_for_the_delay(db_path):
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=30)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await paste(pilot, "Gewoontegetrouw ctrl+s")
        await pilot.pause(0.3)  # a moment in which nothing may be written (the delay is 30 s)
        assert not screen.meeting.history("goal-doelen")  # a 30 s pause would be needed
        await pilot.press("ctrl+s")

        def history() -> list[str]:
            return [r.text for r in screen.meeting.history("goal-doelen")]

        await wait_for(pilot, lambda: history() == ["Gewoontegetrouw ctrl+s"])
        await wait_for(
            pilot, lambda: str(screen.query_one("#saved").render()).startswith("Opgeslagen")
        )


async def test_no_previous_actions_prompt_on_a_card_without_an_action_list(db_path):
    from grow_app.services.catalog import load_catalog

    first_id = make_session(db_path, date="2026-01-10")
    db = open_database(db_path)
    Meeting.open(db, load_catalog(), first_id).add_action("Notitie schrijven", "Anna", "mei")
    db.conn.close()
    grid_id = make_session(db_path, "strategiesessie-schaalniveaus", date="2026-03-14")
    app = create_app(context(db_path), grid_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.pause(0.2)  # nothing may open: give a late dialog the chance to show
        assert app.screen is screen
        assert "previous_actions" not in {b.binding.action for b in screen.active_bindings.values()}


async def test_the_palette_says_where_a_question_is_as_the_question_pane_does(db_path):
    from textual.command import CommandList

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "informatie":
            await pilot.press(char)
        for _ in range(100):
            await pilot.pause(0.05)
            hits = app.screen.query_one(CommandList)
            if hits.option_count:
                break
        shown = str(hits.get_option_at_index(0).prompt)
        assert "Hoe komen we aan onze informatie" in shown
        assert "Reality · Onderwijsregiovorming" in shown
        assert "Reality · Reality" not in shown


@pytest.mark.parametrize(
    ("lang", "placeholder", "names"),
    [
        ("nl", "Zoek een opdracht of vraag…", {"Help", "Afsluiten", "Kleuren"}),
        ("en", "Search for a command or question…", {"Help", "Quit", "Colours"}),
    ],
)
async def test_the_palette_speaks_the_interface_language(db_path, lang, placeholder, names):
    """Textual's own palette commands are English ("Keys", "Screenshot", "Theme"); grow's are
    in the interface's language, and the palette's search field says what it finds."""
    from textual.command import CommandInput, CommandList

    from grow_app.i18n import set_language

    set_language(lang)
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.query(CommandList))
        assert app.screen.query_one(CommandInput).placeholder == placeholder
        hits = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: hits.option_count > 3)
        shown = {str(hits.get_option_at_index(i).prompt).split("\n")[0].strip()
                 for i in range(hits.option_count)}  # fmt: skip
        assert names <= shown
        assert not {"Keys", "Screenshot", "Theme"} & shown  # Textual's own, in English


async def test_versions_outside_an_answer_say_where_they_are(db_path):
    """alt+h in the action list did nothing at all; now it says where versions are."""
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await screen.go_to("way-forward-acties")
        await pilot.pause()
        await pilot.press("alt+h")
        await wait_for(pilot, lambda: list(app._notifications))
        said = [n.message for n in app._notifications]
        assert any("zet de cursor in een antwoord" in m for m in said), said
        assert app.screen is screen  # no dialog
        # in an answer it opens the versions, and says nothing
        app.clear_notifications()
        await screen.go_to("goal-doelen")
        await pilot.pause()
        await pilot.press("alt+h")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "VersionsScreen")
        assert not list(app._notifications)
