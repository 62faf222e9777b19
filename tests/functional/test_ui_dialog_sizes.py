"""Every dialog fits at 100x30 and at 80x24: what a person needs in it (its title, its fields,
its buttons, its hint) is on the screen without scrolling, and nothing is cut off at its edge."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from textual.widgets import Button, DataTable, OptionList, SelectionList, Static
from ui_session_helpers import context, fully_shown, make_session, ready, wait_for

from grow_app.services.meeting import Meeting
from grow_app.ui.app import create_app
from grow_app.ui.screens.session import SessionScreen

SIZES = [(100, 30), (80, 24)]
LONG_NAME = "Opleidingsschool Nijmegen MBO (Oost)"


def shown(screen, *selectors: str) -> None:
    for selector in selectors:
        for widget in screen.query(selector):
            assert fully_shown(widget), f"{selector} is (partly) off the screen"


def no_sideways_scrolling(table: DataTable) -> None:
    """Every column of ``table`` is within the dialog (none cut to "St" or "3. de bet")."""
    assert table.virtual_size.width <= table.scrollable_content_region.width, table.id


async def open_meeting(app, pilot, session_id: str) -> SessionScreen:
    await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
    screen = await ready(pilot)
    await pilot.pause()
    if app.screen is not screen:  # the previous meeting's actions, offered: not now
        await pilot.press("escape")
        await pilot.pause()
    return screen


@pytest.mark.parametrize("size", SIZES)
async def test_new_partnership_shows_every_sector_and_its_buttons_and_a_save_key(db_path, size):
    from grow_app.ui.screens.partnership_form import PartnershipForm

    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, PartnershipForm))
        await pilot.pause()
        form = app.screen
        shown(form, ".dialog-title", "#partnership-name", "#partnership-region")
        shown(form, "#partnership-save", "#partnership-cancel")
        sectors = form.query_one(SelectionList)
        assert fully_shown(sectors)
        assert sectors.scrollable_content_region.height >= sectors.option_count  # mbo, ho too
        keys = {b.binding.key: b.binding.description for b in form.active_bindings.values()}
        assert keys.get("ctrl+s") == "Opslaan"
        await pilot.press(*"AOS")
        await pilot.press("ctrl+s")  # saves from anywhere in the form
        await wait_for(pilot, lambda: not isinstance(app.screen, PartnershipForm))


@pytest.mark.parametrize("size", SIZES)
async def test_new_session_shows_its_fields_and_buttons(db_path, size):
    from grow_app.ui.screens.new_session import NewSessionScreen

    make_session(db_path, partnership=LONG_NAME)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, NewSessionScreen))
        await pilot.pause()
        dialog = app.screen
        shown(dialog, ".dialog-title", "#session-card", "#session-date", "#session-facilitator")
        shown(dialog, ".p-name", ".p-org", ".p-role", "#session-add-participant")
        shown(dialog, "#session-start", "#session-cancel")
        await pilot.press("f3", "f3")  # two more participants: the buttons stay in view
        await pilot.pause()
        shown(dialog, "#session-start", "#session-cancel")
        # A long name, organisation and role are whole (at 80 columns three fields side by
        # side showed "Fatima El A", "Stichting Op", "Hogeschool A").
        first = dialog.query(".p-name").first()
        first.focus()
        await pilot.pause()
        texts = {
            ".p-name": "Fatima El Amrani-de Boer",
            ".p-org": "Hogeschool Arnhem en Nijmegen",
            ".p-role": "Opleidingscoördinator",
        }
        row = first.parent
        for css, text in texts.items():
            row.query_one(css).value = text
        dialog.set_focus(dialog.query_one("#session-facilitator"))
        await pilot.pause()
        for css, text in texts.items():
            field = row.query_one(css)
            assert field.scrollable_content_region.width >= len(text), (css, field.region)


@pytest.mark.parametrize("size", SIZES)
async def test_the_export_dialog_keeps_its_title_and_shows_where_the_file_went(
    db_path, tmp_path, monkeypatch, size
):
    from grow_app.ui.screens.export_dialog import ExportScreen

    monkeypatch.chdir(tmp_path)
    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await open_meeting(app, pilot, session_id)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.pause()
        dialog = app.screen
        shown(dialog, ".dialog-title", "RadioSet", "#export-skip-empty", "#export-template")
        shown(dialog, "#export-go", "#export-close")
        await pilot.press("enter")
        await wait_for(pilot, lambda: dialog.outcome is not None, 30)
        await pilot.pause(0.2)
        assert dialog.outcome.path is not None
        shown(dialog, ".dialog-title", "#export-result")  # the title has not scrolled away


async def test_inbreng_van_deelnemers_is_in_the_paper_only_when_ticked(
    db_path, tmp_path, monkeypatch
):
    """The box 'Bijlage: inbreng van deelnemers' is off by default, fits at 80x24, and the paper
    has the participants' contributions as an appendix only when it is ticked."""
    from docx import Document
    from test_join_panels import Participants

    from grow_app.ui.screens.export_dialog import ExportScreen

    monkeypatch.chdir(tmp_path)
    room = Participants(db_path)  # a join with one contribution, as from a phone
    try:
        room.send(room.anna, "Meer stageplekken in de regio")
        session_id = room.session.id
    finally:
        room.db.conn.close()

    def paper_text(path) -> str:
        document = Document(str(path))
        texts = [p.text for p in document.paragraphs]
        texts += [c.text for table in document.tables for row in table.rows for c in row.cells]
        return "\n".join(texts)

    app = create_app(context(db_path), autosave_delay=0)
    papers = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(app, pilot, session_id)
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        box = dialog.query_one("#export-contributions")
        assert box.value is False  # off by default
        await pilot.pause()
        shown(dialog, ".dialog-title", "#export-contributions", "#export-go")
        assert str(box.label) == "Bijlage: inbreng van deelnemers"
        for tick in (False, True):
            box.value = tick
            dialog.outcome = None
            await pilot.pause()
            await pilot.click("#export-go")
            await wait_for(pilot, lambda: dialog.outcome is not None, 30)
            assert dialog.outcome.error == "", dialog.outcome.error
            papers.append(paper_text(dialog.outcome.path))
    without, with_appendix = papers
    assert "Meer stageplekken in de regio" not in without
    assert "Meer stageplekken in de regio" in with_appendix


