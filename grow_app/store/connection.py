"""Opening the database safely, and the one way to write to it.

A file is inspected read-only before it is opened for writing: a file that is not SQLite, that
belongs to another program, or that comes from a newer grow is refused and left byte-for-byte
as it was. Every connection turns on WAL, foreign keys and a busy timeout.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from grow_app.errors import DatabaseError
from grow_app.i18n import t
from grow_app.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET, SCHEMA_VERSION, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 10.0


def _inspect_existing(path: Path) -> None:
    """Refuse a file we must not touch. Only reads: opens with ``mode=ro``."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as err:
        raise DatabaseError(t("db.unreadable", path=path, reason=err.strerror or err)) from err
    if not header:
        return  # an empty file is a new database
    if header != SQLITE_HEADER:
        raise DatabaseError(t("db.not_sqlite", path=path))
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
    except sqlite3.OperationalError as err:  # e.g. no permission to read it
        raise DatabaseError(t("db.unreadable", path=path, reason=err)) from err
    except sqlite3.DatabaseError as err:  # the header says SQLite, the rest is not
        raise DatabaseError(t("db.damaged", path=path)) from err
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


def open_database(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (and create or migrate) the grow database at ``path``; ``":memory:"`` for tests."""
    if str(path) != ":memory:":
        path = Path(path)
        if path.is_dir():
            raise DatabaseError(t("db.is_folder", path=path))
        if path.exists():
            _inspect_existing(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise DatabaseError(
                    t("db.unreadable", path=path, reason=err.strerror or err)
                ) from err
    try:
        conn = connect(path)
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a killed process; only a power cut may lose the last commit.
            conn.execute("PRAGMA synchronous = NORMAL")
        db = Database(conn)
        if migrate:
            apply_migrations(db)
    except sqlite3.OperationalError as err:
        raise DatabaseError(t("db.unreadable", path=path, reason=err)) from err
    return db


def apply_migrations(db: Database) -> None:
    if not migrations.pending(db):
        return
    # Hold the write lock for the whole run, so two processes never migrate at once; the
    # migrations run as savepoints inside it and apply() re-checks what is still pending.
    with _immediate(db):
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextmanager
def _immediate(db: Database) -> Iterator[Database]:
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            raise DatabaseError(t("db.locked", path=database_path(db))) from err
        raise
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """One short write transaction. Takes the write lock up front (``BEGIN IMMEDIATE``), waits
    up to the busy timeout for another process, and then says clearly that the file is locked.
    Nested use joins the outer transaction."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    with _immediate(db):
        yield db


def database_path(db: Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else ":memory:"
