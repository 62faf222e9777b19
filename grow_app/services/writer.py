"""The one writer: a supervised background thread that stores every change of the meeting.

The screen hands over a :class:`~grow_app.services.changes.Change` and goes on at once; it never
waits on SQLite. The thread

* waits ``delay`` seconds after the last change of a field (a later change of the same field
  replaces a waiting one), but never longer than :data:`MAX_WAIT` after its first, so what was
  typed a second ago is on disk even while typing never pauses;
* stores changes in the order they were made (a field typed into a new action row waits for the
  row), each in its own short transaction, on its own connection;
* first puts a change's text in the recovery :class:`~grow_app.services.journal.Journal` and
  removes it once the database has it, so nothing typed depends on the database taking it
  (a thread of its own does that within a moment, whatever the database is doing:
  :mod:`grow_app.services.writer_journal`);
* never dies: every error is caught and becomes one translated line (:class:`Failing`) that
  holds until a write succeeds again (:class:`Recovered`); it retries with a growing pause. What
  retrying cannot fix (the session was removed elsewhere) is said plainly (:class:`Refused`)
  and the text stays in the journal;
* between writes, watches the database: when another window, tab or process commits
  (``PRAGMA data_version``), it reads what changed in the watched session and reports it
  (:class:`Remote`), within :data:`POLL_SECONDS`.

Events are handed to ``on_event`` on the writer thread; the screen posts them to itself.
Standard library only (plus grow's light modules): it runs from the first frame of ``grow open``.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from grow_app.errors import GrowError, NotFoundError, write_crash_log
from grow_app.i18n import t
from grow_app.services.changes import Change, Key
from grow_app.services.journal import Journal
from grow_app.services.own_saves import OwnSaves
from grow_app.services.writer_events import (
    Failing,
    Recovered,
    Refused,
    Remote,  # noqa: F401 (reported by the watch, writer_watch.py; importable from here)
    Saved,
    WriterEvent,
)
from grow_app.services.writer_journal import JournalKeeping
from grow_app.services.writer_link import Link, SchemaNotReady, Transient
from grow_app.services.writer_queue import (  # noqa: F401 (the timings, importable from here)
    JOURNAL_SECONDS,
    MAX_WAIT,
    POLL_SECONDS,
    RETRY_SECONDS,
    Pending,
    Watch,
    journal_delay,
    new_origin,
)
from grow_app.services.writer_watch import Watching
from grow_app.store import live


class Writer(Watching, JournalKeeping):
    def __init__(
        self,
        path: Path | str,
        *,
        journal: Journal | None = None,
        on_event: Callable[[WriterEvent], None] | None = None,
        origin: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        journal_title: str = "",
    ) -> None:
        self.path = Path(path)
        self.journal = journal or Journal(database=self.path)
        self.journal_title = journal_title
        self.origin = origin or new_origin()
        self._on_event = on_event
        self._clock = clock
        self._pending: dict[Key, Pending] = {}
        self._cond = threading.Condition()
        self._journal_lock = threading.Lock()
        self._journal_seq: dict[tuple[str, Key], int] = {}
        self._seq = 0
        self._thread: threading.Thread | None = None
        self._link = Link(self.path, self.journal)
        self._in_flight: list[Pending] = []
        """The batch being written (the journal thread still sees it); empty between writes."""
        self._stopping = False
        self._retry_at = 0.0
        self._attempt = 0
        self.failing: str | None = None
        """The line shown while changes wait (None when everything is stored)."""
        self._watch: Watch | None = None
        self._own = OwnSaves()  # this window's own saves are never another window's
        self.saved_count = 0
        self.titles: dict[str, str] = {}
        """Per session, the line that heads its recovery files ('partnership · date · card')."""

    # -- the caller's side (UI thread): never blocks on the database ---------------------------
    def submit(self, change: Change, delay: float = 0.0) -> None:
        """Store ``change`` after ``delay`` seconds, replacing a waiting change of the same field."""
        with self._cond:
            now = self._clock()
            delay = max(0.0, delay)
            key = change.key if change.coalesces else (*change.key, uuid.uuid4().hex)
            earlier = self._pending.get(key)
            journal_at = now + journal_delay(change)
            self._seq += 1
            if earlier is not None:
                earlier.change = change
                earlier.seq = self._seq
                earlier.due = min(now + delay, earlier.latest)
                if earlier.journaled:
                    earlier.journaled = False
                    earlier.journal_due = journal_at
            else:
                latest = now + max(delay, MAX_WAIT)
                due = min(now + delay, latest)
                self._pending[key] = Pending(
                    change, due, latest, journal_due=journal_at, seq=self._seq
                )
            self._ensure_thread()
            self._cond.notify_all()

    def save_soon(self) -> None:
        """Make every waiting change due now (leaving a question, a dialog, the app)."""
        with self._cond:
            for pending in self._pending.values():
                pending.due = 0.0
            self._retry_at = 0.0
            self._cond.notify_all()

    def holds(self, session_id: str, key: Key) -> bool:
        """Is a text of this field still on its way (waiting, or being written and its journal
        entry dropped)? Its journal entry is then this window's own work, not text to recover."""
        with self._cond:
            changes = [p.change for p in [*self._pending.values(), *self._in_flight]]
        return any(c.session_id == session_id and c.key == key for c in changes)

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._pending) + (1 if self._in_flight else 0)

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything now and wait for it (quitting, tests). False at once while the
        database refuses writes (the journal has the texts), or on timeout."""
        deadline = time.monotonic() + timeout
        self.save_soon()
        with self._cond:
            while self._pending or self._in_flight:
                left = deadline - time.monotonic()
                if left <= 0 or self.failing is not None or not self._alive():
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def unsaved(self) -> list[Change]:
        with self._cond:
            return [p.change for p in self._pending.values()]

    def close(self, timeout: float = 10.0) -> bool:
        """Write what waits (or journal it), stop the thread and close its connection.
        Returns True when everything reached the database. Safe to call twice."""
        flushed = self.flush(timeout)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        thread = self._thread
        if thread is not None:
            thread.join(max(1.0, timeout))
            self._thread = None
        self._stop_journal_thread(1.0)
        return flushed and not self.unsaved()

    # -- the writer thread -----------------------------------------------------------------------
    def _alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _ensure_thread(self) -> None:
        if not self._alive():
            self._stopping = False
            self._thread = threading.Thread(target=self._supervise, name="grow-writer", daemon=True)
            self._thread.start()
        self._ensure_journal_thread()

    def _supervise(self) -> None:
        """The thread's body: whatever happens in one round, the next round comes."""
        while True:
            try:
                if not self._round():
                    break
            except Exception as err:  # a bug: keep the texts, say it once, carry on
                self._report_failure(self._link.unexpected(err))
                time.sleep(RETRY_SECONDS[-1])
        self._journal_all(durable=True)
        self._link.close()

    def _round(self) -> bool:
        """One step: write what is due, or watch, or sleep. False when it is time to stop."""
        poll = False
        with self._cond:
            batch = self._take_due()
            if batch is not None:
                self._in_flight = [p for _k, p in batch]  # the journal thread still sees them
            elif self._stopping:
                return False
            else:
                now = self._clock()
                if self._watch is not None and now >= self._next_poll and self.failing is None:
                    poll = True
                    self._next_poll = now + POLL_SECONDS
                if not poll:
                    self._cond.wait(self._sleep_time(now))
                    return True
        if batch is not None:
            try:
                self._write(batch)
            finally:
                with self._cond:
                    self._in_flight = []
                    self._cond.notify_all()
        elif poll:
            self._poll()
        return True

    _next_poll = 0.0

    def _sleep_time(self, now: float) -> float:
        wake = [POLL_SECONDS if self._watch is None else self._next_poll - now]
        if self._pending:
            first_due = min(p.due for p in self._pending.values())
            wake.append(max(first_due, self._retry_at) - now)
        return max(0.01, min(wake))

    def _take_due(self) -> list[tuple[Key, Pending]] | None:
        """Under the lock: every change up to the last one that is due, in the order made."""
        if not self._pending:
            return None
        now = self._clock()
        if self._stopping and (self.failing is not None or now < self._retry_at):
            # Closing while the database refuses, or is not ready (being brought up to date by
            # another grow): the journal keeps them. (Retrying at once until it is ready kept a
            # closed writer's thread going at 100 % of a core.)
            return None
        if not self._stopping and now < self._retry_at:
            return None
        items = list(self._pending.items())
        last_due = max(
            (i for i, (_k, p) in enumerate(items) if p.due <= now or self._stopping), default=-1
        )
        if last_due < 0:
            return None
        batch = items[: last_due + 1]
        for key, _pending in batch:
            del self._pending[key]
        return batch

    def _write(self, batch: list[tuple[Key, Pending]]) -> None:
        done = 0
        try:
            for _key, pending in batch:
                self._journal(pending, durable=self.failing is not None)
                self._store(pending)
                done += 1
        except SchemaNotReady:
            self._requeue(batch[done:], pause=RETRY_SECONDS[0], report=False)
        except Transient as problem:
            self._requeue(batch[done:], pause=self._next_pause(), report=True)
            self._journal_all(durable=True)
            self._report_failure(str(problem))

    def _store(self, pending: Pending) -> None:
        change = self._own.rebased(pending.change)
        conn = self._link.get()
        stamp = live.now_iso()
        try:
            written = change.apply(conn, self.origin, stamp)
        except live.Gone:
            self._refuse(pending, change, t("writer.session_gone", journal=self._journal_place()))
            return
        except NotFoundError as err:  # a task on something that is gone (already in the trash)
            self._refuse(pending, change, err.message)
            return
        except GrowError as err:  # the store's own translated line (locked, full...)
            self._link.close()
            raise Transient(err.message) from err
        except live.IntegrityError as err:
            self._refuse(pending, change, self._link.unexpected(err))
            return
        except live.Error as err:
            self._link.close()
            raise Transient(self._link.translate(err)) from err
        except OSError as err:
            self._link.close()
            raise Transient(self._link.gone()) from err
        except Exception as err:  # a bug in one change must not take the others along
            self._refuse(pending, change, self._link.unexpected(err))
            return
        self._own.stored(change)
        self.saved_count += 1
        self._attempt = 0
        self._journal_stored(pending, change)
        if self._watch is not None and change.key[0] == "answer" and written.changed:
            self._watch.known[change.key] = (written.revision, stamp)
        if self.failing is not None:
            self.failing = None
            self._emit(Recovered())
        self._emit(Saved(change, written))

    def _requeue(self, items: list[tuple[Key, Pending]], *, pause: float, report: bool) -> None:
        with self._cond:
            newer = self._pending
            self._pending = {}
            for key, pending in items:
                if key in newer:  # a newer text of the same field came in meanwhile
                    continue
                self._pending[key] = pending
            self._pending.update(newer)
            self._retry_at = self._clock() + pause
            if report:
                self._attempt += 1

    def _next_pause(self) -> float:
        return RETRY_SECONDS[min(self._attempt, len(RETRY_SECONDS) - 1)]

    # -- the journal (the rest: writer_journal.py) ------------------------------------------
    def _journal_place(self) -> str:
        return self._link.journal_place()

    # -- telling the screen --------------------------------------------------------------------
    def _emit(self, event: WriterEvent) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception as err:  # a screen that is gone: the writer itself goes on
            write_crash_log(err)

    def _report_failure(self, message: str) -> None:
        if self._journal_problem:
            message = f"{message} {t('writer.journal_failed', reason=self._journal_problem)}"
            self._journal_problem = None
        if message != self.failing:
            self.failing = message
            self._emit(Failing(message))

    def _refuse(self, taken: Pending, change: Change, message: str) -> None:
        pending = Pending(change, 0.0, 0.0, seq=taken.seq)
        self._journal(pending, durable=True)
        self._emit(Refused(change, message))
