"""The journal forgets a text only once the database has that very text.

The writer stores a text and then drops its journal entry; the screen that opens a session drops
the entries whose text the database already has. Both used to drop the entry *by field*, so a
newer text journaled meanwhile (typed on, or typed in a second window) went with it: killed a
moment later, it was in neither place. Seen once in CI, in the first-frame SIGKILL test, under
heavy load: the meeting loaded while the first answer was stored halfway through the typing."""

from __future__ import annotations

import threading
import time

import pytest

from grow_app.services import writer as w
from grow_app.services.journal import Journal
from grow_app.services.meeting import Meeting
from tests.helpers import keep_in_another_process, wait_until

KEY_Q = "goal-doelen"


@pytest.fixture
def setup(meeting_on_file):
    path, meeting, journal = meeting_on_file
    writer = w.Writer(path, journal=journal)
    yield meeting, writer, journal
    writer.close(5)


def texts(journal: Journal, session_id: str) -> list[str]:
    return sorted(e.text for e in journal.entries(session_id))


def held(journal: Journal, session_id: str) -> dict[tuple[str, ...], str]:
    return {e.key: e.text for e in journal.entries(session_id)}


def test_a_store_does_not_drop_a_newer_text_of_the_field(setup):
    """Window B journaled its newer text of the answer; window A's save of its own text must
    leave B's entry (B's text is not in the database)."""
    meeting, writer, journal = setup
    change = meeting.edit_answer(KEY_Q, "", "Tekst van venster A")
    assert change is not None
    keep_in_another_process(
        journal.folder,
        journal.fallback,
        change.session_id,
        change.key,
        "Tekst van venster B, nog niet opgeslagen",
    )
    writer.submit(change, 0.0)
    assert writer.flush(5)
    assert texts(journal, change.session_id) == ["Tekst van venster B, nog niet opgeslagen"]
    # A's own entry is dropped once stored, as before; B's stays
    journal.keep(change.session_id, change.key, "Tekst van venster A, verder", "t")
    assert len(texts(journal, change.session_id)) == 2  # one file per window
    journal.forget(change.session_id, change.key, "Tekst van venster A, verder")
    assert texts(journal, change.session_id) == ["Tekst van venster B, nog niet opgeslagen"]


def test_opening_drops_only_entries_whose_text_the_database_has(setup, catalog):
    """The meeting and the journal were read while both held a half-typed text; the writer
    journaled the whole text before the screen looked at them. The whole text stays."""
    from grow_app.ui.screens.recovery import offered_entries

    meeting, writer, journal = setup
    half = meeting.edit_answer(KEY_Q, "", "Ronde 6: dir")
    assert half is not None
    writer.submit(half, 0.0)
    assert writer.flush(5)
    journal.keep(half.session_id, half.key, "Ronde 6: dir", "t")  # not yet forgotten
    loaded = Meeting(meeting.db, meeting.card, meeting.session)  # read now: the half text
    entries = journal.entries(half.session_id)
    journal.keep(half.session_id, half.key, "Ronde 6: direct getypt", "t")  # typed on
    assert offered_entries(loaded, entries, journal) == []
    assert held(journal, half.session_id) == {half.key: "Ronde 6: direct getypt"}


def test_setting_aside_leaves_an_entry_that_changed_since_it_was_offered(tmp_path):
    journal = Journal(tmp_path / "herstel", tmp_path / "fallback")
    key = ("answer", KEY_Q, "")
    journal.keep("s1", key, "oud", "t")
    [offered] = journal.entries("s1")
    journal.keep("s1", key, "nieuwer", "t")
    journal.archive(offered)
    assert held(journal, "s1") == {key: "nieuwer"}
    assert not (tmp_path / "herstel" / "verwerkt").exists()
    [now] = journal.entries("s1")
    journal.archive(now)
    assert held(journal, "s1") == {}
    assert len(list((tmp_path / "herstel" / "verwerkt" / "s1").iterdir())) == 1


def test_keeping_and_forgetting_at_once_never_lose_the_newest_text(tmp_path):
    """One thread journals ever newer texts of a field, another forgets each text it sees (as
    if the database had it), over and over: the newest text is always either forgotten by
    name, or still there. And no keep fails because forget emptied the folder under it."""
    journal = Journal(tmp_path / "herstel", tmp_path / "fallback")
    key = ("answer", KEY_Q, "")
    seen: set[str] = set()
    done = threading.Event()
    failures: list[BaseException] = []

    def forget_what_is_seen() -> None:
        while not done.is_set():
            for entry in journal.entries("s1"):
                seen.add(entry.text)
                journal.forget("s1", key, entry.text)

    forgetter = threading.Thread(target=forget_what_is_seen)
    forgetter.start()
    try:
        for number in range(400):
            try:
                journal.keep("s1", key, f"tekst {number}", "t")
            except OSError as err:
                failures.append(err)
    finally:
        done.set()
        forgetter.join(10)
    assert failures == []
    last = held(journal, "s1").get(key)
    assert last == "tekst 399" or "tekst 399" in seen


