"""The first frame's stand-in (StartMeeting) hands its saves to the Meeting: what this window
saved before the Meeting was read in is what the next edit is typed over, so saving it again is
no crossing with another window (a tryout saw such a false notice)."""

from __future__ import annotations

from grow_app.services.catalog import load_catalog
from grow_app.services.meeting import Meeting
from grow_app.services.session_start import StartMeeting, session_start
from grow_app.store import live, open_database


def _store(db_path, change) -> live.Written:
    conn = live.connect(db_path, busy_timeout=5)
    try:
        return change.apply(conn, "this-window", live.now_iso())
    finally:
        conn.close()


def test_two_saves_in_the_first_frame_are_no_crossing(db_path, session_id_on_file):
    first = StartMeeting(session_start(db_path, session_id_on_file))
    change = first.edit_answer("goal-doelen", "", "Hallo")
    first.saved(change)
    assert _store(db_path, change).crossed is None
    again = first.edit_answer("goal-doelen", "", "Hallo wereld")
    assert _store(db_path, again).crossed is None


def test_a_save_between_reading_the_meeting_and_the_handover_is_the_next_base(
    db_path, session_id_on_file
):
    first = StartMeeting(session_start(db_path, session_id_on_file))
    typed = first.edit_answer("goal-doelen", "", "Hallo")
    # the Meeting is read in (without "Hallo") while the writer is still saving it
    meeting = Meeting.open(open_database(db_path), load_catalog(), session_id_on_file)
    _store(db_path, typed)
    first.saved(typed)
    first.handover(meeting)
    on = meeting.edit_answer("goal-doelen", "", "Hallo wereld")
    assert on is not None
    assert _store(db_path, on).crossed is None


def test_another_windows_save_before_the_handover_is_still_a_crossing(db_path, session_id_on_file):
    first = StartMeeting(session_start(db_path, session_id_on_file))
    typed = first.edit_answer("goal-doelen", "", "Hallo")
    _store(db_path, typed)
    first.saved(typed)
    elsewhere = Meeting.open(open_database(db_path), load_catalog(), session_id_on_file)
    elsewhere.save_answer("goal-doelen", "", "Van elders")
    meeting = Meeting.open(open_database(db_path), load_catalog(), session_id_on_file)
    first.handover(meeting)
    on = meeting.edit_answer("goal-doelen", "", "Hallo wereld")
    assert on is not None
    assert _store(db_path, on).crossed == "Van elders"  # both kept; the screen says so
