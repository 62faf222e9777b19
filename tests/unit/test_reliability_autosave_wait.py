"""The autosave writer does not let someone who never pauses wait forever: an edit is written at
most ``MAX_WAIT`` seconds after the first unsaved keystroke (the SIGKILL test relies on it)."""

from __future__ import annotations

import threading

from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from grow_app.ui.autosave import MAX_WAIT, Autosaver


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_typing_on_without_a_pause_is_written_after_max_wait(db_path, catalog):
    db = open_database(db_path)
    session = start_session(db, catalog, add_partnership(db, "AOS"), "gesprekskaart-sop")
    meeting = Meeting(db, catalog.get("gesprekskaart-sop"), session)
    clock = FakeClock()
    saved = threading.Event()
    writer = Autosaver(db, on_saved=saved.set, clock=clock)
    start, delay, text = clock.now, 0.6, ""
    try:
        # A key every 0.1 s: the 0.6 s pause the debounce waits for never comes.
        while clock.now < start + MAX_WAIT - 0.05:
            text += "a"
            writer.submit(
                "k", lambda db, t=text: meeting.store_answer(db, "goal-doelen", "", t), delay
            )
            assert not saved.wait(0.05), f"written {clock.now - start:.1f} s in: too early"
            clock.now += 0.1
        clock.now = start + MAX_WAIT + 0.01
        text += "b"
        writer.submit("k", lambda db, t=text: meeting.store_answer(db, "goal-doelen", "", t), delay)
        assert saved.wait(5), "still typing, and nothing written after MAX_WAIT"
        assert meeting.history("goal-doelen")[0].text == text
    finally:
        writer.close()
        db.conn.close()
