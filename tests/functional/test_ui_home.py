"""The home screen, driven as a facilitator would: partnerships, sessions, dialogs, the trash."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, SelectionList, Static
from ui_session_helpers import wait_for

from grow_app.cli.context import AppContext
from grow_app.services.partnerships import add_partnership, list_partnerships
from grow_app.services.sessions import list_sessions, start_session
from grow_app.services.trash import list_trash
from grow_app.settings import load_settings
from grow_app.ui.app import create_app
from grow_app.ui.screens.confirm import ConfirmScreen
from grow_app.ui.screens.home import HomeScreen
from grow_app.ui.screens.new_session import NewSessionScreen, ParticipantRow
from grow_app.ui.screens.partnership_form import PartnershipForm
from grow_app.ui.screens.trash import TrashScreen

SIZE = (100, 30)


@pytest.fixture
def context(tmp_path):
    ctx = AppContext(db_path=str(tmp_path / "g.db"), settings=load_settings())
    yield ctx
    ctx.close()


@pytest.fixture
def with_session(context):
    """One partnership with one session on the SO&P card."""
    partnership = add_partnership(context.db, "AOS Oost Nederland", "Achterhoek", ["vo"])
    session = start_session(
        context.db, context.catalog, partnership, "gesprekskaart-sop", date="2026-03-14"
    )
    return partnership, session


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_first_run_says_what_to_do(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.screen.query_one("#first-run").display
        assert "eerste partnerschap" in text_of(app, "#first-run")
        assert not app.screen.query_one("#home-body").display
        # nothing to rename, delete or start a session for yet: those keys are not offered
        offered = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "add_partnership" in offered
        assert not {"rename", "delete", "new_session"} & offered


async def test_add_partnership_through_the_dialog(context):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PartnershipForm)
        form.query_one("#partnership-name", Input).value = "AOS Oost Nederland"
        form.query_one("#partnership-region", Input).value = "Oost-Gelderland"
        sectors = form.query_one("#partnership-sectors", SelectionList)
        sectors.select("vo")
        sectors.select("mbo")
        await pilot.click("#partnership-save")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#partnerships", DataTable)
        assert table.row_count == 1
        assert not app.screen.query_one("#first-run").display
    [saved] = list_partnerships(context.db)
    assert (saved.name, saved.region, saved.sectors) == (
        "AOS Oost Nederland",
        "Oost-Gelderland",
        ("vo", "mbo"),
    )


async def test_a_duplicate_name_is_refused_in_the_dialog(context, with_session):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#partnership-name", Input).value = "aos oost nederland"
        await pilot.click("#partnership-save")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipForm)  # still open, nothing lost
        assert "bestaat" in text_of(app, "#partnership-error") or "al een" in text_of(
            app, "#partnership-error"
        )
    assert len(list_partnerships(context.db)) == 1


async def test_rename_a_partnership(context, with_session):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        name = app.screen.query_one("#partnership-name", Input)
        assert name.value == "AOS Oost Nederland"
        name.value = "AOS Oost"
        name.focus()
        await pilot.press("enter")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#partnerships", DataTable)
        assert str(table.get_row_at(0)[0]).splitlines()[0] == "AOS Oost"
    assert [p.name for p in list_partnerships(context.db)] == ["AOS Oost"]


async def test_delete_asks_first_then_moves_to_trash_and_can_be_restored(context, with_session):
    partnership, _session = with_session
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")  # changed my mind
        await pilot.pause()
        assert len(list_partnerships(context.db)) == 1

        await pilot.press("delete")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.click("#confirm-yes")
        await pilot.pause()
        # the move to the trash is the writer's (a thread): wait for it, not for a frame
        await wait_for(pilot, lambda: list_partnerships(context.db) == [])
        assert [item["id"] for item in list_trash(context.db)] == [partnership.id]
        await wait_for(pilot, lambda: app.screen.query_one("#first-run").display)

        await pilot.press("p")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen))
        await pilot.press("enter")
        await pilot.pause()
        await wait_for(pilot, lambda: list_trash(context.db) == [])
        await pilot.press("escape")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.screen.query_one("#partnerships", DataTable).row_count == 1
    assert [p.name for p in list_partnerships(context.db)] == ["AOS Oost Nederland"]


async def test_delete_a_session_moves_only_that_session_to_trash(context, with_session):
    partnership, session = with_session
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # from the partnership into its sessions
        await pilot.pause()
        assert app.screen.query_one("#sessions", DataTable).has_focus
        await pilot.press("delete")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "2026-03-14" in text_of(app, "#confirm-question")
        await pilot.click("#confirm-yes")
        await pilot.pause()
        await wait_for(pilot, lambda: app.screen.query_one("#no-sessions").display)
    assert list_sessions(context.db) == []
    assert [p.id for p in list_partnerships(context.db)] == [partnership.id]
    assert [item["id"] for item in list_trash(context.db)] == [session.id]


async def new_session_form(app, pilot) -> NewSessionScreen:
    """Press s on the home screen (a partnership chosen): the new-session form."""
    await pilot.press("s")
    await pilot.pause()
    await wait_for(pilot, lambda: isinstance(app.screen, NewSessionScreen))
    return app.screen


async def test_new_session_with_participants(context):
    add_partnership(context.db, "AOS Oost Nederland")
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_session_form(app, pilot)
        assert form.query_one("#session-date", Input).value  # today by default
        form.query_one("#session-date", Input).value = "2026-03-14"
        form.query_one("#session-facilitator", Input).value = "Anna de Vries"
        await pilot.press("f3")  # a second participant row
        await pilot.pause()
        rows = list(form.query(ParticipantRow))
        assert len(rows) == 2
        for row, (name, role, org) in zip(
            rows,
            [("Bram Jansen", "opleider", "HAN"), ("Carla Smit", "bestuurder", "Stichting Oost")],
            strict=True,
        ):
            row.query_one(".p-name", Input).value = name
            row.query_one(".p-role", Input).value = role
            row.query_one(".p-org", Input).value = org
        await pilot.click("#session-start")
        await pilot.pause()
        # the new session opens at once
        assert type(app.screen).__name__ == "SessionScreen"
    [session] = list_sessions(context.db)
    assert (session.card_id, session.date, session.facilitator) == (
        "gesprekskaart-sop",
        "2026-03-14",
        "Anna de Vries",
    )
    from grow_app.store.sessions import list_participants

    people = list_participants(context.db, session.id)
    assert [(p.name, p.role, p.organisation) for p in people] == [
        ("Bram Jansen", "opleider", "HAN"),
        ("Carla Smit", "bestuurder", "Stichting Oost"),
    ]


async def test_a_bad_date_keeps_the_dialog_open(context):
    add_partnership(context.db, "AOS Oost Nederland")
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await new_session_form(app, pilot)
        app.screen.query_one("#session-date", Input).value = "14 maart"
        await pilot.click("#session-start")
        await wait_for(pilot, lambda: "JJJJ-MM-DD" in text_of(app, "#session-error"))
        assert isinstance(app.screen, NewSessionScreen)  # kept open
    assert list_sessions(context.db) == []


async def test_sessions_show_card_date_and_progress(context, with_session):
    from grow_app.services.meeting import Meeting

    _partnership, session = with_session
    meeting = Meeting(context.db, context.catalog.get(session.card_id), session)
    meeting.save_answer(meeting.first_unanswered().id, "", "Samen opleiden in de regio.")
    total = meeting.total_progress()[1] + 1  # the key message counts, as on the session screen
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        row = table.get_row_at(0)
        assert row[0] == "2026-03-14"
        assert row[1] == f"1 van {total}"
        assert "Gesprekskaart" in str(table.get_cell(session.id, "card"))


async def test_enter_on_a_session_opens_it(context, with_session):
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
        assert app.screen.meeting.session.id == with_session[1].id
        assert app.screen.meeting.first_unanswered().id == "goal-doelen"


async def test_enter_on_a_partnership_without_sessions_starts_one(context):
    add_partnership(context.db, "AOS Oost Nederland")
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, NewSessionScreen))


async def test_the_latest_session_is_chosen_first(context, with_session):
    partnership, _first = with_session
    later = start_session(
        context.db, context.catalog, partnership, "gesprekskaart-sop", date="2026-05-01"
    )
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen.meeting.session.id == later.id


async def test_ctrl_s_starts_the_session_when_the_button_is_below_the_fold(context):
    add_partnership(context.db, "AOS Oost Nederland")
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_session_form(app, pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SessionScreen", 20)
    assert len(list_sessions(context.db)) == 1


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)])
async def test_the_home_screen_cuts_nothing_off(context, size):
    long_name = "Opleidingsschool Nijmegen MBO (Oost)"
    partnership = add_partnership(context.db, long_name, "Rijk van Nijmegen", ["mbo"])
    start_session(
        context.db, context.catalog, partnership, "gesprekskaart-sop", date="2026-03-14",
        facilitator="Anna de Vries",
    )  # fmt: skip
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        for table in screen.query(DataTable):
            assert table.virtual_size.width <= table.scrollable_content_region.width, table.id
        shown = " ".join(
            str(cell) for table in screen.query(DataTable) for n in range(table.row_count)
            for cell in table.get_row_at(n)
        )  # fmt: skip
        for text in (long_name, "Rijk van Nijmegen", "Anna de Vries", "Gesprekskaart"):
            assert text in shown.replace("\n", " ")
        title = screen.query_one("#sessions-title")
        assert title.region.right <= screen.region.right
        assert long_name in str(title.render()).replace("\n", " ")


async def test_an_open_menu_names_its_key_in_dutch(context):
    """With the card list of the new-session form open, the footer said "esc Dismiss menu"."""
    from textual.widgets import Select
    from textual.widgets._footer import FooterKey

    add_partnership(context.db, "AOS Oost Nederland")
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_session_form(app, pilot)
        form.query_one("#session-card", Select).focus()
        await pilot.press("enter")  # the menu opens
        await pilot.pause()
        assert form.query_one("#session-card", Select).expanded

        def footer_texts() -> set[str]:
            return {key.description for key in form.query(FooterKey)}

        await wait_for(pilot, lambda: "Menu sluiten" in footer_texts())
        assert "Dismiss menu" not in footer_texts()
