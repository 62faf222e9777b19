"""The time a meeting spent per phase is kept with the session (the timebox runs on from it)."""

from __future__ import annotations

from grow_app.services.catalog import load_catalog
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database


def test_seconds_per_phase_are_stored_without_counting_as_an_edit(tmp_path):
    db = open_database(tmp_path / "grow.db")
    catalog = load_catalog()
    owner = add_partnership(db, "AOS", "Achterhoek", ["vo"])
    session = start_session(db, catalog, owner, "gesprekskaart-sop", date="2026-03-14")
    meeting = Meeting.open(db, catalog, session.id)
    before = db.execute("SELECT updated_at FROM sessions").fetchone()[0]
    history = db.execute("SELECT count(*) FROM record_history").fetchone()[0]
    change = meeting.edit_phase_seconds("goal", 312.7)
    assert change is not None and change.seconds == 312
    meeting.apply(change)
    assert meeting.edit_phase_seconds("goal", 312.2) is None  # the same second: nothing to store
    meeting.apply(meeting.edit_phase_seconds("reality", 5))
    again = Meeting.open(db, catalog, session.id)
    assert again.phase_seconds() == {"goal": 312, "reality": 5}
    # a running clock is not something said in the meeting: no history, not "changed"
    assert db.execute("SELECT updated_at FROM sessions").fetchone()[0] == before
    assert db.execute("SELECT count(*) FROM record_history").fetchone()[0] == history


def test_an_unreadable_value_counts_as_no_time_spent(tmp_path):
    db = open_database(tmp_path / "grow.db")
    catalog = load_catalog()
    owner = add_partnership(db, "AOS", "Achterhoek", ["vo"])
    session = start_session(db, catalog, owner, "gesprekskaart-sop", date="2026-03-14")
    db.execute("UPDATE sessions SET phase_seconds = 'kapot'")
    meeting = Meeting.open(db, catalog, session.id)
    assert meeting.phase_seconds() == {}
    meeting.apply(meeting.edit_phase_seconds("goal", 60))
    assert Meeting.open(db, catalog, session.id).phase_seconds() == {"goal": 60}
