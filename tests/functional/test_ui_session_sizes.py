"""The session screen at 80x24, 100x30 and 160x50: the action list, the outline, moving up to a
question with many sub-items, and the timebox on the Kernboodschap."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import context, fully_shown, make_session, ready, wait_for

from grow_app.services.meeting import Meeting
from grow_app.ui.app import create_app
from grow_app.ui.screens.session import SessionScreen
from tests.helpers import FakeClock

ACTIONS = [
    ("Werkgroep opleiden bijeenroepen", "Programmamanager", "15-12-2026"),
    ("Notitie over de onderwijsregio", "Werkgroep", "20 januari"),
    ("Gesprek met de regio", "Anna", "zsm"),
]


async def open_actions(app, pilot, session_id):
    from grow_app.ui.widgets.table_editors import ActionRow

    meeting = Meeting.open(app.context.db, app.context.catalog, session_id)
    for wat, wie, wanneer in ACTIONS:
        meeting.add_action(wat, wie, wanneer)
    await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
    screen = await ready(pilot)
    await screen.go_to("way-forward-acties")
    # the list's pane may be built just now (a jump far from the first question): laid out
    await wait_for(pilot, lambda: all(r.region.height for r in screen.query(ActionRow)))
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_under_a_wide_screen_each_action_is_stacked_with_labels(db_path, size):
    from grow_app.ui.widgets.table_editors import ActionRow

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        screen = await open_actions(app, pilot, session_id)
        row = screen.query(ActionRow).first()
        wat, wie, wanneer = (row.field(name) for name in ("wat", "wie", "wanneer"))
        assert wat.region.y < wie.region.y < wanneer.region.y  # one above the other
        for field in (wat, wie, wanneer):
            assert fully_shown(field)
            # the whole text fits: "Programmamanager" is not "mamanager"
            assert field.scrollable_content_region.width >= len(field.value)
            label = field.parent.query_one(".action-label")
            assert fully_shown(label) and label.region.right <= field.region.x
        hint = row.query_one(".action-when")
        assert str(hint.render()) == "di 15 dec 2026" and fully_shown(hint)


async def test_on_a_wide_screen_an_action_is_one_row_under_a_header(db_path):
    from grow_app.ui.widgets.table_editors import ActionRow

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_actions(app, pilot, session_id)
        header = screen.query_one("#action-header")
        assert fully_shown(header)
        for row, (wat, wie, wanneer) in zip(screen.query(ActionRow), ACTIONS, strict=True):
            fields = [row.field(name) for name in ("wat", "wie", "wanneer")]
            assert len({f.region.y for f in fields}) == 1
            for field, text in zip(fields, (wat, wie, wanneer), strict=True):
                assert field.value == text
                assert field.scrollable_content_region.width >= len(text)


async def test_the_year_a_date_means_shows_beside_it_as_it_is_typed(db_path):
    from grow_app.ui.widgets.table_editors import ActionRow

    session_id = make_session(db_path)  # a meeting on 14 March 2026
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actions(app, pilot, session_id)
        row = list(screen.query(ActionRow))[1]
        hint = row.query_one(".action-when")
        assert str(hint.render()) == "wo 20 jan 2027"  # January has passed: next year's
        screen.set_focus(row.field("wanneer"))
        await pilot.press("ctrl+a", *"eind juni")
        assert str(hint.render()) == "eind juni 2026"
        await pilot.press("ctrl+a", *"31-02")
        assert str(hint.render()) == "geen datum" and hint.has_class("-no-date")
        await pilot.press("ctrl+a", *"na de MR")
        assert not hint.display  # free text: nothing to say
        assert screen.flush(10)
        saved = Meeting.open(app.context.db, app.context.catalog, session_id).actions()[1]
        assert saved.wanneer == "na de MR"  # kept as typed


def outline_entries(outline) -> dict[str, str]:
    """What each question's line of the outline shows: stop -> its text without the mark."""
    return {stop: str(node.label)[2:].strip() for stop, node in outline._question_nodes.items()}


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)])
async def test_the_outline_numbers_questions_and_tells_them_apart_at_every_size(db_path, size):
    from grow_app.ui.widgets.outline import GUIDES, Outline

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
        screen = await ready(pilot)
        outline = screen.query_one(Outline)
        await pilot.pause()
        entries = outline_entries(outline)
        room = outline.scrollable_content_region.width - GUIDES
        for number, (stop, text) in enumerate(entries.items(), start=1):
            assert text.split()[0] == str(number)  # as "vraag 5 van 28" above the question
            assert outline._question_nodes[stop].label.cell_len <= room  # never cut by the edge
        words = [text.split(maxsplit=1)[1].rstrip("…") for text in entries.values()]
        assert len(set(words)) == len(words)  # no two read the same ("Wat zien wij al")
        if size[0] >= 160:  # room for the questions as they are written
            assert entries["reality-meerwaarde"].startswith("5 Wat zien wij als grootste")
        else:
            assert entries["reality-meerwaarde"].startswith("5 grootste meerwaar")


