"""The facilitator's join panel and contributions panel, in a small app on a real database file,
while "participants" send through another connection (as the web server does)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import OptionList, Static

sys.path.insert(0, str(Path(__file__).parent))

from join_panels_app import PanelsApp
from ui_session_helpers import wait_for

from grow_app.join_records import HIDDEN, MERGED, PARKED, SILENT_MODE, TAKEN
from grow_app.services import contributions, joining, voting
from grow_app.services.catalog import load_catalog
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import contributions as contribution_store
from grow_app.store import open_database
from grow_app.ui.widgets.block_text import QR_DARK, qr_matrix
from grow_app.ui.widgets.join_panel import participant_url

FIRST = "goal-doelen"
ITEMS = "goal-verhouding"
SIZE = (140, 45)


class Participants:
    """The web server's side: its own connection, sending as two devices."""

    def __init__(self, db_path: Path) -> None:
        self.db = open_database(db_path)
        catalog = load_catalog()
        self.card = catalog.get("gesprekskaart-sop")
        partnership = add_partnership(self.db, "AOS Oost Nederland", "Achterhoek", ["vo"])
        self.session = start_session(self.db, catalog, partnership, self.card.id)
        self.join = joining.announce_address(
            self.db,
            joining.open_join(self.db, self.session.id, allow_anonymous=True),
            "http://192.168.1.20:8000/j",
        )
        self.anna = joining.register_device(self.db, self.join, "token-anna", "Anna")
        self.bram = joining.register_device(self.db, self.join, "token-bram", "", anonymous=True)

    def send(self, who, text: str, question: str = FIRST):
        return contributions.send(self.db, self.card, self.join, who, question, text)


@pytest.fixture
def room(db_path):
    participants = Participants(db_path)
    yield participants
    participants.db.conn.close()


def listed(app: PanelsApp) -> list[str]:
    options = app.query_one("#cp-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def static_text(app: PanelsApp, selector: str) -> str:
    content = app.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def drawn_matrix(text: Text) -> list[list[bool]]:
    """The modules the QR widget draws: each ▀ cell is an upper (colour) and lower (background)
    module."""
    rows: list[list[bool]] = []
    for line in text.split("\n"):
        styles = [None] * len(line.plain)
        for span in line.spans:
            for offset in range(span.start, span.end):
                styles[offset] = span.style
        rows.append([s.color.name == QR_DARK for s in styles])
        rows.append([s.bgcolor.name == QR_DARK for s in styles])
    return rows


# -- the join panel -------------------------------------------------------------------------------
async def test_the_join_panel_shows_the_code_the_address_and_a_qr_code_that_reads_back(room):
    app = PanelsApp(_path(room), room.session.id, FIRST)
    async with app.run_test(size=(200, 50)) as pilot:  # a projector: room for big letters
        await wait_for(pilot, lambda: "192.168.1.20" in static_text(app, "#join-address"), 10)
        assert static_text(app, "#join-address") == "Ga naar http://192.168.1.20:8000/j  ·  Code:"
        code = static_text(app, "#join-code")
        assert "█" in code and len(code.splitlines()) == 5  # block letters, five lines tall
        qr = app.query_one("#join-qr", Static).content
        url = participant_url(room.join)
        assert url == f"http://192.168.1.20:8000/j/{room.join.code}"
        expected = qr_matrix(url)
        assert drawn_matrix(qr)[: len(expected)] == expected  # what is drawn is that code
        assert "Anoniem meedoen mag." in static_text(app, "#join-note")

        joining.close_join(room.db, room.session.id)
        await wait_for(pilot, lambda: "gesloten" in static_text(app, "#join-address"), 10)
        assert not app.query_one("#join-qr").display


async def test_the_join_panel_fits_a_small_terminal(room):
    app = PanelsApp(_path(room), room.session.id, FIRST)
    async with app.run_test(size=(80, 30)) as pilot:
        await wait_for(pilot, lambda: bool(static_text(app, "#join-code")), 10)
        assert len(static_text(app, "#join-code").splitlines()) in (1, 3)  # compact letters


# -- the contributions panel ----------------------------------------------------------------------
async def test_contributions_arrive_without_a_keypress(room):
    app = PanelsApp(_path(room), room.session.id, FIRST)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Nog geen bijdragen" in static_text(app, "#cp-count"), 10)
        room.send(room.anna, "Meer stageplekken")
        room.send(room.bram, "Begeleiding van starters\nen zij-instromers")
        await wait_for(pilot, lambda: len(listed(app)) == 2, 10)
        assert listed(app) == [
            "Meer stageplekken  — Anna",
            "Begeleiding van starters en zij-instromers  — anoniem",
        ]
        assert "open · 2" in static_text(app, "#cp-header")


async def test_silent_writing_shows_a_count_until_revealed(room):
    joining.set_mode(room.db, room.session.id, FIRST, SILENT_MODE)
    app = PanelsApp(_path(room), room.session.id, FIRST)
    async with app.run_test(size=SIZE) as pilot:
        for index in range(3):
            room.send(room.anna, f"idee {index}")
        await wait_for(pilot, lambda: "3 bijdragen binnen" in static_text(app, "#cp-count"), 10)
        assert listed(app) == [] and not app.query_one("#cp-list").display
        assert "Laat ze zien met r." in static_text(app, "#cp-hint")
        await pilot.press("r")
        await wait_for(pilot, lambda: len(listed(app)) == 3, 10)
        assert contributions.panel_state(room.db, room.session.id, FIRST).round.revealed_at


async def test_take_park_hide_restore_and_merge(room):
    sent = [room.send(room.anna, text) for text in ("stages", "stageplekken", "begeleiding", "x")]
    app = PanelsApp(_path(room), room.session.id, FIRST)

    def state_of(index: int) -> str:
        return contribution_store.get_contribution(room.db, sent[index].id).state

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(listed(app)) == 4, 10)
        await pilot.press("enter")  # take the first into the answer
        await wait_for(pilot, lambda: state_of(0) == TAKEN, 10)
        assert app.taken == ["stages"]
        await wait_for(pilot, lambda: listed(app)[0].startswith("✓ stages"), 10)
        await pilot.press("down", "p")  # park the second
        await wait_for(pilot, lambda: state_of(1) == PARKED, 10)
        assert app.parked == ["stageplekken"]
        await pilot.press("down", "down", "h")  # hide "x"
        await wait_for(pilot, lambda: len(listed(app)) == 3, 10)
        assert state_of(3) == HIDDEN
        # Merge "stageplekken" into "stages": m on the source, Enter on the target.
        await pilot.press("up", "up")
        assert app.query_one("#cp-list", OptionList).highlighted == 1
        await pilot.press("m")
        assert "Samenvoegen met" in static_text(app, "#cp-hint")
        await pilot.press("up", "enter")
        await wait_for(pilot, lambda: state_of(1) == MERGED, 10)
        await wait_for(pilot, lambda: listed(app)[0].endswith("+1"), 10)
        assert app.taken == ["stages"]  # the Enter that picked the target took nothing
        # Escape leaves merge mode without merging.
        await pilot.press("m", "escape")
        assert static_text(app, "#cp-hint") == ""
        assert app.problems == []
        # Every move is in the history.
        assert [row[1] for row in contributions.history(room.db, sent[1].id)] == [
            "shown",
            PARKED,
            MERGED,
        ]


