"""Opening the database safely, and the one way to write to it.

A file is inspected read-only before it is opened for writing: a file that is not SQLite, that
is cut short, that belongs to another program, that comes from a newer grow, or that cannot be
written (read-only file or folder) is refused and left byte-for-byte as it was. Every connection
turns on WAL, foreign keys and a busy timeout.

Two processes on one file: every write takes the write lock up front (``BEGIN IMMEDIATE``).
SQLite's busy handler waits up to ``BUSY_TIMEOUT_SECONDS`` for another writer; a busy answer that
SQLite gives without waiting (WAL recovery, a checkpoint that resets the log) is retried with a
growing pause until the same deadline. After that the user gets one line (``db.locked``). Reads
in WAL mode never wait for a writer; they can only meet a busy file during recovery or a
checkpoint-restart, and then the same busy timeout applies.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.errors import DatabaseError, describe_os_error
from grow_app.i18n import t
from grow_app.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET, SCHEMA_VERSION, migrations
from grow_app.store.sqlite_errors import error_key

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 10.0
"""Longest total wait for the write lock before the user is told the file stays locked."""
RETRY_FIRST_PAUSE = 0.01
RETRY_MAX_PAUSE = 0.25


def translate_error(err: sqlite3.Error, path: object) -> DatabaseError | None:
    """One translated line for an SQLite error about the file at ``path`` (or ``None``)."""
    key = error_key(err)
    return DatabaseError(t(key, path=path)) if key else None


def _is_busy(err: sqlite3.Error) -> bool:
    return error_key(err) == "db.locked"


def _check_size(path: Path, header: bytes) -> None:
    """Refuse a file that is shorter than its own header says (a copy cut off halfway).

    Not while a write-ahead log lies beside it: a checkpoint cut short by a crash can leave the
    file short for a moment, and SQLite completes it from the log on the next open."""
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.stat().st_size > 0:
            return
    except OSError:
        # No log; or one that went away just now, as the last other connection closed (then
        # all is in the file). Asking "exists?" and then its size lost that race under load:
        # opening a session ended in FileNotFoundError.
        pass
    if len(header) < 100:
        raise DatabaseError(t("reliability.db_corrupt", path=path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    size = path.stat().st_size
    if page_size < 512 or size % page_size or (header_valid and pages * page_size > size):
        raise DatabaseError(t("reliability.db_corrupt", path=path))


def _check_writable(path: Path) -> None:
    """Refuse a read-only file or folder before SQLite is asked to write (WAL needs the folder)."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseError(t("reliability.db_read_only_folder", path=path, folder=folder))
    if path.exists():
        try:
            fd = os.open(path, os.O_RDWR)  # opening for writing changes nothing
        except OSError as err:
            raise DatabaseError(t("reliability.db_read_only", path=path)) from err
        os.close(fd)


def _inspect_existing(path: Path) -> None:
    """Refuse a file we must not touch. Only reads: opens with ``mode=ro``."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as err:
        raise DatabaseError(t("db.unreadable", path=path, reason=describe_os_error(err))) from err
    if not header:
        return  # an empty file is a new database
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        raise DatabaseError(t("db.not_sqlite", path=path))
    _check_size(path, header)
    _check_writable(path)  # before SQLite: a WAL reader needs to create -shm in the folder
    # A read-only connection to a WAL file still creates "-wal" and "-shm" beside it. When
    # neither exists, no other connection is open and everything is in the main file, so read it
    # as immutable: then SQLite creates nothing, and a refused file's folder stays as it was.
    sidecars = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))
    query = "mode=ro" if sidecars else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?{query}", uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            applied: set[str] = set()
            if "_sqlite_migrations" in tables:
                applied = {
                    r[0]
                    for r in conn.execute(
                        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                        [MIGRATION_SET],
                    )
                }
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        translated = translate_error(err, path)
        if translated is not None:
            raise translated from err
        if isinstance(err, sqlite3.OperationalError):  # e.g. no permission to read it
            raise DatabaseError(t("db.unreadable", path=path, reason=err)) from err
        raise DatabaseError(t("db.damaged", path=path)) from err  # SQLite header, rest is not
    if version > SCHEMA_VERSION or applied - KNOWN_MIGRATIONS:
        raise DatabaseError(t("db.newer_schema", path=path, found=version, known=SCHEMA_VERSION))
    user_tables = {name for name in tables if not name.startswith(("sqlite_", "_sqlite"))}
    if user_tables and not applied:
        raise DatabaseError(t("db.foreign", path=path))


def connect(path: Path | str) -> sqlite3.Connection:
    """A raw connection with grow's pragmas; usable from a worker thread."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return conn


