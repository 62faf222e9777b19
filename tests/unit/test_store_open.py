"""Opening the database: migrations, pragmas, and refusing files grow must not touch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from grow_app.errors import DatabaseError
from grow_app.store import SCHEMA_VERSION, open_database
from grow_app.store.connection import connect
from grow_app.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET
from tests.helpers import sha256

TABLES = {
    "partnerships",
    "sessions",
    "participants",
    "answers",
    "answer_history",
    "record_history",
    "recommendation_statuses",
    "actions",
    "parking_lot",
    "meta",
    # migration "contributions": joining by code
    "join_codes",
    "join_devices",
    "join_state",
    "question_rounds",
    "contributions",
    "contribution_history",
    "votes",
    "vote_ballots",
}


def user_tables(db) -> set[str]:
    return {name for name in db.table_names() if not name.startswith(("_", "sqlite_"))}


def pragma(conn: sqlite3.Connection, name: str):
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def make_grow_db(path: Path) -> None:
    db = open_database(path)
    db.conn.close()


def refuse_untouched(path: Path, expected: str) -> str:
    """Opening ``path`` is refused with a message containing ``expected``; the file and its
    folder are left exactly as they were."""
    before = sha256(path)
    neighbours = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert sha256(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == neighbours
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message and str(path) in message
    return message


# -- creating and migrating ------------------------------------------------------------------------


def test_new_file_is_created_with_the_whole_schema(tmp_path):
    path = tmp_path / "sub" / "map" / "grow.db"
    db = open_database(path)
    assert path.is_file()
    assert user_tables(db) == TABLES
    assert pragma(db.conn, "user_version") == SCHEMA_VERSION
    applied = {
        r[0]
        for r in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
    }
    assert applied == KNOWN_MIGRATIONS
    db.conn.close()


def test_zero_byte_file_is_a_new_database(tmp_path):
    path = tmp_path / "leeg.db"
    path.touch()
    db = open_database(path)
    assert user_tables(db) == TABLES
    assert pragma(db.conn, "user_version") == SCHEMA_VERSION
    db.conn.close()


def test_reopening_keeps_data_and_runs_no_migration_twice(tmp_path):
    path = tmp_path / "grow.db"
    db = open_database(path)
    db.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    db.conn.commit()
    db.conn.close()
    db = open_database(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'x'").fetchone()[0] == "y"
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == SCHEMA_VERSION
    db.conn.close()


def test_schema_version_counts_the_migrations():
    assert SCHEMA_VERSION == len(KNOWN_MIGRATIONS) >= 1
    assert "0001_initial" in KNOWN_MIGRATIONS


# -- pragmas on every connection --------------------------------------------------------------------


def test_pragmas_on_the_app_connection(tmp_path):
    db = open_database(tmp_path / "grow.db")
    assert pragma(db.conn, "foreign_keys") == 1
    assert pragma(db.conn, "journal_mode") == "wal"
    assert pragma(db.conn, "busy_timeout") >= 5000
    db.conn.close()


def test_pragmas_on_a_raw_worker_connection(tmp_path):
    path = tmp_path / "grow.db"
    make_grow_db(path)
    conn = connect(path)
    assert pragma(conn, "foreign_keys") == 1
    assert pragma(conn, "busy_timeout") >= 5000
    assert pragma(conn, "journal_mode") == "wal"  # WAL is a property of the file once set
    conn.close()


def test_a_second_connection_sees_committed_data(tmp_path):
    from grow_app.store import partnerships

    path = tmp_path / "grow.db"
    first = open_database(path)
    second = open_database(path)
    assert partnerships.list_partnerships(second) == []  # a read before the write
    added = partnerships.insert_partnership(first, "Partnerschap Noord")
    assert [p.id for p in partnerships.list_partnerships(second)] == [added.id]
    partnerships.update_partnership(second, added.id, region="Groningen")
    assert partnerships.get_partnership(first, added.id).region == "Groningen"
    assert not first.conn.in_transaction and not second.conn.in_transaction
    first.conn.close()
    second.conn.close()


# -- refusing files that are not ours ----------------------------------------------------------------


def test_refuses_a_text_file(tmp_path):
    path = tmp_path / "notities.db"
    path.write_text("Dit is geen database.\n", encoding="utf-8")
    refuse_untouched(path, "geen grow-database")


def test_refuses_a_random_binary_file(tmp_path):
    path = tmp_path / "plaatje.db"
    path.write_bytes(bytes(range(256)) * 40)
    refuse_untouched(path, "geen SQLite-bestand")


def test_refuses_a_truncated_sqlite_file(tmp_path):
    good = tmp_path / "goed.db"
    make_grow_db(good)
    path = tmp_path / "kapot" / "half.db"
    path.parent.mkdir()
    path.write_bytes(good.read_bytes()[:1500])
    refuse_untouched(path, "beschadigd of onvolledig")


def test_refuses_an_sqlite_file_of_another_program(tmp_path):
    path = tmp_path / "ander.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO contacts (name) VALUES ('Anna')")
    conn.commit()
    conn.close()
    refuse_untouched(path, "geen grow-database")


def test_refuses_a_file_from_a_newer_schema_version(tmp_path):
    path = tmp_path / "nieuw.db"
    make_grow_db(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    message = refuse_untouched(path, "nieuwere versie van grow")
    assert f"schema {SCHEMA_VERSION + 1}" in message


def test_refuses_a_file_with_an_unknown_migration(tmp_path):
    path = tmp_path / "nieuw.db"
    make_grow_db(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "0099_uit_de_toekomst", "2030-01-01 00:00:00+00:00"],
    )
    conn.commit()
    conn.close()
    refuse_untouched(path, "nieuwere versie van grow")


def test_migrations_of_another_set_do_not_count_as_grow(tmp_path):
    """Another sqlite-utils program's migrations table does not make a file a grow database."""
    path = tmp_path / "ander.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT)"
    )
    conn.execute("INSERT INTO _sqlite_migrations VALUES (1, 'ander', '0001', '2024')")
    conn.execute("CREATE TABLE dingen (id INTEGER)")
    conn.commit()
    conn.close()
    refuse_untouched(path, "geen grow-database")


