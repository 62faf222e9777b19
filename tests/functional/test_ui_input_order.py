"""Keys and pastes land where the facilitator sent them, in the order a terminal sends them.

A terminal hands grow its keys and pastes one after the other, and on a busy machine many
of them are waiting in the app's queue at once. Here they are posted to the app as its driver
posts them (not to a widget, as ``pilot.press`` and the helpers' ``paste`` do), either all at
once or with the app catching up between them. Each text must end up in the question and
field that was on screen when it was sent, and the cursor in the question on screen.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import pytest
from terminal import stored_answers
from textual import events
from ui_session_helpers import context, make_session, ready, settle

from grow_app.ui.app import create_app

# The drive in tmux that showed it (with a CPU hog, about one run in three): "Derde" was added
# to the paste in question 2, or " erbij" went to the filled "functies" instead of "ambitie".
SEQUENCE: list[str | tuple[str]] = [
    "Eerste",
    ("ctrl+down",),
    "paste:Plak na stap",
    ("ctrl+down",),
    "Derde",
    ("ctrl+up",),
    "paste: erbij",
]
EXPECTED = {
    ("goal-doelen", ""): "Eerste",
    ("goal-verhouding", "functies"): "Plak na stap",
    ("goal-verhouding", "ambitie"): " erbij",
    ("goal-regiovorming", ""): "Derde",
}


@pytest.fixture(autouse=True)
def the_note_keeps_the_order():
    """Held keys went on because their note came back, not because the gate's patience ran out
    (which would keep these tests green with a broken gate, only slower)."""
    from grow_app.ui.input_gate import InputGate

    before = InputGate.released_late
    yield
    assert InputGate.released_late == before


@pytest.fixture
def without_the_gate(monkeypatch):
    """Nothing waits behind a key: what is left to keep the order is tested on its own."""
    from grow_app.ui.input_gate import InputGate

    monkeypatch.setattr(InputGate, "wait_for_return", lambda self, handed_to: None)


def stored(db_path: Path) -> dict[tuple[str, str], str]:
    """The answers in the database file that are not empty."""
    return {key: text for key, text in stored_answers(db_path).items() if text}


def as_the_driver_sends(step: str | tuple[str]) -> list[events.Event]:
    if isinstance(step, tuple):
        return [events.Key(step[0], None)]
    if step.startswith("paste:"):
        return [events.Paste(step.removeprefix("paste:"))]
    return [events.Key(char, char) for char in step]


# After which steps of SEQUENCE the app catches up before the next ones are sent.
CATCHING_UP = {
    "all-queued": (),
    "one-by-one": tuple(range(len(SEQUENCE))),
    "move-with-the-paste": (0, 3, 5),  # a paste and the move after it arrive together
    "keys-with-the-move": (2, 4),  # a move and the keys after it arrive together
}


@pytest.mark.parametrize("gate", ["gate", "no-gate"])
@pytest.mark.parametrize("catching_up", CATCHING_UP.values(), ids=CATCHING_UP.keys())
async def test_each_text_lands_in_the_question_on_screen_when_it_was_sent(
    db_path, catching_up, gate, request
):
    if gate == "no-gate":  # the move's own wait (sent_before_handled) and the paste alone
        request.getfixturevalue("without_the_gate")
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        for number, step in enumerate(SEQUENCE):
            for event in as_the_driver_sends(step):
                app.post_message(event)
            if number in catching_up:
                await pilot.pause()
        await settle(pilot)
        await pilot.pause(0.1)
        await settle(pilot)
        assert stored(db_path) == EXPECTED
        # the cursor is in the question on screen (question 2, its empty field), not in a
        # hidden pane where the next key would go unseen
        assert screen.stop == "goal-verhouding"
        assert app.focused in screen.pane.fields()
        assert app.focused.save_key[1:] == ("goal-verhouding", "ambitie")
        app.post_message(events.Key("!", "!"))
        await settle(pilot)
        assert screen.meeting.text_of(app.focused.save_key) == " erbij!"


# A key the field does not take as text comes back to the app to be looked up; it used to be
# looked up from the focus at that moment, after the move: Backspace deleted the "y".
HANDED_BACK = {
    "backspace": (["abcd", ("backspace",), ("ctrl+down",), "xy"], "abc", "xy!"),
    "home": (["abcd", ("home",), ("ctrl+down",), "xy"], "abcd", "xy!"),
}


@pytest.mark.parametrize("gate", ["gate", "no-gate"])
@pytest.mark.parametrize("steps, first, second", HANDED_BACK.values(), ids=HANDED_BACK.keys())
async def test_a_key_sent_before_a_move_acts_in_the_question_it_was_sent_to(
    db_path, steps, first, second, gate, request
):
    if gate == "no-gate":  # the lookup in the field the key was sent to, alone
        request.getfixturevalue("without_the_gate")
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        for step in steps:
            for event in as_the_driver_sends(step):
                app.post_message(event)
        await settle(pilot)
        app.post_message(events.Key("!", "!"))  # where the cursor is now: the end of "xy"
        await settle(pilot)
    assert stored(db_path) == {
        ("goal-doelen", ""): first,
        ("goal-verhouding", "functies"): second,
    }


@pytest.mark.parametrize("catching_up", [False, True], ids=["all-queued", "one-by-one"])
async def test_enter_in_the_grid_opens_the_cell_the_arrows_went_to(db_path, catching_up):
    """Arrows in the grid's overview, Enter, and typing at once: the text goes into the cell the
    arrows went to, not the one the editor showed before them."""
    session_id = make_session(db_path, "strategiesessie-schaalniveaus")
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        editor = app.focused
        assert editor.save_key[2] == "werven|school"
        await pilot.press("escape")  # to the overview table
        for step in [("down",), ("right",), ("enter",), "Cel"]:
            for event in as_the_driver_sends(step):
                app.post_message(event)
            if catching_up:
                await pilot.pause()
        await settle(pilot)
        assert app.focused is editor
        assert editor.save_key[2] == "matchen|bestuur"
        assert screen.meeting.text_of(editor.save_key) == "Cel"
    assert stored(db_path) == {("activiteiten-schaalniveau", "matchen|bestuur"): "Cel"}


async def test_the_bindings_of_a_field_without_the_focus_are_the_ones_it_has_with_it(db_path):
    """A key that comes back after the focus moved (a click, the gate's time limit) is looked up
    in the bindings its own field has with the focus: the same chain Textual builds then."""
    from grow_app.ui.input_order import binding_chain_of

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        first = app.focused
        await pilot.press("ctrl+down")
        assert app.focused is not first

        def shape(chain):
            return [(node, sorted(bindings.key_to_bindings)) for node, bindings in chain]

        unfocused = shape(binding_chain_of(first))
        screen.set_focus(first)
        assert unfocused == shape(screen._modal_binding_chain)
        assert "backspace" in dict(unfocused)[first]


async def test_a_click_waits_for_the_keys_before_it(db_path):
    """ "abc", then Backspace, "d" and a click on the next field, sent at once: the "d" belongs
    to the first field (the click used to be carried out before it)."""
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+down")
        first, second = screen.pane.fields()[:2]
        await pilot.press(*"abc")
        x, y = second.region.x + 2, second.region.y + 1
        where = dict(widget=None, x=x, y=y, delta_x=0, delta_y=0, button=1, shift=False)
        where |= dict(meta=False, ctrl=False, screen_x=x, screen_y=y)
        for event in [
            events.Key("backspace", None),
            events.Key("d", "d"),
            events.MouseDown(**where),
            events.MouseUp(**where),
            events.Key("e", "e"),
        ]:
            app.post_message(event)
        await settle(pilot)
        assert (first.text, second.text) == ("abd", "e")
        assert app.focused is second


async def test_keys_wait_for_a_busy_screen_longer_than_a_look(db_path):
    """The screen's own queue busy for longer than the gate's first look (an awaited mount on
    a slow machine): "abc", Backspace, "d" still come out as "abd" (the held "d" used to go on
    after 1 s, before the Backspace had come back, which then deleted it)."""
    from grow_app.ui.input_gate import CHECK_NOTE

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        field = app.focused
        screen.call_later(asyncio.sleep, CHECK_NOTE + 0.3)
        for step in ["abc", ("backspace",), "d"]:
            for event in as_the_driver_sends(step):
                app.post_message(event)
        await pilot.pause(CHECK_NOTE + 0.5)
        await settle(pilot)
        assert field.text == "abd"
