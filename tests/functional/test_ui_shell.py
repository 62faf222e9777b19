"""The app shell: projector mode, language, help, grow open, quitting, sizes and keys."""

from __future__ import annotations

import json
import sys

import pytest
from textual.screen import Screen
from textual.widgets import DataTable, Markdown, Static
from ui_session_helpers import wait_for

from grow_app.cli.context import AppContext
from grow_app.i18n import set_language
from grow_app.paths import app_dirs
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.settings import load_settings
from grow_app.ui.app import GrowApp, create_app
from grow_app.ui.screens.help import HelpScreen
from grow_app.ui.screens.home import HomeScreen
from grow_app.ui.theme import NORMAL_THEME, PROJECTOR_THEME

SIZE = (100, 30)


def make_context(tmp_path, **kwargs) -> AppContext:
    return AppContext(db_path=str(tmp_path / "g.db"), settings=load_settings(), **kwargs)


@pytest.fixture
def context(tmp_path):
    ctx = make_context(tmp_path)
    yield ctx
    ctx.close()


@pytest.fixture
def session(context):
    partnership = add_partnership(context.db, "AOS Oost Nederland", "Achterhoek", ["vo"])
    return start_session(
        context.db, context.catalog, partnership, "gesprekskaart-sop", date="2026-03-14"
    )


async def test_projector_mode_toggles_and_is_remembered(tmp_path):
    first = make_context(tmp_path)
    app = create_app(first, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert (app.projector, app.theme) == (False, NORMAL_THEME)
        await pilot.press("f8")
        await pilot.pause()
        assert (app.projector, app.theme) == (True, PROJECTOR_THEME)
        assert app.has_class("-projector")
    first.close()
    saved = json.loads(app_dirs().settings_file.read_text(encoding="utf-8"))
    assert saved["projector"] is True

    again = make_context(tmp_path)  # a new start reads the setting
    app = create_app(again, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert (app.projector, app.theme) == (True, PROJECTOR_THEME)
        await pilot.press("f8")  # and off again, from anywhere
        await pilot.pause()
        assert not app.has_class("-projector")
    again.close()
    assert load_settings().projector is False


async def test_english_interface(context):
    set_language("en")
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first_run = str(app.screen.query_one("#first-run", Static).render())
        assert "first partnership" in first_run
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "New partnership" in descriptions
        assert "Partnerschap" not in descriptions


async def test_dutch_is_the_default(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Partnerschap", "Help", "Beamer", "Afsluiten"} <= descriptions


async def test_help_lists_the_keys_of_the_current_screen(context):
    add_partnership(context.db, "AOS Oost Nederland")
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        table = app.screen.query_one("#help-here", DataTable)
        rows = {table.get_row_at(i)[1]: table.get_row_at(i)[0] for i in range(table.row_count)}
        assert rows["Een partnerschap toevoegen (naam, onderwijsregio, sectoren)"] == "a"
        assert rows["De naam van het gekozen partnerschap wijzigen"] == "r"  # not in the footer
        assert rows["Verwijderde partnerschappen en sessies terughalen"] == "p"
        assert "f8" in rows["Beamer-modus aan/uit: hoog contrast, groot en rustig"].lower()
        await pilot.press("escape")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("question_mark")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))


def _home_shown(app) -> bool:
    return isinstance(app.screen, HomeScreen) and app.screen.painted


async def test_grow_open_goes_straight_to_the_session_and_back_home(context, session):
    app = create_app(context, session_ref=session.id[:8], autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "meeting", None) is not None, 20)
        assert type(app.screen).__name__ == "SessionScreen"
        assert app.screen.meeting.session.id == session.id
        await pilot.press("f10")  # leave: the overview of partnerships and sessions
        await wait_for(pilot, lambda: _home_shown(app), 20)


async def test_grow_open_with_an_unknown_card_says_so_and_shows_home(context, session):
    context.db.execute("UPDATE sessions SET card_id = 'weg' WHERE id = ?", [session.id])
    app = create_app(context, session_ref=session.id, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _home_shown(app), 20)
        assert any("weg" in n.message for n in app._notifications)


class Recorder(Screen[None]):
    """A stand-in for the session screen: saves on suspend and on unmount."""

    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events

    def compose(self):
        yield Static("werk in uitvoering", id="pending")

    def on_screen_suspend(self) -> None:
        # the widgets are still there and the database is still open
        text = str(self.query_one("#pending", Static).render())
        self.app.context.db.execute("CREATE TABLE IF NOT EXISTS probe (text)")
        self.app.context.db.execute("INSERT INTO probe VALUES (?)", [text])
        self.events.append("suspend")

    def on_unmount(self) -> None:
        self.events.append("unmount")