async def test_a_stale_move_changes_nothing(room):
    item = room.send(room.anna, "stages")
    # The poller has not caught up: one read at the start, then none (an hour between polls).
    app = PanelsApp(_path(room), room.session.id, FIRST, poll=3600)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(listed(app)) == 1, 10)
        await app.workers.wait_for_complete()  # that read is done: the list stays as it is
        contributions.hide(room.db, room.session.id, item.id)  # another window was quicker
        contributions.show(room.db, room.session.id, item.id)
        await pilot.press("p")  # on the revision still shown
        await wait_for(pilot, lambda: app.parked, 10)  # the panel asked to park it
        await app.workers.wait_for_complete()  # and that write has run
        stored = contribution_store.get_contribution(room.db, item.id)
        assert stored.state == "shown" and stored.revision == 3


async def test_the_mode_key_and_a_dot_vote_with_bars(room):
    app = PanelsApp(_path(room), room.session.id, ITEMS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Inbreng · open · 0" in static_text(app, "#cp-header"), 10)
        await pilot.press("s")
        await wait_for(pilot, lambda: "stil schrijven" in static_text(app, "#cp-header"), 10)
        await pilot.press("s")
        await wait_for(pilot, lambda: "open" in static_text(app, "#cp-header"), 10)
        await pilot.press("i")  # a vote over the question's two items
        await wait_for(pilot, lambda: app.query_one("#cp-votes").display, 10)
        vote = voting.open_vote(room.db, room.session.id, ITEMS)
        voting.cast(room.db, room.session.id, vote.id, room.anna, {"ambitie": 3})
        voting.cast(room.db, room.session.id, vote.id, room.bram, {"ambitie": 1, "functies": 1})
        await wait_for(pilot, lambda: "2 gestemd" in static_text(app, "#cp-votes"), 10)
        lines = static_text(app, "#cp-votes").splitlines()
        assert lines[0] == "Stemming · 3 stippen per persoon · 2 gestemd"
        assert lines[1:5] == [
            "de 100% Samen Opleiden ambitie in de Onderwijsregio?",
            "█" * 24 + " 4",
            "de vijf functies van de Onderwijsregio?",
            "██████" + "░" * 18 + " 1",
        ]
        await pilot.press("c")
        await wait_for(pilot, lambda: "gesloten" in static_text(app, "#cp-votes"), 10)


def _path(room: Participants) -> Path:
    return Path(room.db.execute("PRAGMA database_list").fetchone()[2])
