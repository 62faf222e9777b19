"""The autosave writer and the Meeting's stage/store split it relies on."""

from __future__ import annotations

import threading
import time

from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from grow_app.ui.autosave import Autosaver


def _meeting(db_path, catalog, date="2026-03-14", name="AOS Oost Nederland"):
    db = open_database(db_path)
    existing = db.execute("SELECT id FROM partnerships WHERE name = ?", [name]).fetchone()
    if existing:
        from grow_app.store.partnerships import get_partnership

        partnership = get_partnership(db, existing[0])
    else:
        partnership = add_partnership(db, name, "Achterhoek", ["vo"])
    session = start_session(db, catalog, partnership, "gesprekskaart-sop", date=date)
    return Meeting(db, catalog.get("gesprekskaart-sop"), session)


def _stored(db_path, question_id="goal-doelen", item_key=""):
    db = open_database(db_path)
    try:
        row = db.execute(
            "SELECT text FROM answers WHERE question_id = ? AND item_key = ?",
            [question_id, item_key],
        ).fetchone()
        return row[0] if row else None
    finally:
        db.conn.close()


def test_stage_changes_progress_before_anything_is_written(db_path, catalog):
    meeting = _meeting(db_path, catalog)
    question = meeting.card.question("goal-doelen")
    assert meeting.stage_answer("goal-doelen", "", "tekst\x0bmet\x00 rommel") == "tekst\nmet rommel"
    assert meeting.is_answered(question)
    assert _stored(db_path) is None
    assert meeting.store_answer(meeting.db, "goal-doelen", "", meeting.answer("goal-doelen"))
    assert _stored(db_path) == "tekst\nmet rommel"


def test_writer_keeps_only_the_newest_text_per_key_and_writes_after_the_delay(db_path, catalog):
    meeting = _meeting(db_path, catalog)
    saved = threading.Event()
    writer = Autosaver(meeting.db, on_saved=saved.set)
    try:
        for text in ("a", "ab", "abc"):
            writer.submit(
                ("answer", "goal-doelen", ""),
                lambda db, t=text: meeting.store_answer(db, "goal-doelen", "", t),
                delay=0.2,
            )
        assert _stored(db_path) is None  # not before the delay
        assert saved.wait(5)
        assert writer.flush(5)
        assert _stored(db_path) == "abc"
        assert writer.saved_count == 1
        assert len(meeting.history("goal-doelen")) == 1  # one revision for the coalesced edits
    finally:
        writer.close()


def test_flush_writes_pending_work_at_once_and_close_stops_the_thread(db_path, catalog):
    meeting = _meeting(db_path, catalog)
    writer = Autosaver(meeting.db)
    writer.submit(
        "k", lambda db: meeting.store_answer(db, "goal-doelen", "", "lang uitstel"), delay=60
    )
    started = time.monotonic()
    assert writer.close(5)
    assert time.monotonic() - started < 5
    assert _stored(db_path) == "lang uitstel"
    assert not any(t.name == "grow-autosave" and t.is_alive() for t in threading.enumerate())


def test_a_locked_database_is_retried_and_the_text_kept(db_path, catalog, monkeypatch):
    import grow_app.ui.autosave as autosave
    from grow_app.errors import DatabaseError

    monkeypatch.setattr(autosave, "RETRY_SECONDS", 0.05)
    meeting = _meeting(db_path, catalog)
    errors: list[str] = []
    attempts = {"n": 0}

    def job(db):
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise DatabaseError("bezet")
        meeting.store_answer(db, "goal-doelen", "", "toch bewaard")

    writer = Autosaver(meeting.db, on_error=errors.append)
    try:
        writer.submit("k", job)
        deadline = time.monotonic() + 5
        while _stored(db_path) is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _stored(db_path) == "toch bewaard"
        assert errors == ["bezet"]
    finally:
        writer.close()


def test_in_memory_database_writes_inline(catalog, sop_meeting):
    writer = Autosaver(sop_meeting.db)
    writer.submit(
        "k", lambda db: sop_meeting.store_answer(db, "goal-doelen", "", "meteen"), delay=5
    )
    assert sop_meeting.history("goal-doelen")[0].text == "meteen"
    assert writer.close()


def test_key_message_stage_and_store(db_path, catalog):
    meeting = _meeting(db_path, catalog)
    meeting.stage_key_message("Kern\x0c boodschap")
    assert meeting.key_message_answered()
    assert meeting.store_key_message(meeting.db, meeting.key_message)
    assert not meeting.store_key_message(meeting.db, meeting.key_message)  # unchanged: no revision
    assert [r.text for r in meeting.history("_kernboodschap")] == ["Kern\n boodschap"]


def test_previous_actions_and_parking_lot(db_path, catalog):
    first = _meeting(db_path, catalog, date="2026-01-10")
    first.add_action("Notitie", "Anna", "mei")
    second = _meeting(db_path, catalog, date="2026-03-14")
    assert [a.wat for a in second.previous_actions()] == ["Notitie"]
    assert first.previous_actions() == []
    item = second.park("Financiering")
    second.park("Tweede punt")
    second.unpark(item)
    assert [p.text for p in second.parking_lot()] == ["Tweede punt"]
    second.set_status("way-forward-aanbevelingen", "aangehaakt", "ja")
    fresh = Meeting(second.db, second.card, second.session)
    assert fresh.status("way-forward-aanbevelingen", "aangehaakt") == "ja"