async def test_quitting_lets_every_screen_save_first(context):
    events: list[str] = []
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(Recorder(events))
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert events == ["suspend", "unmount"]
    assert [r["text"] for r in context.db.query("SELECT text FROM probe")] == ["werk in uitvoering"]
    assert app.return_code == 0


async def test_a_second_ctrl_c_quits_only_right_after_the_first(context):
    """Ctrl+C outside an editor says how to quit, and a second one quits. A Ctrl+C on another
    screen a few keys later quit grow too, within three seconds of the first (the every-key
    test in a real terminal caught it under load): another key in between starts over."""
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")  # says how to quit
        await pilot.press("f1", "escape")  # the help, and back
        await pilot.press("ctrl+c")  # says it again: not a second ctrl+c
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+c")  # right after: quits
        await pilot.pause()
    assert app.return_code == 0


def _all_keys(app: GrowApp) -> set[str]:
    keys: set[str] = set()
    for node in [app, app.screen]:
        for key, _binding in node._bindings:
            keys.update(k.strip() for k in key.split(","))
    return keys


async def test_no_browser_keys_are_bound(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not _all_keys(app) & {"ctrl+w", "ctrl+n", "ctrl+t"}
        assert "ctrl+q" in _all_keys(app)


async def test_broken_cards_are_named_and_the_others_still_work(tmp_path):
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "kapot.toml").write_text("id = 'kapot'\ntitle = [", encoding="utf-8")
    context = make_context(tmp_path, card_dirs=(str(cards),))
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("kapot.toml" in m for m in messages)
        assert "gesprekskaart-sop" in context.catalog.cards
    context.close()


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_home_fits_small_and_uses_large_screens(context, session, size):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        partnerships = app.screen.query_one("#partnerships", DataTable)
        sessions = app.screen.query_one("#sessions", DataTable)
        width, height = size
        for table in (partnerships, sessions):
            region = table.region
            assert region.right <= width and region.bottom <= height
            assert region.width >= 30 and region.height >= 5
        # both panes together take (nearly) the whole width
        assert partnerships.region.width + sessions.region.width >= width - 8


async def test_intro_screen_shows_the_card_intro(context):
    from grow_app.ui.screens.intro import IntroScreen

    card = context.catalog.get("gesprekskaart-sop")
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(IntroScreen(card))
        await pilot.pause()
        markdown = app.screen.query_one("#intro-text", Markdown)
        assert "professionaliseren" in markdown.source
        assert "GROW-model" in markdown.source
        await pilot.press("escape")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


def test_grow_open_refuses_an_unknown_session_in_one_line(tmp_path, grow_cli):

    from grow_app.store import open_database

    open_database(tmp_path / "g.db").conn.close()  # (a missing file: test_cli_db_path)
    result = grow_cli("open", "abcd1234", db=tmp_path / "g.db")
    assert result.exit_code == 1
    assert "Sessie 'abcd1234' bestaat niet." in result.output
    assert "Traceback" not in result.output


