"""MeetingSaver: what each kind of edit does to the meeting, and the recovery file."""

from __future__ import annotations

import sqlite3

from grow_app.ui.meeting_saver import MeetingSaver


def test_edits_are_staged_at_once_and_stored(sop_meeting):
    saver = MeetingSaver(sop_meeting)  # in-memory database: writes happen inline
    assert saver.edit(("answer", "goal-doelen", ""), "Ons doel\x00", 0.6) == "goal-doelen"
    assert saver.edit(("answer", "goal-doelen", ""), "Ons doel", 0.6) is None  # nothing new
    assert saver.edit(("key_message",), "Kern", 0.6) == "_kernboodschap"
    status_key = ("status", "way-forward-aanbevelingen", "aangehaakt")
    assert saver.edit(status_key, "deels", 0.6) == "way-forward-aanbevelingen"
    action_id = sop_meeting.add_action("Notitie")
    assert saver.edit(("action", action_id, "wie"), "Anna", 0.6) is None
    assert saver.close() is None
    assert [r.text for r in sop_meeting.history("goal-doelen")] == ["Ons doel"]
    assert sop_meeting.status("way-forward-aanbevelingen", "aangehaakt") == "deels"
    assert [(a.wat, a.wie) for a in sop_meeting.actions()] == [("Notitie", "Anna")]
    assert sop_meeting.history("_kernboodschap")[0].text == "Kern"


def test_unsaved_text_goes_to_a_recovery_file(db_path, catalog, isolated_home, monkeypatch):
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database

    db = open_database(db_path)
    partnership = add_partnership(db, "AOS Oost Nederland", "Achterhoek", ["vo"])
    session = start_session(db, catalog, partnership, "gesprekskaart-sop", date="2026-03-14")
    meeting = Meeting(db, catalog.get("gesprekskaart-sop"), session)

    def locked(self, db, *args):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Meeting, "store_answer", locked)
    saver = MeetingSaver(meeting)
    saver.edit(("answer", "reality-verloop", ""), "Dit staat nergens anders", 0)
    path = saver.close(timeout=0.3)
    assert path is not None and path.parent == isolated_home / "data" / "herstel"
    text = path.read_text(encoding="utf-8")
    assert "AOS Oost Nederland" in text
    assert "reality-verloop" in text and "Dit staat nergens anders" in text
