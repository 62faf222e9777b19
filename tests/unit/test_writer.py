"""The one writer thread: the newest text per field, in order, within a moment; it never dies;
it says what is wrong in one line and keeps every text in the recovery journal until the
database has it; it reports what other windows save."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grow_app.services import changes as ch
from grow_app.services import writer as w
from grow_app.services.journal import Journal
from grow_app.services.meeting import Meeting
from grow_app.store import live, open_database


class Events:
    """What the writer reported, with a way to wait for one kind."""

    def __init__(self) -> None:
        self.items: list[w.WriterEvent] = []
        self.cond = threading.Condition()

    def __call__(self, event: w.WriterEvent) -> None:
        with self.cond:
            self.items.append(event)
            self.cond.notify_all()

    def wait(self, kind: type, count: int = 1, timeout: float = 10.0) -> list:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                found = [e for e in self.items if isinstance(e, kind)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                assert left > 0, f"no {kind.__name__} after {timeout} s: {self.items}"
                self.cond.wait(left)


@pytest.fixture
def setup(meeting_on_file):
    """A database file with one session, its meeting, a journal and a writer on it."""
    path, meeting, journal = meeting_on_file
    events = Events()
    writer = w.Writer(path, journal=journal, on_event=events)
    yield path, meeting, writer, events, journal
    writer.close(5)


def stored(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def answer(meeting: Meeting, text: str, qid: str = "goal-doelen") -> ch.AnswerChange:
    change = meeting.edit_answer(qid, "", text)
    assert change is not None
    return change


def test_only_the_newest_text_of_a_field_is_written_after_the_delay(setup):
    path, meeting, writer, events, _journal = setup
    for text in ("a", "ab", "abc"):
        writer.submit(answer(meeting, text), delay=0.2)
    events.wait(w.Saved)
    assert writer.flush(5)
    assert stored(path, "SELECT text FROM answer_history") == [("abc",)]


def test_typing_without_a_pause_is_written_within_max_wait(setup):
    """Someone who never pauses is saved all the same: at most MAX_WAIT after the first key."""
    path, meeting, writer, events, _journal = setup
    started = time.monotonic()
    text = ""
    while not events.items and time.monotonic() - started < 5:
        text += "a"
        writer.submit(answer(meeting, text), delay=0.3)  # the pause never comes
        time.sleep(0.05)  # a typist who never pauses: a key every 50 ms
    assert events.items, "still typing, and nothing written"
    assert time.monotonic() - started < w.MAX_WAIT + 1.0
    assert stored(path, "SELECT count(*) FROM answers")[0][0] == 1


def test_changes_are_stored_in_the_order_they_were_made(setup):
    """A field typed into a new action row waits for the row (never 'no such action')."""
    path, meeting, writer, events, _journal = setup
    added = meeting.new_action()
    writer.submit(added, delay=0.3)
    writer.submit(meeting.edit_record("action", added.record_id, "wat", "Notitie"), delay=0.0)
    assert writer.flush(5)
    assert stored(path, "SELECT wat FROM actions") == [("Notitie",)]
    assert not [e for e in events.items if isinstance(e, (w.Failing, w.Refused))]


def test_a_bug_in_one_change_is_reported_and_the_writer_goes_on(setup, isolated_home):
    path, meeting, writer, events, _journal = setup

    def broken(db):
        raise TypeError("a bug")

    writer.submit(ch.Task("", run=broken, name="kapot"))
    writer.submit(answer(meeting, "Daarna gewoon bewaard"))
    refused = events.wait(w.Refused)[0]
    assert "TypeError" in refused.message and "\n" not in refused.message
    assert writer.flush(5)
    assert stored(path, "SELECT text FROM answers") == [("Daarna gewoon bewaard",)]
    assert list((isolated_home / "data" / "logs").glob("crash-*.txt"))  # for whoever fixes it


HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("LOCKED", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""


def test_a_locked_file_is_one_line_the_text_is_journaled_and_stored_once_free(setup):
    path, meeting, writer, events, journal = setup
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "LOCKED"
        change = answer(meeting, "Tijdens het slot getypt")
        writer.submit(change)
        failing = events.wait(w.Failing)[0]
        assert "bezet" in failing.message and "\n" not in failing.message
        started = time.monotonic()
        assert not writer.flush(10)  # says so at once instead of waiting out the lock
        assert time.monotonic() - started < 1.0
        [entry] = journal.entries(meeting.session.id)
        assert entry.text == "Tijdens het slot getypt" and entry.key == change.key
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(10)
    events.wait(w.Recovered)
    assert writer.flush(10)
    assert stored(path, "SELECT text FROM answers") == [("Tijdens het slot getypt",)]
    assert journal.entries(meeting.session.id) == []  # the database has it now


def test_closing_while_the_database_refuses_does_not_hang_and_keeps_the_text(setup):
    path, meeting, writer, events, journal = setup
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "LOCKED"
        writer.submit(answer(meeting, "Nog niet in de database"))
        events.wait(w.Failing)
        writer.submit(answer(meeting, "Nog niet in de database, en meer"))
        started = time.monotonic()
        assert writer.close(10) is False
        assert time.monotonic() - started < 3.0  # finding 6: quitting took 10 s
        [entry] = journal.entries(meeting.session.id)
        assert entry.text == "Nog niet in de database, en meer"
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(10)


def test_the_data_folder_moved_away_never_comes_back_empty(setup, tmp_path):
    """A moved folder: the writer says the file is gone, journals to the fallback folder (it
    does not make a new, empty data folder in its place) and stores everything once it is back."""
    path, meeting, writer, events, journal = setup
    writer.submit(answer(meeting, "Eerst"))
    assert writer.flush(5)
    data = path.parent
    data.rename(tmp_path / "elders")
    writer.submit(answer(meeting, "Terwijl de map weg is"))
    failing = events.wait(w.Failing)[0]
    assert "weg" in failing.message
    time.sleep(0.5)  # a few retries (from 0.25 s apart), in which no folder may appear
    assert not data.exists()
    assert [e.text for e in journal.entries(meeting.session.id)] == ["Terwijl de map weg is"]
    (tmp_path / "elders").rename(data)
    events.wait(w.Recovered, timeout=15)
    assert writer.flush(10)
    assert stored(path, "SELECT text FROM answers") == [("Terwijl de map weg is",)]
    assert journal.entries(meeting.session.id) == []


def test_a_deleted_database_file_is_not_written_behind_its_back(setup):
    """The file deleted while grow has it open: SQLite would happily write into the unlinked
    file; the writer notices, says so, and keeps the text."""
    path, meeting, writer, events, journal = setup
    writer.submit(answer(meeting, "Eerst"))
    assert writer.flush(5)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    writer.submit(answer(meeting, "Na het verwijderen"))
    assert "weg" in events.wait(w.Failing)[0].message
    assert [e.text for e in journal.entries(meeting.session.id)] == ["Na het verwijderen"]
    assert not path.exists()  # and no new, empty database in its place


def test_a_purged_session_is_refused_plainly_once_and_the_writer_goes_on(setup, catalog):
    path, meeting, writer, events, journal = setup
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM sessions WHERE id = ?", [meeting.session.id])
    conn.commit()
    conn.close()
    writer.submit(answer(meeting, "Voor een verwijderde sessie"))
    refused = events.wait(w.Refused)[0]
    assert "definitief verwijderd" in refused.message
    assert [e.text for e in journal.entries(meeting.session.id)] == ["Voor een verwijderde sessie"]
    assert writer.flush(5)  # not retried forever
    assert not [e for e in events.items if isinstance(e, w.Failing)]


def test_crossing_edits_keep_both_texts_and_say_so(setup):
    """Two windows typed over the same stored text: the second save names the first window's
    text, and both are in the history."""
    path, meeting, writer, events, _journal = setup
    other = w.Writer(path, journal=Journal(path.parent / "herstel2"), on_event=Events())
    try:
        base = meeting.answer("goal-doelen")
        other.submit(
            ch.AnswerChange(meeting.session.id, "goal-doelen", "", "Tekst van links", base)
        )
        assert other.flush(5)
        writer.submit(
            ch.AnswerChange(meeting.session.id, "goal-doelen", "", "Tekst van rechts", base)
        )
        assert writer.flush(5)
    finally:
        other.close(5)
    saved = events.wait(w.Saved)[-1]
    assert saved.written.crossed == "Tekst van links"
    history = [r[0] for r in stored(path, "SELECT text FROM answer_history ORDER BY id")]
    assert history == ["Tekst van links", "Tekst van rechts"]


def test_typing_on_before_the_screen_heard_of_a_save_is_no_crossing(setup):
    """The screen types on over the text it last *heard* was saved; the writer may have stored
    a newer one of this window's meanwhile. That was taken for another window's text (a false
    "changed in another window", seen in a whole run under load). A text from elsewhere in
    between still crosses."""
    path, meeting, writer, events, _journal = setup
    session = meeting.session.id

    def typed(text: str, base: str) -> ch.AnswerChange:
        return ch.AnswerChange(session, "goal-doelen", "", text, base)

    writer.submit(typed("Hallo", ""))
    assert writer.flush(5)
    writer.submit(typed("Hallo we", ""))  # the screen had not heard of "Hallo" yet
    assert writer.flush(5)
    writer.submit(typed("Hallo wereld", "Hallo"))  # heard of "Hallo", not of "Hallo we"
    assert writer.flush(5)
    assert [e.written.crossed for e in events.wait(w.Saved, 3)] == [None, None, None]
    other = w.Writer(path, journal=Journal(path.parent / "herstel2"), on_event=Events())
    try:
        other.submit(typed("Van elders", "Hallo wereld"))
        assert other.flush(5)
    finally:
        other.close(5)
    writer.submit(typed("Hallo wereld!", "Hallo we"))  # typed over our own, but not the newest
    assert writer.flush(5)
    assert events.wait(w.Saved, 4)[-1].written.crossed == "Van elders"
    assert stored(path, "SELECT text FROM answers") == [("Hallo wereld!",)]


def test_another_windows_save_is_reported_within_a_moment(setup):
    path, meeting, writer, events, _journal = setup
    writer.watch(meeting.session.id, meeting.signatures)
    time.sleep(0.5)  # its first look (every 0.3 s) comes before the other window saves
    other = open_database(path)
    try:
        Meeting(other, meeting.card, meeting.session).save_answer("goal-doelen", "", "Van elders")
        remote = events.wait(w.Remote, timeout=5)[0]
    finally:
        other.conn.close()
    assert ("answer", "goal-doelen", "") in remote.changed
    assert remote.rows.answers[("goal-doelen", "")]["text"] == "Van elders"
    # our own saves are not reported back as someone else's
    writer.submit(answer(meeting, "Van hier"))
    assert writer.flush(5)
    time.sleep(1.0)  # three looks of the watcher, in which our own save may not come back
    remotes = [e for e in events.items if isinstance(e, w.Remote)]
    assert all(("answer", "goal-doelen", "") not in e.changed for e in remotes[1:])


def test_an_older_database_is_waited_for_silently_while_it_is_brought_up_to_date(tmp_path):
    path = tmp_path / "grow.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    events = Events()
    writer = w.Writer(path, journal=Journal(tmp_path / "herstel"), on_event=events)
    try:
        writer.submit(ch.AnswerChange("s", "q", "", "tekst", ""))
        time.sleep(1.0)  # a moment in which no failure may be reported
        assert not [e for e in events.items if isinstance(e, w.Failing)]
        assert [e.text for e in writer.journal.entries("s")] == ["tekst"]  # on disk already
        thread = writer._thread
    finally:
        writer.close(1)
    # Closed while the file is still not ready: the writer stops (the text stays in the
    # journal). It used to retry without a pause for as long as the process lived.
    assert thread is not None
    thread.join(2)
    assert not thread.is_alive()
    assert [e.text for e in Journal(tmp_path / "herstel").entries("s")] == ["tekst"]


def test_one_journal_file_per_field_and_none_left_on_a_full_disk(tmp_path, monkeypatch):
    journal = Journal(tmp_path / "herstel")
    key = ("answer", "q", "")
    for text in ("een", "twee", "drie"):
        journal.keep("s", key, text, "2026-03-14T10:00:00+00:00")
    assert [p.name for p in (tmp_path / "herstel" / "s").iterdir()] == [
        next((tmp_path / "herstel" / "s").iterdir()).name
    ]
    assert [e.text for e in journal.entries("s")] == ["drie"]

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full)
    with pytest.raises(OSError):
        journal.keep("s", key, "vier", "2026-03-14T10:00:01+00:00")
    assert len(list((tmp_path / "herstel" / "s").iterdir())) == 1  # no temporary file left
    assert [e.text for e in journal.entries("s")] == ["drie"]


def test_pauses_in_a_very_long_answer_do_not_add_its_size_each_time(setup):
    """Finding 8: every pause in a 5 MB answer stored another 5 MB history row."""
    path, meeting, writer, _events, _journal = setup
    long = "woord " * (live.BIG_TEXT // 3)
    for extra in range(6):  # six pauses
        writer.submit(answer(meeting, long + "x" * extra))
        assert writer.flush(5)
    assert stored(path, "SELECT count(*) FROM answer_history")[0][0] == 1
    for text in ("kort", "korter", "kortst"):  # normal texts: one row per pause, as before
        writer.submit(answer(meeting, text, "goal-regiovorming"))
        assert writer.flush(5)
    rows = stored(
        path, "SELECT count(*) FROM answer_history WHERE question_id = 'goal-regiovorming'"
    )
    assert rows[0][0] == 3


def test_actions_participants_and_parking_points_have_a_history(setup):
    path, meeting, writer, _events, _journal = setup
    added = meeting.new_action()
    writer.submit(added)
    writer.submit(meeting.edit_record("action", added.record_id, "wie", "Anna"))
    assert writer.flush(5)  # a pause: Anna is a version of her own
    writer.submit(meeting.edit_record("action", added.record_id, "wie", "Bram"))
    writer.submit(meeting.add_record("parking", text="Financiering"))
    assert writer.flush(5)
    history = stored(
        path, "SELECT kind, json_extract(data, '$.wie') FROM record_history ORDER BY id"
    )
    assert history[:3] == [("action", ""), ("action", "Anna"), ("action", "Bram")]
    assert ("parking", None) in history