async def test_at_80_columns_the_outline_opens_wider_while_it_has_the_focus(db_path):
    from grow_app.ui.widgets.outline import Outline

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
        screen = await ready(pilot)
        outline = screen.query_one(Outline)
        narrow = outline.size.width
        await pilot.press("shift+tab")  # from the first field back into the outline
        await pilot.pause()
        assert screen.focused is outline
        assert outline.size.width > narrow + 10
        assert outline_entries(outline)["reality-meerwaarde"].startswith("5 Wat zien wij als")
        await pilot.press("down", "enter")  # choosing a question closes it again
        await pilot.pause()
        assert screen.focused is not outline and outline.size.width == narrow


async def test_the_outline_that_gets_the_focus_right_after_a_move_is_on_the_new_question(db_path):
    """The outline's cursor follows a move one frame later (the move's first frame draws only
    the question). If the outline gets the focus before that frame (Ctrl+Down, Shift+Tab and
    Enter typed ahead on a busy machine), it is on the new question at once: Enter must not
    open the question before it."""
    from textual import events

    from grow_app.ui.widgets.outline import Outline

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
        screen = await ready(pilot)
        outline = screen.query_one(Outline)
        await pilot.pause()
        before = outline.cursor_node
        following = screen.stops[screen.index + 3]
        outline.follow(following)
        assert outline.cursor_node is before  # not yet: after the next frame
        outline.on_focus(events.Focus())  # the focus arrives before that frame
        assert outline.cursor_node is outline._question_nodes[following]
        await pilot.pause()
        assert outline.cursor_node is outline._question_nodes[following]


async def test_the_timebox_runs_on_where_it_stopped_when_the_session_is_opened_again(db_path):
    from grow_app.ui.widgets.timebox import Timebox

    session_id = make_session(db_path)
    clock = FakeClock()
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(SessionScreen(session_id, clock=clock))
        screen = await ready(pilot)
        timebox = screen.query_one(Timebox)
        clock.now += 5 * 60  # five minutes of Goal
        timebox.tick()
        await pilot.press("alt+2")  # Reality: Goal's time is kept
        clock.now += 5
        timebox.tick()
        assert screen.flush(10)
        stored = Meeting.open(app.context.db, app.context.catalog, session_id).phase_seconds()
        assert stored == {"goal": 300}  # not yet Reality's 5 s: saved every 10 s
        clock.now += 80
        timebox.tick()  # ... as here
        await app.action_quit()
    clock = FakeClock()
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(SessionScreen(session_id, clock=clock))
        screen = await ready(pilot)
        timebox = screen.query_one(Timebox)
        assert "Goal: nog 15:00" in str(timebox.render())  # 20 minutes, 5 used yesterday
        await pilot.press("alt+2")
        assert "Reality: nog 28:35" in str(timebox.render())  # 30 minutes, 1:25 used
        clock.now += 25  # more than SAVE_EVERY: saved while it runs
        timebox.tick()
        assert screen.flush(10)
        stored = Meeting.open(app.context.db, app.context.catalog, session_id).phase_seconds()
        assert stored == {"goal": 300, "reality": 110}
        # "restart the clock" (F6) starts the phase from nothing, also next time
        await pilot.press("f6")
        await pilot.click("#timebox-restart")
        await pilot.pause()
        assert "Reality: nog 30:00" in str(timebox.render())
        assert screen.flush(10)
        stored = Meeting.open(app.context.db, app.context.catalog, session_id).phase_seconds()
        assert stored == {"goal": 300, "reality": 0}


async def test_f6_on_the_key_message_sets_the_time_of_the_clock_on_screen(db_path):
    from grow_app.records import KEY_MESSAGE_ID
    from grow_app.ui.screens.meeting_dialogs import TimeboxScreen
    from grow_app.ui.widgets.timebox import Timebox

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
        screen = await ready(pilot)
        await pilot.press("alt+4")  # Way forward, then on to the Kernboodschap
        await screen.go_to(KEY_MESSAGE_ID)
        timebox = screen.query_one(Timebox)
        assert "Way forward" in str(timebox.render())  # its clock runs on
        await pilot.press("f6")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TimeboxScreen)
        assert dialog.phase_title == "Way forward"
        assert "Kernboodschap" in str(dialog.query_one(".dialog-note").render())
        await pilot.press("ctrl+a", "backspace", "9", "enter")
        await pilot.pause()
        assert "Way forward: nog 09:00" in str(timebox.render())


async def test_opened_on_the_key_message_the_timebox_shows_no_phase_yet(db_path):
    from grow_app.records import KEY_MESSAGE_ID
    from grow_app.ui.widgets.timebox import Timebox

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = SessionScreen(session_id, clock=lambda: 0.0)
        await app.push_screen(screen)
        await ready(pilot)
        timebox = screen.query_one(Timebox)
        timebox._phase = None  # as when grow open starts on the Kernboodschap
        timebox.tick()
        assert str(timebox.render()) == ""  # not ": 00:00"
        assert screen.stops[-1] == KEY_MESSAGE_ID


