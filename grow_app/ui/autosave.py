"""The autosave writer: one background thread that stores what is typed, so typing never waits.

Edits are *submitted* with a key (e.g. the answer they belong to) and a delay; a later edit with
the same key replaces the earlier one (only the newest text is written). Someone who types on
without ever pausing for the delay is still saved: a pending edit is written at most
``max(delay, MAX_WAIT)`` seconds after the first unsaved keystroke (so with the default delay
what was typed a second ago is on disk, even under SIGKILL; tests/functional/test_sigkill_session.py). The thread writes each
job when its delay has passed, through its own SQLite connection, one job at a time. ``flush()``
writes everything now and waits; ``close()`` flushes and stops the thread (used on quit).

When the database is in memory (only in tests) there is no second connection to open, so jobs
run at once on the caller's thread.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from sqlite_utils import Database

from grow_app.errors import GrowError
from grow_app.store.connection import connect, database_path, translate_error

Job = Callable[[Database], object]
RETRY_SECONDS = 1.0
MAX_WAIT = 0.7
"""Longest a typed edit waits for its write while typing goes on (with the default delay)."""


@dataclass
class _Pending:
    job: Job
    due: float
    text: str | None = None
    latest: float = float("inf")
    """The write may be postponed by new edits, but never past this moment."""


class Autosaver:
    """A single serialised writer thread with debounce per key."""

    def __init__(
        self,
        db: Database,
        *,
        on_saved: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._shared = db
        self._path = database_path(db)
        self._inline = self._path in ("", ":memory:")
        self._on_saved = on_saved
        self._on_error = on_error
        self._clock = clock
        self._pending: dict[Hashable, _Pending] = {}
        self._busy = False
        self._running: tuple[Hashable, _Pending] | None = None
        self._stopping = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._db: Database | None = None
        self.saved_count = 0
        self.last_error: str | None = None

    # -- the caller's side (UI thread) ------------------------------------------------------
    def submit(
        self, key: Hashable, job: Job, delay: float = 0.0, *, text: str | None = None
    ) -> None:
        """Write ``job`` after ``delay`` seconds, replacing a pending job with the same key.

        ``text`` is what the job stores, kept so that :meth:`unsaved` can name it if the
        database cannot be reached before the app closes."""
        if self._inline:
            self._pending.pop(key, None)
            self._run(job, self._shared)
            return
        with self._cond:
            now = self._clock()
            delay = max(0.0, delay)
            earlier = self._pending.get(key)
            latest = earlier.latest if earlier else now + max(delay, MAX_WAIT)
            self._pending[key] = _Pending(job, min(now + delay, latest), text, latest)
            self._ensure_thread()
            self._cond.notify_all()

    def save_soon(self) -> None:
        """Make every pending job due now, without waiting for it (e.g. on leaving a question)."""
        with self._cond:
            for pending in self._pending.values():
                pending.due = 0.0
            self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything pending now and wait until it is stored. False on timeout/failure."""
        if self._inline:
            return not self._pending
        deadline = time.monotonic() + timeout
        with self._cond:
            for pending in self._pending.values():
                pending.due = 0.0
            self._cond.notify_all()
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0 or self._thread is None or not self._thread.is_alive():
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def unsaved(self) -> list[tuple[Hashable, str]]:
        """What is still waiting to be written (key and text), e.g. after a failed close."""
        with self._cond:
            items = list(self._pending.items())
            if self._running is not None:
                items.append(self._running)
        return [(key, p.text) for key, p in items if p.text is not None]

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._pending) + (1 if self._busy else 0)

    def close(self, timeout: float = 10.0) -> bool:
        """Flush, stop the thread and close its connection. Safe to call twice."""
        flushed = self.flush(timeout)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        return flushed

    # -- the writer thread -------------------------------------------------------------------
    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stopping = False
            self._thread = threading.Thread(target=self._loop, name="grow-autosave", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        conn = connect(self._path)
        # Durable even on power loss: the fsync happens here, never on the UI thread.
        conn.execute("PRAGMA synchronous = FULL")
        db = Database(conn)
        try:
            while True:
                with self._cond:
                    key, pending = self._next_due()
                    if pending is None:
                        if self._stopping:
                            return
                        continue
                    self._busy = True
                    self._running = (key, pending)
                ok = False
                try:
                    ok = self._run(pending.job, db)
                finally:
                    with self._cond:
                        self._busy = False
                        self._running = None
                        if not ok and key not in self._pending:
                            # keep the text and try again shortly (e.g. the file was locked)
                            pending.due = pending.latest = self._clock() + RETRY_SECONDS
                            self._pending[key] = pending
                        self._cond.notify_all()
        finally:
            conn.close()

    def _next_due(self) -> tuple[Hashable, _Pending | None]:
        """Under the lock: pop the first due job, or wait a little and return None.

        When stopping, jobs that already failed are not retried (their text stays listed in
        :meth:`unsaved`), so closing cannot loop on a database that stays unreachable."""
        if not self._pending or self._stopping:
            if not self._stopping:
                self._cond.wait(0.5)
            return None, None
        now = self._clock()
        key, pending = min(self._pending.items(), key=lambda kv: kv[1].due)
        if pending.due > now:
            self._cond.wait(min(pending.due - now, 0.5))
            return None, None
        del self._pending[key]
        return key, pending

    def _run(self, job: Job, db: Database) -> bool:
        try:
            job(db)
        except (sqlite3.Error, GrowError) as err:
            # One translated line for the user (a raw SQLite error is translated here too).
            translated = translate_error(err, self._path) if isinstance(err, sqlite3.Error) else err
            self.last_error = " ".join(str(translated or err).split())
            if self._on_error is not None:
                self._on_error(self.last_error)
            return False
        self.saved_count += 1
        self.last_error = None
        if self._on_saved is not None:
            self._on_saved()
        return True
