"""The database for commands that only read, through the standard library alone.

sqlite-utils takes longer to import than a whole bare command-line program needs to start, and a
listing only runs a few SELECTs. :func:`open_reader` makes the same checks as
:func:`grow_app.store.connection.open_database` on an existing file (a file that is not SQLite, is
cut short, belongs to another program or comes from a newer grow is refused with the same one
line), and then hands out a plain connection that refuses writes (``query_only``).

A file that still needs a migration (``None``) takes the ordinary way, which migrates it.
:class:`ReadOnlyDatabase` offers the two read methods of sqlite-utils' ``Database`` that the
store's read functions use (``execute`` and ``query``), so they work on either.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from grow_app.errors import DatabaseError
from grow_app.i18n import t
from grow_app.store.connection import _inspect_existing, connect, translate_error
from grow_app.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET


class ReadOnlyDatabase:
    """A plain connection with sqlite-utils' ``execute`` and ``query``; writes are refused."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[object] | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, params: Sequence[object] | dict = ()) -> Iterator[dict]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))


def _current(conn: sqlite3.Connection) -> bool:
    """True when every migration this grow knows has been applied, and no other."""
    try:
        applied = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
    except sqlite3.OperationalError:  # no migrations table: a new, empty file
        return False
    return applied == KNOWN_MIGRATIONS


def open_reader(path: Path) -> ReadOnlyDatabase | None:
    """The existing, current grow database at ``path`` for reading; None when the file is not
    there or needs a migration (take :func:`open_database` then: it explains or migrates)."""
    if not path.is_file():
        return None
    _inspect_existing(path)  # refuses what grow must not touch, with one clear line
    try:
        conn = connect(path)
        if not _current(conn):
            conn.close()
            return None
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as err:
        raise translate_error(err, path) or DatabaseError(
            t("db.unreadable", path=path, reason=err)
        ) from err
    return ReadOnlyDatabase(conn)
