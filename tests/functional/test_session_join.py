"""Joining on the real session screen (issue 12 wired into issue 11's screen): F5 shows the code
and what participants send, arriving without a key; taking a contribution puts it in the answer
and in the database; participants follow the question on screen; Shift+F5 closes joining."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_join_panels import FIRST, Participants
from ui_session_helpers import context, ready, settle, wait_for

from grow_app.services import joining
from grow_app.store import open_database
from grow_app.ui.app import create_app
from grow_app.ui.widgets.contributions_panel import ContributionsPanel
from grow_app.ui.widgets.join_panel import JoinPanel


def listed(screen) -> str:
    panel = screen.query_one(ContributionsPanel)
    return str(panel.render()) + " ".join(
        str(option.prompt) for option in panel.query_one("OptionList")._options
    )


async def test_contributions_reach_the_facilitator_within_a_second_and_can_be_taken(db_path):
    room = Participants(db_path)  # a join opened elsewhere (as `grow serve --join` does)
    try:
        app = create_app(context(db_path), room.session.id, autosave_delay=0)
        async with app.run_test(size=(140, 45)) as pilot:
            screen = await ready(pilot)
            assert screen.stop == FIRST
            await pilot.press("f5")
            await wait_for(pilot, lambda: bool(screen.query(JoinPanel)))

            def join_panel_text() -> str:
                return " ".join(str(w.render()) for w in screen.query_one(JoinPanel).query("*"))

            await wait_for(pilot, lambda: "192.168.1.20" in join_panel_text())  # the address
            sent_at = time.monotonic()
            room.send(room.anna, "Meer stageplekken in de regio")
            await wait_for(pilot, lambda: "Meer stageplekken" in listed(screen))
            arrived = time.monotonic() - sent_at
            assert arrived < 5  # the figure itself is in benchmarks/join_load.py
            # take it into the answer: Enter in the panel
            screen.query_one(ContributionsPanel).focus_list()
            await pilot.press("enter")
            await wait_for(pilot, lambda: "Meer stageplekken" in screen.pane.fields()[0].text)
            await settle(pilot)
            # participants follow the question on screen
            await pilot.press("ctrl+down")
            await wait_for(
                pilot,
                lambda: (
                    joining.current_question(room.db, room.card, room.session.id)
                    == "goal-verhouding"
                ),
            )
            await pilot.press("shift+f5")
            await wait_for(pilot, lambda: joining.active_join(room.db, room.session.id) is None)
    finally:
        room.db.conn.close()
    db = open_database(db_path)
    try:
        answer = db.execute("SELECT text FROM answers WHERE question_id = ?", [FIRST]).fetchone()[0]
        state = db.execute("SELECT state FROM contributions").fetchone()[0]
    finally:
        db.conn.close()
    assert answer == "Meer stageplekken in de regio"
    assert state == "taken"


@pytest.fixture
def one_contribution(db_path) -> str:
    """A session a participant sent one contribution to (the join opened elsewhere); its id."""
    room = Participants(db_path)
    try:
        room.send(room.anna, "Meer stageplekken in de regio")
        return room.session.id
    finally:
        room.db.conn.close()


def test_the_paper_has_the_contributions_appendix_only_when_asked(
    one_contribution, tmp_path, grow_cli
):
    from docx import Document

    session_id = one_contribution

    def paper(*options: str) -> str:
        out = tmp_path / f"uit{len(options)}"
        out.mkdir()
        result = grow_cli("export", session_id, "-o", str(out), *options)
        assert result.exit_code == 0, result.output
        document = Document(str(next(out.glob("*.docx"))))
        texts = [p.text for p in document.paragraphs]
        texts += [c.text for table in document.tables for row in table.rows for c in row.cells]
        return "\n".join(texts)

    assert "Meer stageplekken" not in paper()
    assert "Meer stageplekken in de regio" in paper("--with-contributions")
    refused = grow_cli("export", session_id, "--format", "json", "--with-contributions")
    assert refused.exit_code == 1 and "Traceback" not in refused.output


def test_contributions_travel_in_the_bundle_and_a_second_import_changes_nothing(
    one_contribution, tmp_path, grow_cli
):
    import json

    session_id = one_contribution
    bundle = tmp_path / "bundel.json"
    made = grow_cli("export", session_id, "--format", "json", "-o", str(bundle))
    assert made.exit_code == 0, made.output
    data = json.loads(bundle.read_text(encoding="utf-8"))
    assert data["format_version"] == 2
    assert [c["text"] for c in data["contributions"]] == ["Meer stageplekken in de regio"]
    assert "device" not in data["contributions"][0]  # never which phone
    other = tmp_path / "programmamanager.db"
    for _ in range(2):
        result = grow_cli("import", str(bundle), db=other)
        assert result.exit_code == 0, result.output
    db = open_database(other)
    try:
        texts = [r[0] for r in db.execute("SELECT text FROM contributions").fetchall()]
    finally:
        db.conn.close()
    assert texts == ["Meer stageplekken in de regio"]
