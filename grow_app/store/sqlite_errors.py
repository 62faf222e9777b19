"""Which SQLite errors a user can act on, and the message key for each (standard library only,
so the writer thread can translate an error before sqlite-utils is imported)."""

from __future__ import annotations

import sqlite3

# Primary SQLite result codes (``err.sqlite_errorcode & 0xFF``) and the message each becomes.
_ERROR_KEYS = {
    5: "db.locked",  # SQLITE_BUSY
    6: "db.locked",  # SQLITE_LOCKED
    8: "reliability.db_read_only",  # SQLITE_READONLY
    10: "reliability.db_io_error",  # SQLITE_IOERR
    11: "reliability.db_corrupt",  # SQLITE_CORRUPT
    13: "reliability.db_full",  # SQLITE_FULL
    26: "reliability.db_corrupt",  # SQLITE_NOTADB
}
_ERROR_TEXTS = (
    ("locked", "db.locked"),
    ("busy", "db.locked"),
    ("disk is full", "reliability.db_full"),
    ("readonly", "reliability.db_read_only"),
    ("read-only", "reliability.db_read_only"),
    ("malformed", "reliability.db_corrupt"),
    ("not a database", "reliability.db_corrupt"),
    ("disk i/o error", "reliability.db_io_error"),
)


def error_key(err: sqlite3.Error) -> str | None:
    """The message key for an SQLite error the user can act on; ``None`` for a programming error."""
    if isinstance(err, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return None
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in _ERROR_KEYS:
        return _ERROR_KEYS[code & 0xFF]
    text = str(err).lower()
    return next((key for fragment, key in _ERROR_TEXTS if fragment in text), None)