SIX_ITEMS = """
id = "zes-items"
title = "Eigen kaart met zes onderdelen"
version = "1.0"
language = "nl"

[[phases]]
id = "een"
title = "Verkennen"

[[phases.sections]]
id = "een"
title = "Verkennen"

[[phases.sections.questions]]
id = "eerste"
text = "Wat willen we vandaag bereiken?"

[[phases.sections.questions]]
id = "zes"
kind = "per_item"
text = "Hoe staan we ervoor op de volgende onderdelen van ons partnerschap, en wat valt ons op?"
items = [
    { key = "a", text = "werven van nieuwe collega's" },
    { key = "b", text = "matchen van student en school" },
    { key = "c", text = "opleiden in school en opleiding" },
    { key = "d", text = "begeleiden van starters" },
    { key = "e", text = "professionaliseren van het team" },
    { key = "f", text = "anders en overig" },
]

[[phases.sections.questions]]
id = "laatste"
text = "Wat nemen we mee naar de volgende keer?"
"""


@pytest.mark.parametrize(
    ("filled", "answer"),
    [
        ("", ""),  # the first box: the question from its top
        ("abc", "een\ntwee\ndrie\nvier"),  # the fourth box, far down: it and its label
        ("abcdef", "\n".join(f"regel {n}" for n in range(30))),  # a box taller than the view
    ],
)
async def test_moving_up_to_six_sub_items_shows_the_box_with_the_cursor_and_its_label(
    db_path, tmp_path, filled, answer
):
    from grow_app.ui.widgets.question_editors import ItemsEditor

    cards = tmp_path / "kaarten"
    cards.mkdir()
    (cards / "zes.toml").write_text(SIX_ITEMS, encoding="utf-8")
    session_id = make_session(db_path, "zes-items", card_dirs=(str(cards),))
    app = create_app(context(db_path, (str(cards),)), autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = Meeting.open(app.context.db, app.context.catalog, session_id)
        for key in filled:
            meeting.save_answer("zes", key, answer)
        screen = SessionScreen(session_id, clock=lambda: 0.0)
        screen.idle_before_building = 0  # every pane built at once, as a quiet minute would
        await app.push_screen(screen)
        await ready(pilot)
        await wait_for(pilot, lambda: len(screen._panes) == len(screen.stops))
        await screen.go_to("laatste")
        await pilot.press("ctrl+up")
        editor = screen.pane.query_one(ItemsEditor)
        await wait_for(pilot, lambda: screen.focused in editor.fields())
        focused = screen.focused
        label, box = editor.span_of(focused)
        assert "item-label" in label.classes and box is focused
        # never a box without its label (waited for: a busy machine draws it a moment later)
        await wait_for(pilot, lambda: fully_shown(label))
        if not filled:
            assert fully_shown(screen.pane.query_one(".question-text"))
            assert fully_shown(box)
        elif len(filled) == 3:
            assert str(label.render()) == "begeleiden van starters"
            assert fully_shown(box)


async def test_actions_changed_elsewhere_before_the_list_is_built_are_shown_when_it_is(db_path):
    """Another window's actions can arrive while the action list's pane is still being built:
    bringing it up to date then is not an error, and the list shows them once it is there."""
    from grow_app.ui.widgets.question_editors import editor_for
    from grow_app.ui.widgets.table_editors import ActionsEditor

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_actions(app, pilot, session_id)
        view = screen.pane.view
        editor = editor_for(view, screen.meeting)  # made, not yet mounted (not composed)
        assert isinstance(editor, ActionsEditor)
        await editor.sync(screen.meeting.actions(), set())  # nothing to do yet, no error
        await screen.pane.mount(editor)
        await pilot.pause()
        assert [r.field("wat").value for r in editor.rows()] == [a[0] for a in ACTIONS]


@pytest.mark.parametrize("quick", [False, True], ids=["opened", "grow-open"])
async def test_the_top_line_keeps_the_partnership_name_whole_at_80_columns(db_path, quick):
    """The 80x24 tryout saw the partnership's name cut short ("…") by the card's title, which
    is the same for every session. Where the whole line does not fit, the card's title goes
    (then the date); where it does (160 columns), it stays. The same in grow open's first
    frame."""
    from rich.cells import cell_len

    from grow_app.services.session_start import session_start

    name = "Opleidingsschool Noord-Veluwe"
    session_id = make_session(db_path, partnership=name)
    for size, expected in [
        ((80, 24), f"{name} · 2026-03-14"),
        ((160, 50), f"{name} · 2026-03-14 · Gesprekskaart | Samen Opleiden & Professionaliseren"),
    ]:
        start = session_start(db_path, session_id) if quick else None
        ref = None if quick else session_id
        app = create_app(context(db_path), ref, start=start, autosave_delay=0)
        async with app.run_test(size=size) as pilot:
            screen = await ready(pilot)
            title = screen.query_one("#session-title")
            await wait_for(pilot, lambda t=title, e=expected: str(t.render()) == e)
            assert cell_len(str(title.render())) <= title.content_region.width
            if size[0] == 80:  # the whole line would have been cut
                assert cell_len(" · ".join(screen.title_parts)) > title.content_region.width
