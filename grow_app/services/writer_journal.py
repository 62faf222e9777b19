"""The writer's second thread: every typed text in the recovery journal within a moment,
whatever the database is doing (see :mod:`grow_app.services.writer`).

The journal was written by the writer's one thread, between database writes. A write that
took long (a slow or busy disk, several grows committing to one file, a connection being
opened) then held back the journal too: in a whole test run under load, a grow killed 1.5 s
after the facilitator typed had only the first five letters in the database and nothing in
the journal. Now a thread of its own puts each text in the journal ``journal_delay`` after it
was typed; the database thread only journals what is still unjournaled when it takes a change
(as before, so a text is always in the journal before its write).

One lock (``_journal_lock``) orders the two threads' journal work: a text is written to the
journal only while its change is not yet stored, and the database thread drops a journal entry
(its text is in the database now) under the same lock, so a late journal write can never bring
back a text the database already has, and a newer text journaled while an older one was being
written is never dropped with it.

Part of :class:`~grow_app.services.writer.Writer` (a mixin; the writer has the attributes).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from grow_app.errors import describe_os_error, write_crash_log
from grow_app.services.changes import Change, Key
from grow_app.services.writer_queue import RETRY_SECONDS, Pending
from grow_app.store import live

if TYPE_CHECKING:
    from grow_app.services.journal import Journal

LONGEST_JOURNAL_SLEEP = 0.25
"""While a text waits for the journal, the thread looks again at least this often (an injected
clock in tests moves without telling it)."""


class JournalKeeping:
    journal: Journal
    journal_title: str
    titles: dict[str, str]
    failing: str | None
    _pending: dict[Key, Pending]
    _cond: threading.Condition
    _clock: Callable[[], float]
    _stopping: bool
    _journal_lock: threading.Lock
    _journal_seq: dict[tuple[str, Key], int]
    """Per field, the newest change (its ``seq``) whose text went into the journal or the
    database: an older text never overwrites it, and storing an older one never drops it."""
    _in_flight: list[Pending]
    _journal_thread: threading.Thread | None = None
    _journal_problem: str | None = None

    def _ensure_journal_thread(self) -> None:
        """Under ``_cond``: the journal thread runs (started with the database thread)."""
        thread = self._journal_thread
        if thread is None or not thread.is_alive():
            self._journal_thread = threading.Thread(
                target=self._keep_journal, name="grow-journal", daemon=True
            )
            self._journal_thread.start()

    def _stop_journal_thread(self, timeout: float) -> None:
        thread, self._journal_thread = self._journal_thread, None
        if thread is not None:
            with self._cond:
                self._cond.notify_all()
            thread.join(timeout)

    def _keep_journal(self) -> None:
        """The journal thread's body: journal each waiting text once it is due, until the
        writer stops (the database thread journals what is left then)."""
        while True:
            with self._cond:
                if self._stopping:
                    return
                now = self._clock()
                unjournaled = [
                    p
                    for p in [
                        *self._pending.values(),
                        *self._in_flight,
                    ]  # waiting, or being written
                    if not p.journaled and not p.stored and p.change.text is not None
                ]
                due = [(p, p.change, p.seq) for p in unjournaled if p.journal_due <= now]
                if not due:
                    if not unjournaled:  # nothing typed: sleep until something is (submit wakes it)
                        self._cond.wait()
                        continue
                    wait = min(p.journal_due - now for p in unjournaled)
                    self._cond.wait(max(0.01, min(wait, LONGEST_JOURNAL_SLEEP)))
                    continue
            for pending, change, seq in due:
                try:
                    self._journal(pending, durable=self.failing is not None, picked=(change, seq))
                except Exception as err:  # a bug must not end the thread: say it, go on
                    write_crash_log(err)
                    with self._cond:
                        pending.journal_due = self._clock() + RETRY_SECONDS[-1]

    def _journal(
        self, pending: Pending, *, durable: bool, picked: tuple[Change, int] | None = None
    ) -> None:
        """Put the change's text in the journal (a file write: never under ``_cond``).
        ``picked``: the change and its ``seq`` as they were when picked; a newer one arriving
        meanwhile stays marked as not journaled. Nothing once the change is stored, nor when
        the journal or the database has a newer text of the field already."""
        change, seq = picked or (pending.change, pending.seq)
        if change.text is None:
            return
        field = (change.session_id, change.key)
        with self._journal_lock:
            if pending.journaled or pending.stored:
                return
            if seq < self._journal_seq.get(field, 0):  # a newer text is there already
                with self._cond:
                    if pending.change is change:
                        pending.journaled = True
                return
            try:
                self.journal.keep(
                    change.session_id, change.key, change.text, live.now_iso(),
                    title=self.titles.get(change.session_id, self.journal_title), durable=durable,
                )  # fmt: skip
            except OSError as err:  # a full disk: say so with the next failure, try again later
                self._journal_problem = describe_os_error(err)
                with self._cond:
                    pending.journal_due = self._clock() + RETRY_SECONDS[-1]
                return
            self._journal_seq[field] = seq
            with self._cond:
                if pending.change is change:
                    pending.journaled = True

    def _journal_stored(self, pending: Pending, change: Change) -> None:
        """The database has ``change``: this window's entry of the field goes, unless the
        journal thread has meanwhile put a newer text of the field there (typed while this one
        was being written): then only entries holding the stored text go."""
        field = (change.session_id, change.key)
        with self._journal_lock:
            pending.stored = True
            newest = self._journal_seq.get(field, 0)
            if newest > pending.seq:
                if change.text is not None:
                    self.journal.forget(change.session_id, change.key, change.text)
            else:
                self.journal.stored(change.session_id, change.key, change.text)
            self._journal_seq[field] = max(newest, pending.seq)

    def _journal_all(self, *, durable: bool) -> None:
        with self._cond:
            waiting = [(p, (p.change, p.seq)) for p in self._pending.values()]
        for pending, picked in waiting:
            self._journal(pending, durable=durable, picked=picked)