def test_refuses_a_folder(tmp_path):
    folder = tmp_path / "map.db"
    folder.mkdir()
    with pytest.raises(DatabaseError):
        open_database(folder)
    assert list(folder.iterdir()) == []


def test_messages_follow_the_interface_language(tmp_path):
    from grow_app.i18n import set_language

    path = tmp_path / "tekst.db"
    path.write_text("hallo", encoding="utf-8")
    set_language("en")
    refuse_untouched(path, "not a grow database")


def test_refuses_a_newer_file_that_another_program_has_open(tmp_path):
    """With a live writer (its WAL not yet checkpointed) the main file is still not touched."""
    path = tmp_path / "nieuw.db"
    make_grow_db(path)
    other = sqlite3.connect(path)
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    other.execute("INSERT INTO meta (key, value) VALUES ('van', 'later')")
    other.commit()
    assert Path(f"{path}-wal").exists()
    before = sha256(path)
    with pytest.raises(DatabaseError, match="nieuwere versie"):
        open_database(path)
    assert sha256(path) == before
    other.close()


@pytest.mark.parametrize("folder", ["map met spatie", "100% #1 ?vraag", "Ünïcødé"])
def test_odd_folder_names(tmp_path, folder):
    path = tmp_path / folder / "grow.db"
    make_grow_db(path)
    db = open_database(path)  # the read-only check handles the path as a URI
    assert user_tables(db) == TABLES
    db.conn.close()


def test_a_file_locked_too_long_gives_a_clear_message(tmp_path, monkeypatch):
    """Another process holding the write lock longer than the busy timeout: one plain line,
    and nothing half-written."""
    from grow_app.store import connection, partnerships

    path = tmp_path / "bezet.db"
    make_grow_db(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    db = open_database(path)
    with pytest.raises(DatabaseError) as caught:
        partnerships.insert_partnership(db, "Wacht")
    assert "bezet door een ander programma" in str(caught.value)
    holder.execute("ROLLBACK")
    holder.close()
    assert partnerships.list_partnerships(db) == []
    partnerships.insert_partnership(db, "Nu wel")  # the lock is gone: writing works again
    assert [p.name for p in partnerships.list_partnerships(db)] == ["Nu wel"]
    db.conn.close()


def test_the_live_statements_know_the_schema_of_the_last_migration():
    from grow_app.store.live import LIVE_SCHEMA_VERSION

    assert LIVE_SCHEMA_VERSION == SCHEMA_VERSION
    assert max(KNOWN_MIGRATIONS).startswith(f"{SCHEMA_VERSION:04d}_")  # numbered in order


def test_a_migration_script_runs_statement_by_statement_inside_the_transaction():
    """``run_script`` splits only at a ``;`` that ends a statement: one in a string or in a
    trigger's body does not, and the last statement needs none. And it commits nothing itself:
    the migration's transaction can still be rolled back."""
    from sqlite_utils import Database

    from grow_app.store.schema import run_script

    db = Database(sqlite3.connect(":memory:"))
    db.conn.execute("BEGIN")
    run_script(
        db,
        """
        CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT);
        CREATE TABLE log (text TEXT);
        CREATE TRIGGER t_log AFTER INSERT ON t BEGIN
            INSERT INTO log VALUES ('added; ' || new.text);
        END;
        INSERT INTO t (text) VALUES ('een; twee');
        INSERT INTO t (text) VALUES ('drie')
        """,
    )
    assert db.conn.in_transaction
    assert [r[0] for r in db.conn.execute("SELECT text FROM t")] == ["een; twee", "drie"]
    assert [r[0] for r in db.conn.execute("SELECT text FROM log")] == [
        "added; een; twee",
        "added; drie",
    ]
    db.conn.execute("ROLLBACK")
    assert db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_a_log_that_goes_away_while_the_file_is_checked_is_no_error(tmp_path, monkeypatch):
    """The last other connection to close removes the ``-wal`` file. Between "does it exist?"
    and "how big is it?" that happened under load, and opening a session ended in
    FileNotFoundError. Here the log is there when asked and gone when measured."""
    path = tmp_path / "grow.db"
    open_database(path).conn.close()  # a complete file; closing removes its log
    wal = Path(f"{path}-wal")
    assert not wal.exists()
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda p: p == wal or real_exists(p))
    db = open_database(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.conn.close()
