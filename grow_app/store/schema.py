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

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        self.real().apply(db, stop_before=stop_before)


migrations = _LazyMigrations(MIGRATION_SET)


def run_script(db: Database, sql: str) -> None:
    """The statements of ``sql``, one by one, inside the transaction the migration runs in.

    What sqlite-utils' ``executescript`` does in a transaction (sqlite3's own would COMMIT it
    first), but it asks SQLite whether every prefix of the script, character by character, is a
    complete statement: quadratic, ~45 ms of every new database (a test suite makes a thousand).
    Here only at each ``;`` (a ``;`` inside a string or a trigger body is not yet the end)."""
    import sqlite3

    cursor = db.conn.cursor()
    pieces = sql.split(";")
    statement = ""
    for index, piece in enumerate(pieces):
        statement += piece if index == len(pieces) - 1 else piece + ";"
        if statement.strip() and sqlite3.complete_statement(statement):
            cursor.execute(statement)
            statement = ""
    if statement.strip():
        cursor.execute(statement)  # the last statement without its ";"


# Long on purpose: a migration is one DDL script, kept whole as it was first applied (a
# migration that ran is never edited, so splitting it would only scatter the schema).
@migrations(name="0001_initial")
def initial(db: Database) -> None:
    run_script(
        db,
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
        """,
    )


@migrations(name="0002_revisions")
def revisions(db: Database) -> None:
    """Every record the meeting edits gets a revision (bumped by each saved change) and the
    window that saved it; actions, participants, parking-lot points and statuses get a history
    like answers; participants are removed softly, like actions."""
    run_script(
        db,
        """
        ALTER TABLE answers ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE answers ADD COLUMN origin TEXT NOT NULL DEFAULT '';
        UPDATE answers SET revision = 1;
        ALTER TABLE answer_history ADD COLUMN origin TEXT NOT NULL DEFAULT '';
        ALTER TABLE recommendation_statuses ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        UPDATE recommendation_statuses SET revision = 1;
        ALTER TABLE sessions ADD COLUMN key_message_revision INTEGER NOT NULL DEFAULT 0;
        UPDATE sessions SET key_message_revision = 1 WHERE key_message != '';
        ALTER TABLE actions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        UPDATE actions SET revision = 1;
        ALTER TABLE participants ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE participants ADD COLUMN deleted_at TEXT;
        UPDATE participants SET revision = 1;
        ALTER TABLE parking_lot ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        UPDATE parking_lot SET revision = 1;
        CREATE TABLE record_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            data TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT '',
            saved_at TEXT NOT NULL
        );
        CREATE INDEX record_history_by_record ON record_history(session_id, kind, record_id, id);
        """,
    )


# Long on purpose: one DDL script, as applied (see 0001_initial).
@migrations(name="0003_contributions")
def contributions(db: Database) -> None:
    """Participants joining by code: contributions, dot votes, the question on screen.

    Nothing here is ever deleted while its session exists: a hidden contribution is a state,
    every change of state is a history row, and a changed vote is a new ballot."""
    run_script(
        db,
        """
        CREATE TABLE join_codes (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            secret TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            allow_anonymous INTEGER NOT NULL DEFAULT 0,
            opened_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            closed_at TEXT
        );
        CREATE INDEX join_codes_by_code ON join_codes(code);
        CREATE INDEX join_codes_by_session ON join_codes(session_id, opened_at);
        CREATE TABLE join_devices (
            id TEXT PRIMARY KEY,
            join_id TEXT NOT NULL REFERENCES join_codes(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX join_devices_by_join ON join_devices(join_id);
        CREATE TABLE join_state (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL DEFAULT '',
            seq INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE question_rounds (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            mode TEXT NOT NULL DEFAULT 'open' CHECK (mode IN ('open', 'silent')),
            revealed_at TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id)
        );
        CREATE TABLE contributions (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            device TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'shown'
                CHECK (state IN ('shown', 'hidden', 'merged', 'taken', 'parked')),
            merged_into TEXT,
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX contributions_by_question ON contributions(session_id, question_id, created_at);
        CREATE INDEX contributions_by_device ON contributions(device, created_at);
        CREATE TABLE contribution_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contribution_id TEXT NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            state TEXT NOT NULL,
            merged_into TEXT,
            saved_at TEXT NOT NULL
        );
        CREATE INDEX contribution_history_by_contribution
            ON contribution_history(contribution_id, id);
        CREATE TABLE votes (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            over TEXT NOT NULL CHECK (over IN ('contributions', 'items')),
            options TEXT NOT NULL,
            budget INTEGER NOT NULL CHECK (budget BETWEEN 1 AND 20),
            started_at TEXT NOT NULL,
            closed_at TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX votes_by_question ON votes(session_id, question_id, started_at);
        CREATE TABLE vote_ballots (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
            voter TEXT NOT NULL,
            dots TEXT NOT NULL,
            cast_at TEXT NOT NULL
        );
        CREATE INDEX vote_ballots_by_vote ON vote_ballots(vote_id, voter, id);
        """,
    )


@migrations(name="0004_scale_indexes")
def scale_indexes(db: Database) -> None:
    """Ten years of the whole country in one file (issue 15): an import finds a partnership by
    its exact name without reading every partnership (that made importing N bundles N²)."""
    run_script(
        db,
        """
        CREATE INDEX IF NOT EXISTS partnerships_by_name ON partnerships(name);
        """,
    )


@migrations(name="0005_phase_seconds")
def phase_seconds(db: Database) -> None:
    """The time a meeting has spent per phase (the timebox), so that it runs on where it stopped
    when the session is opened again: {phase id: seconds}."""
    run_script(
        db,
        """
        ALTER TABLE sessions ADD COLUMN phase_seconds TEXT NOT NULL DEFAULT '{}';
        """,
    )


SCHEMA_VERSION = len(migrations._migrations)
KNOWN_MIGRATIONS = frozenset(m.name for m in migrations._migrations)