def database_on(conn: sqlite3.Connection) -> Database:
    """sqlite-utils' ``Database`` over a connection that is already open (the writer thread's,
    for a task of the services)."""
    from sqlite_utils import Database

    return Database(conn)


def worker_database(db: Database | Path | str) -> Database:
    """A second connection to the grow database, for a worker thread: WAL lets it read (and
    write) beside the app's own connection, which must never be used from two threads.

    ``db`` is the app's database, or the path of its file. The file must exist and be grow's:
    it is checked as :func:`open_database` checks it, and a missing file is refused (one line),
    never created. An in-memory database (tests) has no second connection: ``db`` itself comes
    back, so close the result only when it is not ``db`` (:func:`close_worker_database`)."""
    path = db if isinstance(db, Path | str) else database_path(db)
    if str(path) == ":memory:":
        if isinstance(db, Path | str):
            raise DatabaseError(t("db.missing", path=path))
        return db
    return open_database(path, create=False)


def close_worker_database(worker: Database, db: Database) -> None:
    """Close a connection from :func:`worker_database` (not the app's own, which it may be)."""
    if worker is not db:
        worker.conn.close()


def open_database(
    path: Path | str, *, migrate: bool = True, create: bool = True, create_folder: bool = True
) -> Database:
    """Open (and create or migrate) the grow database at ``path``; ``":memory:"`` for tests.

    ``create=False``: a file that does not exist yet is refused (``db.missing``) and nothing is
    created, for commands that only read. ``create_folder=False``: a missing parent folder is
    refused (``db.folder_missing``) instead of made, for a path the user typed (a typo)."""
    if str(path) != ":memory:":
        path = Path(path)
        if path.is_dir():
            raise DatabaseError(t("db.is_folder", path=path))
        if not path.parent.is_dir() and not create_folder:
            raise DatabaseError(t("db.folder_missing", folder=path.parent, path=path))
        if path.exists():
            _inspect_existing(path)
        elif not create:
            raise DatabaseError(t("db.missing", path=path))
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise DatabaseError(
                    t("db.unreadable", path=path, reason=describe_os_error(err))
                ) from err
        _check_writable(path)  # a new (or empty) file, too
    from sqlite_utils import Database  # here, not above: commands that only read go without

    try:
        conn = connect(path)
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a killed process; only a power cut may lose the last commit.
            conn.execute("PRAGMA synchronous = NORMAL")
        db = Database(conn)
        if migrate:
            apply_migrations(db)
    except sqlite3.DatabaseError as err:
        raise translate_error(err, path) or DatabaseError(
            t("db.unreadable", path=path, reason=err)
        ) from err
    return db


def apply_migrations(db: Database) -> None:
    if not migrations.pending(db):
        return
    # Hold the write lock for the whole run, so two processes never migrate at once; the
    # migrations run as savepoints inside it and apply() re-checks what is still pending.
    with _immediate(db):
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _begin_immediate(db: Database) -> None:
    """``BEGIN IMMEDIATE``, retried on a busy file with a growing pause, bounded in total."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    pause = RETRY_FIRST_PAUSE
    while True:
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as err:
            left = deadline - time.monotonic()
            if not _is_busy(err) or left <= 0:
                raise translate_error(err, database_path(db)) or err from err
        time.sleep(min(pause, left))
        pause = min(pause * 2, RETRY_MAX_PAUSE)


@contextmanager
def _immediate(db: Database) -> Iterator[Database]:
    conn = db.conn
    _begin_immediate(db)
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as err:
        # Whatever went wrong (a full disk, a lost lock, a bug), the whole write is undone:
        # the file holds the state from before it, never half of it.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(err, sqlite3.Error):
            translated = translate_error(err, database_path(db))
            if translated is not None:
                raise translated from err
        raise


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """One short write transaction. Takes the write lock up front (``BEGIN IMMEDIATE``), waits
    up to the busy timeout for another process, and then says clearly that the file is locked.
    Nested use joins the outer transaction. A full disk, a read-only or damaged file becomes one
    translated line (:class:`DatabaseError`) after the transaction is rolled back."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    with _immediate(db):
        yield db


def database_path(db: Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else ":memory:"