@pytest.mark.parametrize("size", SIZES)
async def test_participants_have_a_header_a_row_for_someone_new_and_buttons_apart(db_path, size):
    from grow_app.ui.screens.meeting_dialogs import ParticipantsScreen

    session_id = make_session(db_path)  # Bram Jansen (HAN, opleider) is there
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        screen = await open_meeting(app, pilot, session_id)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, ParticipantsScreen))
        await pilot.pause()
        dialog = app.screen
        shown(dialog, ".dialog-title", "#participant-header", ".participant-row")
        if size[1] >= 30:
            shown(dialog, ".dialog-hint")
        else:  # on a low screen the hint goes; its keys are in the footer
            assert dialog.has_class("-low") and not dialog.query_one(".dialog-hint").display
        rows = list(dialog.query(".participant-row"))
        assert [r.has_class("-new") for r in rows] == [False, True]
        new_name = rows[-1].query_one(".p-name")
        assert str(new_name.placeholder) == "+ nieuwe deelnemer"  # not an empty participant
        assert dialog.focused is new_name  # F2 and type the name
        add, close = dialog.query_one("#participant-add"), dialog.query_one("#participant-close")
        assert fully_shown(add) and fully_shown(close)
        assert close.region.x - add.region.right >= 2  # not jammed together
        await pilot.press(*"Carla")
        await pilot.press("enter")  # another new row, the first one is Carla's now
        await pilot.pause()
        rows = list(dialog.query(".participant-row"))
        assert [r.has_class("-new") for r in rows] == [False, False, True]
        await pilot.press("escape")
        assert screen.flush(10)
    names = [
        p.name for p in Meeting.open(app.context.db, app.context.catalog, session_id).participants()
    ]
    assert names == ["Bram Jansen", "Carla"]


