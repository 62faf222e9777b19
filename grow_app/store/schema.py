"""The schema, as sqlite-utils migrations from the very first release.

Add a migration at the end; never edit one that has shipped. ``SCHEMA_VERSION`` is the number of
migrations and is also written to ``PRAGMA user_version`` so that a file from a newer grow is
recognised (and refused) before anything is written to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "grow"


class _Step(NamedTuple):
    name: str
    fn: Callable[[Database], None]
    transactional: bool = True


class _LazyMigrations:
    """The migrations by name, in order, known without importing sqlite-utils (so that a command
    that only reads can tell a current file from one that needs migrating); sqlite-utils'
    ``Migrations`` is made from them when they are checked or applied."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[_Step] = []

    def __call__(
        self, *, name: str, transactional: bool = True
    ) -> Callable[[Callable[[Database], None]], Callable]:
        """The same decorator as sqlite-utils' ``Migrations``: ``@migrations(name="...")``."""

        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            if any(step.name == name for step in self._migrations):
                raise ValueError(f"Migration '{name}' is already registered in '{self.name}'")
            self._migrations.append(_Step(name, fn, transactional))
            return fn

        return register

    def real(self) -> Migrations:
        from sqlite_utils.migrations import Migrations

        made = Migrations(self.name)
        for step in self._migrations:
            made(name=step.name, transactional=step.transactional)(step.fn)
        return made

    def pending(self, db: Database) -> list:
        return self.real().pending(db)

    def apply(self, db: Database) -> None:
        self.real().apply(db)


migrations = _LazyMigrations(MIGRATION_SET)


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE partnerships (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            region TEXT NOT NULL DEFAULT '',
            sectors TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
            card_id TEXT NOT NULL,
            card_version TEXT NOT NULL,
            date TEXT NOT NULL,
            facilitator TEXT NOT NULL DEFAULT '',
            key_message TEXT NOT NULL DEFAULT '',
            key_message_updated_at TEXT,
            phase_minutes TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX sessions_by_partnership ON sessions(partnership_id, date);
        CREATE TABLE participants (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );
        CREATE INDEX participants_by_session ON participants(session_id, position);
        CREATE TABLE answers (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            item_key TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id, item_key)
        );
        CREATE TABLE answer_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            item_key TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE INDEX answer_history_by_answer
            ON answer_history(session_id, question_id, item_key, id);
        CREATE TABLE recommendation_statuses (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            item_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ja', 'deels', 'nee', 'nvt', '')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id, item_key)
        );
        CREATE TABLE actions (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            wat TEXT NOT NULL DEFAULT '',
            wie TEXT NOT NULL DEFAULT '',
            wanneer TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'klaar', 'loopt', 'vervallen')),
            carried_from TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX actions_by_session ON actions(session_id, position);
        CREATE TABLE parking_lot (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX parking_lot_by_session ON parking_lot(session_id, position);
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


@migrations(name="scale_indexes")
def scale_indexes(db: Database) -> None:
    """Ten years of the whole country in one file (issue 15): an import finds a partnership by
    its exact name without reading every partnership (that made importing N bundles N²)."""
    db.executescript(
        """
        CREATE INDEX IF NOT EXISTS partnerships_by_name ON partnerships(name);
        """
    )


SCHEMA_VERSION = len(migrations._migrations)
KNOWN_MIGRATIONS = frozenset(m.name for m in migrations._migrations)
