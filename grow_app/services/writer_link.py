"""The writer thread's one connection to the database file, and what to say when it fails.

It reconnects when the file was replaced (a restore), refuses when the file is gone (moved or
deleted: it never writes into a file nobody can find again, and never creates an empty one), and
waits silently while the app brings an older file up to date.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.errors import write_crash_log
from grow_app.i18n import t
from grow_app.store import live
from grow_app.store.sqlite_errors import error_key

if TYPE_CHECKING:
    import sqlite3

    from grow_app.services.journal import Journal

BUSY_SECONDS = 0.5
"""How long one write waits for another program's lock before the user is told."""
SCHEMA_WAIT_SECONDS = 20.0
"""How long to wait, silently, for the app to bring an older database up to date."""

_MESSAGES = {
    "db.locked": "writer.locked",
    "reliability.db_full": "writer.full",
    "reliability.db_read_only": "writer.read_only",
    "reliability.db_io_error": "writer.io_error",
    "reliability.db_corrupt": "writer.damaged",
}


class Transient(Exception):
    """A write that may succeed later (locked, full, file away); the message says what is wrong."""


class SchemaNotReady(Exception):
    """The database is older than this grow; the app is bringing it up to date."""


class Link:
    def __init__(self, path: Path, journal: Journal) -> None:
        self.path = path
        self.journal = journal
        self._conn: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None
        self._schema_since: float | None = None

    def get(self) -> sqlite3.Connection:
        try:
            info = os.stat(self.path)
        except OSError as err:
            self.close()
            raise Transient(self.gone()) from err
        identity = (info.st_dev, info.st_ino)
        if self._conn is not None and identity != self._identity:
            self.close()
        if self._conn is None:
            try:
                conn = live.connect(self.path, BUSY_SECONDS)
                version = live.schema_version(conn)
            except live.Error as err:
                raise Transient(self.translate(err)) from err
            if version < live.LIVE_SCHEMA_VERSION:
                conn.close()
                self._wait_for_schema()
            if version > live.LIVE_SCHEMA_VERSION:
                conn.close()
                known = live.LIVE_SCHEMA_VERSION
                raise Transient(t("db.newer_schema", path=self.path, found=version, known=known))
            self._conn, self._identity = conn, identity
            self._schema_since = None
        return self._conn

    def _wait_for_schema(self) -> None:
        now = time.monotonic()
        self._schema_since = self._schema_since or now
        if now - self._schema_since < SCHEMA_WAIT_SECONDS:
            raise SchemaNotReady
        raise Transient(t("writer.old_schema", path=self.path, journal=self.journal_place()))

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(live.Error):  # a file that went away: nothing to close
                self._conn.close()
            self._conn = None

    # -- what to say -----------------------------------------------------------------------------
    def journal_place(self) -> str:
        return str(self.journal.place())

    def translate(self, err: Exception) -> str:
        key = _MESSAGES.get(error_key(err) or "") if isinstance(err, live.Error) else None
        if key is None:
            if not self.path.exists():
                return self.gone()
            return self.unexpected(err)
        return t(key, path=self.path, journal=self.journal_place())

    def gone(self) -> str:
        return t("writer.file_gone", path=self.path, journal=self.journal_place())

    def unexpected(self, err: BaseException) -> str:
        log = write_crash_log(err)
        return t(
            "writer.unexpected",
            kind=type(err).__name__,
            log=log or "-",
            journal=self.journal_place(),
        )