async def prepare_previous_actions(db_path) -> str:
    from grow_app.services.catalog import load_catalog
    from grow_app.store import open_database

    first = make_session(db_path, date="2025-11-01", partnership=LONG_NAME)
    db = open_database(db_path)
    meeting = Meeting.open(db, load_catalog(), first)
    meeting.add_action("Notitie over de onderwijsregio", "Werkgroep", "20 januari")
    meeting.add_action("Werkgroep opleiden bijeenroepen", "Programmamanager", "15-12")
    meeting.add_action("Regio-overleg bijwonen", "Anna", "zsm")
    db.conn.close()
    return make_session(db_path, date="2026-03-14", partnership=LONG_NAME)


@pytest.mark.parametrize("size", SIZES)
async def test_previous_actions_show_every_column_sorted_by_when_with_the_year(db_path, size):
    from grow_app.ui.screens.previous_actions import PreviousActionsScreen

    session_id = await prepare_previous_actions(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
        await ready(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, PreviousActionsScreen))
        await pilot.pause()
        dialog = app.screen
        table = dialog.query_one(DataTable)
        shown(dialog, ".dialog-title", "DataTable", ".dialog-hint")
        no_sideways_scrolling(table)
        assert [str(c.label) for c in table.columns.values()] == [
            "Status", "Wanneer", "Wie", "Wat"
        ]  # fmt: skip
        rows = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
        assert [r[3] for r in rows] == [  # by deadline; free text last
            "Werkgroep opleiden bijeenroepen",
            "Notitie over de onderwijsregio",
            "Regio-overleg bijwonen",
        ]
        assert rows[0][1] == "15 december 2025 (te laat)"  # the year it meant; passed by now
        assert rows[1][1] == "20 januari 2026 (te laat)"
        assert rows[2][1] == "zsm"
        assert table.columns[next(iter(table.columns))].width >= len("vervallen")


