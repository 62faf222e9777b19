"""The recovery journal has its own thread (``services/writer_journal.py``): a database write
that takes long (a slow disk, several grows committing to one file) no longer holds back the
journal of what is typed meanwhile.

Found in a whole test run under load: a grow killed 1.5 s after a text was typed (and drawn)
had only its first five letters in the database, and nothing in the journal.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from grow_app.services import writer as w
from grow_app.services.meeting import Meeting
from tests.helpers import wait_until

SLOW_WRITE = 5.0
"""How long the first database write is held (the test lets it go much sooner)."""


def texts_in_journal(journal, session_id: str) -> dict[tuple, str]:
    return {entry.key: entry.text for entry in journal.entries(session_id)}


class GatedStores:
    """A writer whose first database writes each wait for their gate (a slow disk)."""

    def __init__(self, writer: w.Writer, monkeypatch, gates: int) -> None:
        self.gates = [threading.Event() for _ in range(gates)]
        self.started = [threading.Event() for _ in range(gates)]
        self.done = [threading.Event() for _ in range(gates)]
        self.texts: list[str | None] = []
        store = writer._store

        def gated(pending) -> None:
            number = len(self.texts)
            self.texts.append(pending.change.text)
            if number < gates:
                self.started[number].set()
                self.gates[number].wait(SLOW_WRITE)
            store(pending)
            if number < gates:
                self.done[number].set()

        monkeypatch.setattr(writer, "_store", gated)  # this writer's only

    def open_all(self) -> None:
        for gate in self.gates:
            gate.set()


@contextmanager
def gated_writer(path, journal, monkeypatch, gates: int) -> Iterator[tuple[w.Writer, GatedStores]]:
    """A writer on ``path`` whose first ``gates`` writes wait for their gate; at the end of
    the block every gate opens and everything is written."""
    writer = w.Writer(path, journal=journal)
    stores = GatedStores(writer, monkeypatch, gates)
    try:
        yield writer, stores
        stores.open_all()
        assert writer.flush(20)
    finally:
        stores.open_all()
        writer.close(5)


def test_a_slow_database_write_does_not_hold_back_the_journal(
    meeting_on_file, catalog, monkeypatch
):
    path, meeting, journal = meeting_on_file
    session_id = meeting.session.id
    with gated_writer(path, journal, monkeypatch, gates=1) as (writer, stores):
        writer.submit(meeting.edit_answer("goal-doelen", "", "Eerst getypt."), delay=0.0)
        assert stores.started[0].wait(5), "the first write did not start"
        typed = time.monotonic()
        later = meeting.edit_answer(
            "goal-verhouding", "functies", "Getypt terwijl de schijf bezig was."
        )
        writer.submit(later, delay=0.3)

        # Before: only once the slow write was done (SLOW_WRITE seconds later).
        wait_until(
            lambda: later.text in texts_in_journal(journal, session_id).values(),
            timeout=1.0,  # 0.1 s on a quiet machine; a busy one may take longer
            what="the text typed meanwhile in the journal",
        )
        in_journal = time.monotonic() - typed
        assert not stores.done[0].is_set()  # the slow write was still going on
    # once both are stored, the journal holds nothing more
    assert texts_in_journal(journal, session_id) == {}
    reread = Meeting.open(meeting.db, catalog, session_id)
    assert reread.answer("goal-doelen", "") == "Eerst getypt."
    assert reread.answer("goal-verhouding", "functies") == later.text
    print(f"\nin the journal {in_journal:.2f} s after it was typed, during a write of up to 5 s")


def test_a_newer_text_journaled_during_a_write_stays_in_the_journal(
    meeting_on_file, catalog, monkeypatch
):
    """The same field typed on while its older text is being written: once the older text is
    stored, the newer one must still be in the journal until it is stored too."""
    path, meeting, journal = meeting_on_file
    session_id = meeting.session.id
    older, newer = "Eerst getypt.", "Eerst getypt. En verder, tijdens het opslaan."
    with gated_writer(path, journal, monkeypatch, gates=2) as (writer, stores):
        writer.submit(meeting.edit_answer("goal-doelen", "", older), delay=0.0)
        assert stores.started[0].wait(5)
        writer.submit(meeting.edit_answer("goal-doelen", "", newer), delay=0.0)
        wait_until(lambda: newer in texts_in_journal(journal, session_id).values(), timeout=1.0)
        stores.gates[0].set()  # the older text is stored now...
        assert stores.started[1].wait(5)  # ...and the newer one is on its way
        assert stores.texts == [older, newer]
        # the newer text is still in the journal: a kill now would lose nothing
        assert list(texts_in_journal(journal, session_id).values()) == [newer]
    assert texts_in_journal(journal, session_id) == {}
    assert Meeting.open(meeting.db, catalog, session_id).answer("goal-doelen", "") == newer


def test_a_change_taken_with_others_for_one_write_is_journaled_at_once(
    meeting_on_file, monkeypatch
):
    """Leaving a question makes every waiting change due at once: they go to the database in
    one go, one after the other. The later ones are journaled while the first is written."""
    path, meeting, journal = meeting_on_file
    session_id = meeting.session.id
    with gated_writer(path, journal, monkeypatch, gates=1) as (writer, stores):
        writer.submit(meeting.edit_answer("goal-doelen", "", "A getypt"), delay=5.0)
        writer.submit(meeting.edit_answer("goal-regiovorming", "", "B vlak erna"), delay=5.0)
        writer.save_soon()  # the facilitator leaves the question
        assert stores.started[0].wait(5)
        wait_until(
            lambda: "B vlak erna" in texts_in_journal(journal, session_id).values(), timeout=1.0
        )
    assert texts_in_journal(journal, session_id) == {}


def test_storing_an_older_text_never_empties_the_journal_of_a_newer_one(
    meeting_on_file, monkeypatch
):
    """v1 is being written, v2 is journaled, v3 is typed (and not yet journaled: a long text
    waits a little longer for it). When v1 is stored, the journal must still hold v2."""
    path, meeting, journal = meeting_on_file
    session_id = meeting.session.id
    v1, v2 = "Versie een.", "Versie een. Versie twee."
    v3 = v2 + " drie" * 800_000  # 4 MB: journaled ~1 s after it was typed
    with gated_writer(path, journal, monkeypatch, gates=2) as (writer, stores):
        writer.submit(meeting.edit_answer("goal-doelen", "", v1), delay=0.0)
        assert stores.started[0].wait(5)
        writer.submit(meeting.edit_answer("goal-doelen", "", v2), delay=30.0)
        wait_until(lambda: v2 in texts_in_journal(journal, session_id).values(), timeout=1.0)
        writer.submit(meeting.edit_answer("goal-doelen", "", v3), delay=30.0)
        stores.gates[0].set()
        assert stores.done[0].wait(5)  # v1 is in the database now
        assert list(texts_in_journal(journal, session_id).values()) in ([v2], [v3])
    assert texts_in_journal(journal, session_id) == {}
    assert stores.texts == [v1, v3]