async def test_grow_open_puts_a_working_editor_in_the_first_frame(context, session):
    """The first open question's editor is there, focused, before the meeting is loaded: what
    is typed shows at once and is saved through the writer; the meeting arrives beside it and
    the editor stays the same widget."""
    from grow_app.services.meeting import Meeting
    from grow_app.services.session_start import session_start
    from grow_app.ui.widgets.answer_area import AnswerArea

    meeting = Meeting(context.db, context.catalog.get(session.card_id), session)
    meeting.save_answer("goal-doelen", "", "Samen opleiden.")
    expected = meeting.first_unanswered()

    start = session_start(context.database_file, session.id[:6])
    assert start is not None
    assert (start.session_id, start.view.stop, start.view.text) == (
        session.id,
        expected.id,
        expected.text,
    )
    assert start.view.items == tuple((item.key, item.text) for item in expected.items)
    assert start.view.where == "Goal"  # the section says nothing more than the phase

    app = create_app(context, start=start, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        first = app.focused
        assert isinstance(first, AnswerArea)
        assert first.save_key == ("answer", expected.id, expected.items[0].key)
        assert screen.query_one(".question-text").render().plain == expected.text
        await pilot.press("j", "a")
        assert first.text == "ja"
        await wait_for(pilot, lambda: screen.meeting is not None, 20)
        assert app.focused is first and first.is_mounted  # the same editor, never re-mounted
        assert screen.flush(10)
        assert screen.meeting.answer(expected.id, expected.items[0].key) == "ja"
        await pilot.press("f10")
        await wait_for(pilot, lambda: _home_shown(app), 20)


def test_the_quick_look_gives_up_on_anything_odd(context, session, tmp_path):
    from grow_app.services.session_start import session_start

    db_file = context.database_file
    assert session_start(db_file, "zzzz") is None  # unknown session
    assert session_start(db_file, "") is None
    context.db.execute("UPDATE sessions SET card_id = 'weg' WHERE id = ?", [session.id])
    assert session_start(db_file, session.id) is None  # unknown card
    assert session_start(tmp_path / "nope.db", session.id) is None
    assert not (tmp_path / "nope.db").exists()  # the quick look never creates a file
    (tmp_path / "text.db").write_text("geen database", encoding="utf-8")
    assert session_start(tmp_path / "text.db", "abcd") is None


async def test_grow_open_on_a_broken_card_falls_back_to_home(tmp_path):
    from grow_app.services.session_start import session_start

    cards = tmp_path / "cards"
    cards.mkdir()
    # readable TOML with a first question, but no 'version': the catalog refuses the card
    (cards / "kapot.toml").write_text(
        'id = "kapot"\ntitle = "Kapotte kaart"\n'
        '[[phases]]\nid = "p"\ntitle = "Fase"\n'
        '[[phases.sections]]\nid = "s"\ntitle = "Deel"\n'
        '[[phases.sections.questions]]\nid = "q"\ntext = "Een vraag?"\n',
        encoding="utf-8",
    )
    context = make_context(tmp_path, card_dirs=(str(cards),))
    partnership = add_partnership(context.db, "AOS Oost Nederland")
    session = start_session(context.db, context.catalog, partnership, "gesprekskaart-sop")
    context.db.execute("UPDATE sessions SET card_id = 'kapot' WHERE id = ?", [session.id])
    start = session_start(context.database_file, session.id, (str(cards),))
    assert start is not None and start.view.text == "Een vraag?"
    app = create_app(context, start=start, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _home_shown(app), 20)
        assert any("kapot" in n.message for n in app._notifications)
    context.close()


def test_grow_open_takes_the_quick_path_for_a_known_session(tmp_path, monkeypatch, grow_cli):

    import grow_app.ui.app as ui_app

    db_file = tmp_path / "g.db"
    context = AppContext(db_path=str(db_file))
    partnership = add_partnership(context.db, "AOS Oost Nederland")
    session = start_session(
        context.db, context.catalog, partnership, "gesprekskaart-sop", date="2026-03-14"
    )
    context.close()
    started: list[dict] = []

    class FakeApp:
        def __init__(self, ctx, session_ref=None, **options):
            started.append({"ref": session_ref, **options})

        def run(self):
            pass

    monkeypatch.setattr(ui_app, "create_app", FakeApp)
    result = grow_cli("open", session.id[:6], db=db_file)
    assert result.exit_code == 0, result.output
    [run] = started
    assert run["start"].session_id == session.id
    assert run["start"].view.text.startswith("Wat zijn de gezamenlijke doelen")


async def test_f1_and_f8_work_inside_a_dialog(context, session):
    """The 80x24 tryout pressed F1 in the participants dialog and nothing happened (a dialog
    gets only the app's priority bindings). Help opens over the dialog, lists the dialog's own
    keys and closes back to it; F8 switches the projector mode there too."""
    app = create_app(context, session_ref=session.id[:8], autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "meeting", None) is not None, 20)
        await pilot.press("f2")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ParticipantsScreen")
        dialog = app.screen
        await pilot.press("f1")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        table = app.screen.query_one("#help-here", DataTable)
        keys = {table.get_row_at(i)[0] for i in range(table.row_count)}
        assert any("esc" in str(key).lower() for key in keys), keys
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is dialog)
        projector = app.projector
        await pilot.press("f8")
        await pilot.pause()
        assert app.projector is not projector
        assert app.screen is dialog


@pytest.mark.parametrize("headless", [False, True])
def test_run_sets_a_short_switch_interval_unless_headless_and_restores_it(
    context, monkeypatch, headless
):
    """A real run hands Textual's terminal writer thread the interpreter lock often (what is
    drawn reaches the terminal without waiting up to 5 ms); a headless run (the snapshot tests,
    in pytest's process) leaves it alone; afterwards it is what it was."""
    from textual.app import App

    from grow_app.ui.app import OUTPUT_SWITCH_SECONDS

    seen: list[float] = []
    monkeypatch.setattr(App, "run", lambda self, **kw: seen.append(sys.getswitchinterval()))
    before = sys.getswitchinterval()
    try:
        create_app(context).run(headless=headless)
        assert sys.getswitchinterval() == before
    finally:
        sys.setswitchinterval(before)
    assert seen == [before if headless else OUTPUT_SWITCH_SECONDS]
    assert before > OUTPUT_SWITCH_SECONDS