async def test_previous_actions_in_english_use_english_letters_and_words(db_path):
    from grow_app.i18n import set_language
    from grow_app.ui.screens.previous_actions import PreviousActionsScreen

    session_id = await prepare_previous_actions(db_path)
    set_language("en")
    try:
        app = create_app(context(db_path), autosave_delay=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
            screen = await ready(pilot)
            await wait_for(pilot, lambda: isinstance(app.screen, PreviousActionsScreen))
            dialog = app.screen
            hint = str(dialog.query_one(".dialog-hint").render())
            assert "done (d), in progress (p) or dropped (x)" in hint
            assert "(k)" not in hint and "Press c to carry" in hint
            table = dialog.query_one(DataTable)
            no_sideways_scrolling(table)
            await pilot.press("p")  # the first action: in progress
            assert str(table.get_row_at(0)[0]) == "in progress"
            await pilot.press("down", "d")
            assert str(table.get_row_at(1)[0]) == "done"
            assert str(table.get_row_at(0)[1]) == "15 December 2025 (overdue)"
            await pilot.press("c")  # carry over what is still open or in progress
            await wait_for(pilot, lambda: app.screen is screen)
            await pilot.pause()
            notes = [n.message for n in app._notifications]
            assert "Actions carried over into this meeting: 2." in notes
            assert not any("(s)" in note for note in notes)
    finally:
        set_language("nl")


def test_previous_actions_come_from_the_previous_session_on_the_same_card(db_path):
    from grow_app.services.catalog import load_catalog
    from grow_app.store import open_database

    first = make_session(db_path, date="2026-01-10")
    between = make_session(db_path, "strategiesessie-schaalniveaus", date="2026-02-07")
    third = make_session(db_path, date="2026-03-14")
    db = open_database(db_path)
    catalog = load_catalog()
    Meeting.open(db, catalog, first).add_action("Notitie schrijven", "Anna", "februari")
    meeting = Meeting.open(db, catalog, third)
    assert meeting.previous_session().id == first  # not the strategy session in between
    assert [a.wat for a in meeting.previous_actions()] == ["Notitie schrijven"]
    assert Meeting.open(db, catalog, between).previous_session() is None


@pytest.mark.parametrize("size", SIZES)
async def test_versions_recovery_timebox_parking_and_help_fit(db_path, size):
    from grow_app.services.journal import JournalEntry
    from grow_app.ui.screens.recovery import RecoveryScreen

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        meeting = Meeting.open(app.context.db, app.context.catalog, session_id)
        meeting.save_answer("goal-doelen", "", "Eerste versie.")
        meeting.save_answer("goal-doelen", "", "Tweede versie.")
        screen = await open_meeting(app, pilot, session_id)
        await screen.go_to("goal-doelen")
        await pilot.press("alt+h")
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.pause()
        shown(app.screen, ".dialog-title", "OptionList", "#version-text", ".dialog-hint")
        await pilot.press("escape")
        for key, parts in (
            ("f6", (".dialog-title", "#timebox-minutes", "#timebox-unit", "#timebox-set")),
            ("f3", (".dialog-title", "#parking-input", ".dialog-hint")),
            ("f1", (".dialog-title",)),  # the list of keys scrolls; its lines are not cut
        ):
            await pilot.press(key)
            await wait_for(pilot, lambda: app.screen is not screen)
            await pilot.pause()
            shown(app.screen, *parts)
            if key == "f6":  # the minutes say what they are, on the same line
                shown(app.screen, "#timebox-restart")
                minutes = app.screen.query_one("#timebox-minutes")
                unit = app.screen.query_one("#timebox-unit")
                assert str(unit.render()) == "minuten"
                assert unit.region.x >= minutes.region.right
                assert minutes.region.y <= unit.region.y < minutes.region.bottom
            for table in app.screen.query(DataTable):
                no_sideways_scrolling(table)
            await pilot.press("escape")
            await pilot.pause()

        class Journal:
            def forget(self, *args: object) -> None: ...
            def archive(self, *args: object) -> None: ...

        entry = JournalEntry(session_id, ("answer", "goal-doelen", ""), "Nooit opgeslagen.", "")
        await app.push_screen(RecoveryScreen(screen.meeting, [entry], Journal()))
        await pilot.pause()
        shown(app.screen, ".dialog-title", OptionList.__name__, "#recovery-texts", ".dialog-hint")
        assert isinstance(app.screen.query_one(".dialog-hint"), Static)
        assert app.screen.query(Button) is not None


@pytest.mark.parametrize("size", SIZES)
async def test_long_names_organisations_and_roles_are_whole_in_the_participants_dialog(
    db_path, size
):
    """At 80 columns three fields side by side showed "Hogeschool Arnhem e" and
    "Opleidingscoördinat"; under 120 columns each participant takes two lines."""
    from grow_app.ui.screens.meeting_dialogs import ParticipantsScreen

    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        from grow_app.records import Participant

        meeting = Meeting.open(app.context.db, app.context.catalog, session_id)
        long = Participant(
            "Marieke de Vries-van Houten", "Hogeschool Arnhem en Nijmegen", "Opleidingscoördinator"
        )
        meeting.set_participants([*meeting.participants(), long])
        await open_meeting(app, pilot, session_id)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, ParticipantsScreen))
        await pilot.pause()
        dialog = app.screen
        row = next(r for r in dialog.query(".participant-row") if "Marieke" in r.query_one(
            ".p-name").value)  # fmt: skip
        for field in row.query(".p-name, .p-org, .p-role"):
            assert fully_shown(field)
            assert field.scrollable_content_region.width >= len(field.value), field.value
        assert dialog.has_class("-narrow")  # 80 and 100 columns: two lines each
