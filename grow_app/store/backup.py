"""Copies of the database through SQLite's backup API, checks of a copy, and swapping files.

Everything here works on paths and opens its own connections, so it is safe to call from a
worker thread while the app (or another process) keeps writing to the same file in WAL mode.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from grow_app.store.connection import BUSY_TIMEOUT_SECONDS, SQLITE_HEADER, connect
from grow_app.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET, SCHEMA_VERSION

Error = sqlite3.Error
"""What a copy or a check can raise (the services catch it without importing sqlite3)."""
DatabaseError = sqlite3.DatabaseError
"""A file that is not a readable database."""


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never change ``path`` (``mode=ro``)."""
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_SECONDS,
        check_same_thread=False,
    )


def _log_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


@contextlib.contextmanager
def _reading(path: Path):
    """A read-only connection to ``path`` that leaves no ``-wal``/``-shm`` behind.

    A read-only connection to a WAL database creates those two files but may not remove them
    when it closes (only a connection that can write checkpoints and deletes them). So when they
    were not there before, one ordinary connection is opened and closed afterwards: as the last
    connection it folds the (empty) log in and removes both. When another program has the file
    open, its log is its own and stays untouched.
    """
    had_log = any(f.exists() for f in _log_files(path))
    conn = _read_only(path)
    try:
        yield conn
    finally:
        conn.close()
        if not had_log and any(f.exists() for f in _log_files(path)):
            tidy = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
            try:
                tidy.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                tidy.close()


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}-{threading.get_ident()}.tmp")


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    """Remove a temporary file of ours if it is there (after a failed copy)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def copy_database(source: Path, target: Path) -> None:
    """Write a consistent snapshot of ``source`` to ``target`` as one self-contained file.

    The snapshot is one read transaction (a WAL reader never blocks the writers), copied in one
    step, switched to ``journal_mode=DELETE`` so it needs no ``-wal`` beside it, checked with
    ``quick_check``, flushed to disk and only then renamed to ``target``: a crash or a full disk
    leaves no half copy under the final name. Raises ``sqlite3.Error`` or ``OSError``.
    """
    tmp = _temp_beside(target)
    remove_quietly(tmp)
    try:
        with _reading(source) as src:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                problems = [r[0] for r in dst.execute("PRAGMA quick_check")]
                if problems != ["ok"]:
                    raise sqlite3.DatabaseError("; ".join(problems[:3]))
            finally:
                dst.close()
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    except BaseException:
        remove_quietly(tmp)
        raise


@dataclass(frozen=True)
class FileCheck:
    """What a candidate database file turned out to be."""

    ok: bool
    problem: str = ""  # "missing", "not_grow", "damaged" or "newer"


def check_grow_file(path: Path) -> FileCheck:
    """Is ``path`` a whole grow database of a schema this version knows? Only reads it."""
    if not path.is_file():
        return FileCheck(False, "missing")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return FileCheck(False, "missing")
    if header != SQLITE_HEADER:
        return FileCheck(False, "not_grow")
    try:
        with _reading(path) as conn:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                return FileCheck(False, "damaged")
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "_sqlite_migrations" not in tables:
                return FileCheck(False, "not_grow")
            applied = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
                )
            }
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        return FileCheck(False, "damaged")
    if not applied:
        return FileCheck(False, "not_grow")
    if applied - KNOWN_MIGRATIONS or version > SCHEMA_VERSION:
        return FileCheck(False, "newer")
    return FileCheck(True)


@dataclass(frozen=True)
class Contents:
    """What a grow database holds, in the words a user checks before a restore."""

    partnerships: int
    sessions: int
    newest_session: str | None  # the date of the newest session, "YYYY-MM-DD"


def contents(path: Path) -> Contents:
    """Counts of the partnerships and sessions in ``path`` (not in the trash); only reads."""
    with _reading(path) as conn:
        partnerships = conn.execute(
            "SELECT count(*) FROM partnerships WHERE deleted_at IS NULL"
        ).fetchone()[0]
        sessions, newest = conn.execute(
            "SELECT count(*), max(s.date) FROM sessions s JOIN partnerships p "
            "ON p.id = s.partnership_id WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL"
        ).fetchone()
    return Contents(partnerships, sessions, str(newest)[:10] if newest else None)


def close_for_swap(path: Path) -> bool:
    """Fold the write-ahead log into ``path`` and leave it without ``-wal``/``-shm``.

    Switching out of WAL needs the only connection to the file, so this doubles as the check
    that no other grow has it open: returns False (and changes nothing) when one does.
    """
    conn = connect(path)
    try:
        conn.execute("PRAGMA busy_timeout = 200")
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError:
            return False
        return str(mode).lower() == "delete"
    finally:
        conn.close()


def has_live_log(path: Path) -> bool:
    """True when a non-empty ``-wal`` lies beside ``path``: someone's writes not yet folded in."""
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def replace_file(new: Path, target: Path) -> None:
    """Put ``new`` in the place of ``target`` in one rename (the caller checked that no log is
    left beside ``target``: a stale ``-wal`` must never be replayed into another file)."""
    with new.open("rb+") as handle:
        os.fsync(handle.fileno())
    remove_quietly(target.with_name(target.name + "-shm"))
    os.replace(new, target)
    _fsync_folder(target.parent)
