"""What another window saved comes into a meeting, except in a field being typed in."""

from __future__ import annotations

from grow_app.services.catalog import load_catalog
from grow_app.services.meeting import Meeting
from grow_app.store import live, open_database


def _pair(db_path, sop_session_id):
    catalog = load_catalog()
    return (
        Meeting.open(open_database(db_path), catalog, sop_session_id),
        Meeting.open(open_database(db_path), catalog, sop_session_id),
    )


def _changes(meeting: Meeting):
    rows = live.read_session(meeting.db.conn, meeting.session.id, meeting.signatures)
    changed = frozenset(k for k, s in rows.signatures.items() if meeting.signatures.get(k) != s)
    return rows, changed


def test_answers_records_and_the_key_message_come_in(db_path, session_id_on_file):
    here, there = _pair(db_path, session_id_on_file)
    there.save_answer("goal-doelen", "", "Van elders")
    there.set_key_message("Kern van elders")
    there.add_action("Notitie", "Anna")
    there.park("Financiering")
    update = here.take_remote(*_changes(here), adopt=lambda key, text: True)
    assert update.texts[("answer", "goal-doelen", "")] == "Van elders"
    assert update.texts[("key_message",)] == "Kern van elders"
    assert update.actions and update.parking
    assert here.answer("goal-doelen") == "Van elders"
    assert [(a.wat, a.wie) for a in here.actions()] == [("Notitie", "Anna")]
    assert [p.text for p in here.parking_lot()] == ["Financiering"]


def test_a_field_being_typed_in_keeps_its_text_and_the_next_save_crosses(
    db_path, session_id_on_file
):
    here, there = _pair(db_path, session_id_on_file)
    change = here.edit_answer("goal-doelen", "", "Hier getypt")  # not stored yet
    there.save_answer("goal-doelen", "", "Daar bewaard")
    update = here.take_remote(*_changes(here), adopt=lambda key, text: False)
    assert update.texts == {}
    assert here.answer("goal-doelen") == "Hier getypt"
    written = here.apply(change)
    assert written.crossed == "Daar bewaard"  # both kept: theirs is in the history
    assert [r.text for r in here.history("goal-doelen")] == ["Hier getypt", "Daar bewaard"]
