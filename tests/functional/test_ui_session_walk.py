"""A whole meeting walked through the session screen, then the app is started again on the file."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import pytest
from textual import events
from ui_session_helpers import context, make_session, paste, ready, settle, wait_for

from grow_app.services.meeting import KEY_MESSAGE_ID
from grow_app.ui.app import create_app
from grow_app.ui.widgets.answer_area import AnswerArea, CleanInput
from grow_app.ui.widgets.outline import Outline
from grow_app.ui.widgets.status_choice import StatusChoice


def _rows(db_path, sql, params=()):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.mark.slow(seconds=9)
async def test_walk_all_phases_quit_and_find_everything_again(db_path):
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        # Opens on the first unanswered question, cursor in its editor.
        assert screen.stop == "goal-doelen"
        assert isinstance(app.focused, AnswerArea)
        await paste(pilot, "Samen goede leraren opleiden.")

        await pilot.press("ctrl+down")  # per_item question: one editor per sub-item
        assert screen.stop == "goal-verhouding"
        assert app.focused.save_key == ("answer", "goal-verhouding", "functies")
        await paste(pilot, "Past bij alle vijf functies.")
        await pilot.press("tab")
        assert app.focused.save_key == ("answer", "goal-verhouding", "ambitie")
        await paste(pilot, "Sluit aan op de 100%-ambitie.")

        await pilot.press("alt+2")  # Reality
        assert screen.phase.id == "reality"
        await paste(pilot, "De meerwaarde is groot.")
        await pilot.press("alt+3")  # Options
        assert screen.phase.id == "options"
        await paste(pilot, "Een gedeelde visie.")

        await pilot.press("alt+4")  # Way forward: recommendations
        assert screen.stop == "way-forward-aanbevelingen"
        # the first recommendation's status has the focus: choose it, then explain
        assert isinstance(app.focused, StatusChoice)
        assert app.focused.save_key == ("status", "way-forward-aanbevelingen", "aangehaakt")
        await pilot.press("a")  # n/a in English (v in Dutch)
        assert app.focused.value == "nvt"
        await pilot.press("d")
        await pilot.press("tab")
        await paste(pilot, "We schuiven aan bij het regio-overleg.")

        await pilot.press("ctrl+down")  # the action list
        assert screen.stop == "way-forward-acties"
        await pilot.press("enter")  # the focused "add action" button
        assert app.focused.save_key[2] == "wat"
        await paste(pilot, "Notitie sturen")
        await pilot.press("tab")
        await paste(pilot, "Anna")
        await pilot.press("tab")
        await paste(pilot, "april")
        await pilot.press("enter")  # enter on the last row adds a row
        await paste(pilot, "Dit gaat weg")
        await pilot.press("shift+delete")  # remove the action the cursor is in
        await pilot.pause()
        assert len(screen.query(".action-row")) == 1
        assert app.focused.value == "Notitie sturen"
        await pilot.press("end", "space", "n", "u")

        await pilot.press("f4")  # key message
        assert screen.stop == KEY_MESSAGE_ID
        await paste(pilot, "Wij leiden samen op, ook in de nieuwe regio.")
        await settle(pilot)
        assert "Opgeslagen" in str(screen.query_one("#saved").render())
        await pilot.press("ctrl+q")

    answers = dict(
        ((q, k), text)
        for q, k, text in _rows(
            db_path,
            "SELECT question_id, item_key, text FROM answers WHERE session_id = ?",
            [session_id],
        )
    )
    assert answers[("goal-doelen", "")] == "Samen goede leraren opleiden."
    assert answers[("goal-verhouding", "ambitie")] == "Sluit aan op de 100%-ambitie."
    assert answers[("reality-meerwaarde", "")] == "De meerwaarde is groot."
    assert answers[("options-basiskwaliteit", "")] == "Een gedeelde visie."
    assert answers[("way-forward-aanbevelingen", "aangehaakt")].startswith("We schuiven")
    assert _rows(db_path, "SELECT status FROM recommendation_statuses") == [("deels",)]
    actions = _rows(db_path, "SELECT wat, wie, wanneer, deleted_at IS NULL FROM actions")
    assert ("Notitie sturen nu", "Anna", "april", 1) in actions
    assert ("Dit gaat weg", "", "", 0) in actions  # removed, but never gone for good
    assert _rows(db_path, "SELECT key_message FROM sessions") == [
        ("Wij leiden samen op, ook in de nieuwe regio.",)
    ]
    assert _rows(db_path, "SELECT count(*) FROM answer_history")[0][0] >= 6

    # Start again on the same file: everything is on screen.
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        progress = {p.phase.id: p.answered for p in screen.meeting.progress()}
        assert progress == {"goal": 2, "reality": 1, "options": 1, "way-forward": 2}
        assert screen.stop == "goal-regiovorming"  # the first unanswered question
        await screen.go_to("goal-verhouding")
        texts = [a.text for a in screen.pane.query(AnswerArea)]
        assert texts == ["Past bij alle vijf functies.", "Sluit aan op de 100%-ambitie."]
        await screen.go_to("way-forward-aanbevelingen")
        assert screen.pane.query(StatusChoice).first().value == "deels"
        await screen.go_to("way-forward-acties")
        assert [i.value for i in screen.pane.query(CleanInput)] == [
            "Notitie sturen nu",
            "Anna",
            "april",
        ]
        await pilot.press("f4")
        assert app.focused.text == "Wij leiden samen op, ook in de nieuwe regio."
        outline = screen.query_one(Outline)
        assert str(outline._question_nodes[KEY_MESSAGE_ID].label).startswith("✓")


async def test_quit_writes_what_was_typed_before_the_delay_passed(db_path):
    """A long autosave delay: quitting still stores the text at once."""
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=30)
    async with app.run_test() as pilot:
        await ready(pilot)
        await paste(pilot, "Net getypt, nog niet bewaard.")
        assert _rows(db_path, "SELECT count(*) FROM answers")[0][0] == 0
        await pilot.press("ctrl+q")
    assert _rows(db_path, "SELECT text FROM answers") == [("Net getypt, nog niet bewaard.",)]


async def test_moving_to_another_question_saves_at_once(db_path):
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=30)
    async with app.run_test() as pilot:
        screen = await ready(pilot)
        await paste(pilot, "Eerste antwoord")
        await pilot.press("ctrl+down")
        # the writer stores it within moments, not after the 30 s delay
        await wait_for(pilot, lambda: _rows(db_path, "SELECT count(*) FROM answers")[0][0], 10)
        assert _rows(db_path, "SELECT text FROM answers") == [("Eerste antwoord",)]
        assert screen.stop == "goal-verhouding"


async def test_after_a_move_only_the_field_with_the_cursor_has_the_focused_border(db_path):
    """The boxes restyle for the focus a frame after the move (the move draws first): they
    must still end up right, the new one focused, the old one (and every other) not."""
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        focused_border = blurred_border = None
        for _ in range(3):  # text → per item (two boxes) → text
            await pilot.press("ctrl+down")
            await settle(pilot)
            # the boxes of the goal phase (its question ids start with "goal-"): the ones these
            # three moves showed and left
            areas = [a for a in screen.query(AnswerArea) if a.save_key[1].startswith("goal-")]
            focused = [a for a in areas if a.has_focus]
            assert len(focused) == 1 and focused[0] is app.focused
            borders = {a.styles.border_top for a in areas if a is not app.focused}
            focused_border = focused[0].styles.border_top
            assert focused_border not in borders
            blurred_border = blurred_border or borders.pop()
            assert borders <= {blurred_border}
        assert focused_border != blurred_border


async def test_the_collector_is_off_between_a_move_and_its_frame_and_on_again_after(
    db_path, monkeypatch
):
    """Young collections no longer fall into a move: the collector waits for the frame, and
    is never left off (a move that paused it for good would make grow grow)."""
    import gc

    from grow_app.ui.screens.session import SessionScreen

    seen: list[bool] = []
    real_after_move = SessionScreen._after_move

    def after_move(self) -> None:  # inside the move, after the flip
        seen.append(gc.isenabled())
        real_after_move(self)

    monkeypatch.setattr(SessionScreen, "_after_move", after_move)
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert gc.isenabled()
        for _ in range(3):
            await pilot.press("ctrl+down")
            await pilot.pause()  # one frame
            assert gc.isenabled()
        assert len(seen) >= 3 and not any(seen)  # (the first question is shown the same way)
        assert screen.index == 3


async def test_quitting_right_after_a_move_leaves_the_collector_on(db_path):
    """The frame a move waits for, and the safety net, end with the app: the collector must
    not stay off in the process (a test process, or ``grow serve``'s) that goes on after it."""
    import gc

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            app.post_message(events.Key("ctrl+down", None))
            app.post_message(events.Key("ctrl+q", None))
            await pilot.pause()
        assert gc.isenabled()
    finally:
        gc.enable()


async def test_text_the_database_refuses_is_in_the_recovery_journal_and_comes_back(
    db_path, isolated_home, monkeypatch
):
    """The database refuses every write: the screen says so in one line that stays, the text is
    in the recovery journal at once, quitting does not hang, and opening the session again (the
    database works again) offers the text back; Enter takes it."""
    from grow_app.store import live

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    session_id = make_session(db_path)
    with monkeypatch.context() as patch:
        patch.setattr(live, "save_answer", locked)
        app = create_app(context(db_path), session_id, autosave_delay=0)
        async with app.run_test() as pilot:
            screen = await ready(pilot)
            await paste(pilot, "Dit mag niet verloren gaan.")
            await wait_for(pilot, lambda: "-failed" in screen.query_one("#saved").classes)
            notice = str(screen.query_one("#notice").render())
            assert "Nog niet opgeslagen" in notice and "herstel" in notice
            files = list((isolated_home / "data" / "herstel" / session_id).glob("*.txt"))
            assert len(files) == 1
            assert files[0].read_text(encoding="utf-8").endswith("Dit mag niet verloren gaan.")
            await pilot.press("ctrl+q")
    assert _rows(db_path, "SELECT count(*) FROM answers")[0][0] == 0

    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test() as pilot:

        def offered() -> str:
            found = app.screen.query("#recovery-kept")
            return str(found.first().render()) if found else ""

        await wait_for(pilot, lambda: "Dit mag niet verloren gaan." in offered())
        await pilot.press("enter")
        screen = await ready(pilot)
        await wait_for(pilot, lambda: screen.pane.query(AnswerArea).first().text != "")
        assert screen.pane.query(AnswerArea).first().text == "Dit mag niet verloren gaan."
        await settle(pilot)
    assert _rows(db_path, "SELECT text FROM answers") == [("Dit mag niet verloren gaan.",)]
    assert not list((isolated_home / "data" / "herstel").glob("*/*.txt"))


async def test_a_taken_text_is_set_aside_at_once_and_not_offered_again(db_path, isolated_home):
    """A killed grow's text, taken back (Enter) and typed on: its file is set aside when it is
    taken. Each window has its own file now, and this one's later saves drop only files that
    hold the text they saved: typed on before the taken text was stored, the killed grow's file
    stayed, holding the older text, and was offered at every open (found in review; here the
    taken text is stored before the paste, so the test checks where the file went)."""
    from grow_app.services.journal import Journal
    from grow_app.services.session_start import session_start
    from tests.helpers import keep_in_another_process

    session_id = make_session(db_path)
    start = session_start(db_path, session_id)
    assert start is not None
    key = ("answer", start.view.stop, start.view.answer_keys()[0])
    journal = Journal(isolated_home / "data" / "herstel")
    keep_in_another_process(journal.folder, journal.fallback, session_id, key, "Voor de crash")
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#recovery-kept")))
        await pilot.press("enter")
        screen = await ready(pilot)
        editor = screen.pane.query(AnswerArea).first()
        await wait_for(pilot, lambda: editor.text == "Voor de crash")
        await paste(pilot, " en erna.")
        await settle(pilot)
    [(stored,)] = _rows(db_path, "SELECT text FROM answers")
    assert "Voor de crash" in stored and "en erna." in stored
    assert journal.entries(session_id) == []
    assert len(list((journal.folder / "verwerkt" / session_id).glob("*.txt"))) == 1


async def test_entering_a_filled_field_does_not_select_its_text(db_path):
    """Finding 7: tabbing into a filled action field selected all of it, so one keystroke
    replaced it (without undo)."""
    from grow_app.services.catalog import load_catalog
    from grow_app.services.meeting import Meeting
    from grow_app.store import open_database

    session_id = make_session(db_path)
    db = open_database(db_path)
    Meeting.open(db, load_catalog(), session_id).add_action("Notitie sturen", "Programmamanager")
    db.conn.close()
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await screen.go_to("way-forward-acties")
        await pilot.pause()
        assert app.focused.has_class("action-wanneer")  # the first empty field
        await pilot.press("shift+tab")  # back into "wie"
        assert app.focused.value == "Programmamanager"
        assert app.focused.selection.is_empty
        await pilot.press("x")
        assert app.focused.value == "Programmamanagerx"  # added, not replaced
        await settle(pilot)


async def test_the_background_builder_stops_when_the_screen_is_taken_down(db_path):
    """The panes of the other questions are built in the background after the first frame.
    When grow quits (or the screen closes) meanwhile, Textual removes the screen's parts before
    it stops the builder; on a busy machine the builder then mounted into a part that was gone
    and grow ended with a traceback. Here the parts go while it builds, as in that moment."""
    import asyncio

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:

        def building() -> bool:
            panes = getattr(app.screen, "_panes", {})
            return 2 < len(panes) < len(app.screen.stops)

        for _ in range(2000):  # polled finely: a pilot.pause() would wait until it is done
            if building():
                break
            await asyncio.sleep(0.005)
        assert building()
        screen = app.screen
        await screen.query_one("#question-pane").remove()
        await wait_for(pilot, lambda: not any(w.group == "prebuild" for w in app.workers), 10)
        assert len(screen._panes) < len(screen.stops)  # it stopped instead of going on
    # leaving run_test re-raises an error of the builder (a WorkerFailed)


async def test_the_builder_and_a_move_stop_when_the_column_is_found_but_detached(
    db_path, monkeypatch
):
    """While Textual takes the screen down (F10, quitting), the panes' column can still be
    found but is no longer attached: mounting into it ended grow with a MountError, seen in a
    real terminal (F10 a moment after opening, beside a CPU hog). The builder stops and a move
    typed in that moment does nothing."""
    from grow_app.ui.widgets.question_pane import QuestionScroll

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        built = len(screen._panes)
        assert built < len(screen.stops)
        monkeypatch.setattr(QuestionScroll, "is_attached", property(lambda self: False))
        screen.idle_before_building = 0
        await screen._prebuild()  # returns instead of raising MountError
        await screen._show(len(screen.stops) - 1)  # a pane not built: the move does nothing
        assert len(screen._panes) == built
        monkeypatch.undo()
        await pilot.pause()


async def test_a_jump_to_a_question_not_built_yet_takes_what_comes_next(db_path):
    """While the facilitator is busy only the neighbours' panes are built; the others wait for
    a quiet moment. A jump far away builds its pane then, and what is typed and pasted right
    after the jump lands there, in order, and is saved."""
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("x")  # busy: the far panes wait
        far = "options-financiering"  # a plain text question near the end
        assert far not in screen._panes
        assert {screen.stops[1], screen.stops[2]} <= set(screen._panes)  # the neighbours are
        await screen.go_to(far)
        await pilot.press("a", "b")
        await paste(pilot, " en verder")
        await settle(pilot)
        assert screen.stop == far
        key = app.focused.save_key
        assert screen.meeting.text_of(key) == "ab en verder"
        rows = _rows(db_path, "SELECT question_id, text FROM answers WHERE text LIKE 'ab%'")
        assert rows == [(key[1], "ab en verder")]
        # After a quiet moment the rest get built after all.
        screen.idle_before_building = 0.2
        await wait_for(pilot, lambda: len(screen._panes) == len(screen.stops), 20)


async def test_a_late_worker_event_does_not_attach_the_meeting_twice(db_path):
    """A quick loading thread can have finished before its RUNNING event is handled; that
    event then found the worker already successful, attached the meeting a second time and
    grow ended with a DuplicateIds error (seen under load). The event's own state counts."""
    from types import SimpleNamespace

    from textual.worker import Worker, WorkerState

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        meeting = screen.meeting
        done = SimpleNamespace(
            name="load-meeting",
            group="default",
            state=WorkerState.SUCCESS,
            result=(meeting, [], (None, [])),
        )
        await screen.on_worker_state_changed(Worker.StateChanged(done, WorkerState.RUNNING))
        await pilot.pause()
        assert len(screen.query("#timebox")) == 1
        assert screen.meeting is meeting


async def test_quitting_while_the_meeting_is_attached_ends_quietly(db_path, monkeypatch):
    """Seen once under load: the app was closing while the loaded meeting was being attached;
    the outline it had just mounted was already gone and grow ended with NoMatches. Here the
    screen's parts go the moment the outline mounts, as in that moment."""
    from grow_app.ui.widgets.outline import Outline

    def taken_down(self) -> None:
        self.screen.query_one("#session-body").remove()  # not awaited: it is inside the body

    monkeypatch.setattr(Outline, "on_mount", taken_down, raising=False)
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: getattr(screen, "meeting", None) is not None, 20)
        await pilot.pause(0.3)
        assert not screen.query("#outline")
    # leaving run_test re-raises an error of the attach (NoMatches before)