def test_a_text_this_window_is_still_saving_is_not_offered_back(setup):
    """Typed in grow open's first frame while the session loads: the journal has the text
    before the database. Offering it put a recovery dialog over the editor being typed in, and
    the next keys went to the dialog (5 of 100 first-frame rounds under load)."""
    from grow_app.ui.screens.recovery import offered_entries

    meeting, writer, journal = setup
    change = meeting.edit_answer(KEY_Q, "", "Net getypt, nog onderweg")
    assert change is not None
    writer.submit(change, 30.0)  # waits for a pause that has not come yet
    wait_until(lambda: journal.entries(change.session_id), 10)
    entries = journal.entries(change.session_id)
    assert writer.holds(change.session_id, change.key)
    assert offered_entries(meeting, entries, journal, writer.holds) == []
    assert texts(journal, change.session_id) == ["Net getypt, nog onderweg"]  # still kept


def test_an_entry_stored_since_the_journal_was_read_is_not_offered(setup):
    from grow_app.ui.screens.recovery import offered_entries

    meeting, writer, journal = setup
    change = meeting.edit_answer(KEY_Q, "", "Opgeslagen terwijl de sessie laadde")
    assert change is not None
    writer.submit(change, 30.0)
    wait_until(lambda: journal.entries(change.session_id), 10)
    loaded = Meeting(meeting.db, meeting.card, meeting.session)  # read before the write
    entries = journal.entries(change.session_id)
    assert writer.flush(5)  # stored, and its entry dropped
    assert not writer.holds(change.session_id, change.key)
    assert offered_entries(loaded, entries, journal, writer.holds) == []


def test_a_crashed_windows_text_is_offered_while_this_window_types_in_that_field(setup):
    """This window's own text still on its way is not offered; another grow's (killed) is,
    even while this window types in the same field."""
    from grow_app.ui.screens.recovery import offered_entries

    meeting, writer, journal = setup
    change = meeting.edit_answer(KEY_Q, "", "Nu getypt")
    assert change is not None
    keep_in_another_process(
        journal.folder, journal.fallback, change.session_id, change.key, "Voor de crash getypt"
    )
    writer.submit(change, 30.0)
    wait_until(lambda: len(journal.entries(change.session_id)) == 2, 10)
    offered = offered_entries(meeting, journal.entries(change.session_id), journal, writer.holds)
    assert [e.text for e in offered] == ["Voor de crash getypt"]


def test_a_field_emptied_before_its_text_was_stored_leaves_no_entry(setup):
    """Typed into an action, journaled, then emptied before the store: the emptied field has
    no text, and its entry stayed behind, offered at every open (the text the user removed)."""
    meeting, writer, journal = setup
    added = meeting.new_action()
    writer.submit(added, 0.0)
    assert writer.flush(5)
    typed = meeting.edit_record("action", added.record_id, "wat", "Notitie sturen")
    assert typed is not None
    writer.submit(typed, 30.0)
    wait_until(lambda: journal.entries(typed.session_id), 10)
    emptied = meeting.edit_record("action", added.record_id, "wat", "")
    assert emptied is not None
    writer.submit(emptied, 0.0)
    assert writer.flush(5)
    assert journal.entries(typed.session_id) == []


def test_another_grow_stuck_holding_the_journal_does_not_stop_this_one(tmp_path):
    """A grow stopped (Ctrl+Z) while it holds the journal's lock: keep goes on after a short
    wait, with only this process's threads kept apart."""
    from grow_app.services import journal_lock
    from tests.helpers import spawn_python

    journal = Journal(tmp_path / "herstel", tmp_path / "fallback")
    journal.folder.mkdir(parents=True)
    holder = spawn_python(
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "time.sleep(30)\n",
        journal.folder / journal_lock.LOCK_NAME,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        journal.keep("s1", ("answer", KEY_Q, ""), "toch bewaard", "t")
        assert time.monotonic() - started < journal_lock.LOCK_WAIT + 2.0
        assert texts(journal, "s1") == ["toch bewaard"]
    finally:
        holder.kill()
        holder.wait(10)
