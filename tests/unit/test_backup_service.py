"""Backups: a daily copy beside the database, the newest ten kept, and a restore that checks
its file first, backs up the current one and replaces it in one step."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest

from grow_app.services import backup
from grow_app.services.partnerships import add_partnership, list_partnerships
from grow_app.store import open_database
from tests.helpers import sha256

T0 = dt.datetime(2026, 3, 14, 9, 15, 0, tzinfo=dt.UTC)


def make_db(path, *names: str):
    db = open_database(path)
    for name in names:
        add_partnership(db, name)
    return db


def names_in(path) -> list[str]:
    db = open_database(path)
    try:
        return [p.name for p in list_partnerships(db)]
    finally:
        db.conn.close()


def test_daily_backup_is_written_once_a_day(db_path):
    make_db(db_path, "AOS Oost Nederland").conn.close()

    first = backup.ensure_daily_backup(db_path, now=T0)
    assert first == db_path.parent / "backups" / "grow-20260314T091500Z.db"
    assert backup.ensure_daily_backup(db_path, now=T0 + dt.timedelta(hours=23)) is None
    second = backup.ensure_daily_backup(db_path, now=T0 + dt.timedelta(hours=25))

    assert second is not None and second != first
    # a backup is one self-contained file: no -wal needed beside it
    conn = sqlite3.connect(first)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert names_in(first) == ["AOS Oost Nederland"]


def test_no_database_no_backup(db_path):
    assert backup.ensure_daily_backup(db_path, now=T0) is None
    assert not (db_path.parent / "backups").exists()


def test_only_the_newest_ten_are_kept(db_path):
    make_db(db_path, "A").conn.close()
    foreign = db_path.parent / "backups" / "notities.db"
    foreign.parent.mkdir()
    foreign.write_text("niet van grow")
    written = [
        backup.write_backup(db_path, now=T0 + dt.timedelta(days=i, seconds=i)) for i in range(13)
    ]
    kept = [b.path for b in backup.list_backups(db_path)]
    assert kept == written[3:]
    assert foreign.exists()  # files that are not our backups are never pruned


def test_a_half_copy_left_by_a_killed_backup_is_cleaned_up_later(db_path):
    import os
    import time

    make_db(db_path, "A").conn.close()
    folder = db_path.parent / "backups"
    folder.mkdir()
    old = folder / ".grow-20260314T091500Z.db.4242-1.tmp"
    young = folder / ".grow-20260314T091501Z.db.4243-1.tmp"
    old.write_bytes(b"half")
    young.write_bytes(b"half")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    backup.write_backup(db_path, now=T0)
    assert not old.exists()
    assert young.exists()  # it may belong to a backup that is still running


def test_two_backups_in_one_second_both_survive(db_path):
    make_db(db_path, "A").conn.close()
    one = backup.write_backup(db_path, now=T0)
    two = backup.write_backup(db_path, now=T0)
    assert one != two and one.exists() and two.exists()


def test_backup_from_a_thread_while_the_app_writes(db_path):
    """The lead calls ensure_daily_backup in a worker thread at start: the app keeps writing."""
    db = make_db(db_path, "Start")
    results: list = []
    worker = threading.Thread(target=lambda: results.append(backup.ensure_daily_backup(db_path)))
    worker.start()
    for i in range(50):
        add_partnership(db, f"Tijdens back-up {i}")
    worker.join(timeout=30)
    assert results and results[0] is not None
    backed_up = names_in(results[0])
    assert "Start" in backed_up  # a consistent snapshot: whatever was committed before it
    assert len(list_partnerships(db)) == 51
    db.conn.close()


def test_restore_replaces_the_database_and_keeps_the_previous_state(db_path):
    make_db(db_path, "Oud").conn.close()
    saved = backup.write_backup(db_path, now=T0)
    make_db(db_path, "Nieuw").conn.close()

    previous = backup.restore_database(db_path, saved, now=T0 + dt.timedelta(hours=1))

    assert names_in(db_path) == ["Oud"]
    assert previous is not None and sorted(names_in(previous)) == ["Nieuw", "Oud"]
    assert not list(db_path.parent.glob(".*.tmp"))  # no staged file left behind


def _bad_files(tmp_path, db_path):
    text = tmp_path / "notities.db"
    text.write_text("Dit is geen database.\n")
    foreign = tmp_path / "ander-programma.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE klanten (naam TEXT)")
    conn.commit()
    conn.close()
    newer = tmp_path / "nieuwer.db"
    make_db(newer, "X").conn.close()
    conn = sqlite3.connect(newer)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('grow', '9999_future', 'later')"
    )
    conn.commit()
    conn.close()
    whole = tmp_path / "heel.db"
    db = make_db(whole)
    for i in range(300):
        add_partnership(db, f"Partnerschap {i} " + "x" * 200)
    db.conn.close()
    half = tmp_path / "half.db"
    data = whole.read_bytes()
    half.write_bytes(data[: len(data) // 2])
    return {
        "niet-sqlite": (text, "geen grow-database"),
        "ander programma": (foreign, "geen grow-database"),
        "nieuwer schema": (newer, "nieuwere versie"),
        "half gekopieerd": (half, "beschadigd"),
        "bestaat niet": (tmp_path / "weg.db", "bestaat niet"),
        "de database zelf": (db_path, "de database zelf"),
    }


def test_restore_refuses_bad_files_and_touches_nothing(tmp_path, db_path):
    make_db(db_path, "Blijft").conn.close()
    before = sha256(db_path)
    for label, (bad, message) in _bad_files(tmp_path, db_path).items():
        bad_before = sha256(bad) if bad.exists() else None
        with pytest.raises(backup.BackupError, match=message):
            backup.restore_database(db_path, bad)
        assert sha256(db_path) == before, label
        assert (sha256(bad) if bad.exists() else None) == bad_before, label
    assert names_in(db_path) == ["Blijft"]
    assert backup.list_backups(db_path) == []  # refused before anything was backed up


def test_restore_is_refused_while_another_connection_has_the_file_open(db_path):
    make_db(db_path, "Oud").conn.close()
    saved = backup.write_backup(db_path, now=T0)
    app = make_db(db_path, "Open in de app")
    before = sha256(db_path)
    with pytest.raises(backup.BackupError, match="nog geopend"):
        backup.restore_database(db_path, saved)
    assert sha256(db_path) == before
    assert [p.name for p in list_partnerships(app)] == ["Open in de app", "Oud"]
    app.conn.close()


def test_a_restore_that_fails_halfway_leaves_the_database_as_it_was(db_path, monkeypatch):
    make_db(db_path, "Oud").conn.close()
    saved = backup.write_backup(db_path, now=T0)
    make_db(db_path, "Nieuw").conn.close()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("grow_app.store.backup.os.replace", broken_replace)
    with pytest.raises(backup.BackupError, match="No space left"):
        backup.restore_database(db_path, saved, now=T0 + dt.timedelta(hours=1))
    monkeypatch.undo()
    assert names_in(db_path) == ["Nieuw", "Oud"]
    assert not list(db_path.parent.glob(".*.tmp"))


def test_restore_over_a_damaged_database_keeps_the_damaged_bytes(db_path):
    make_db(db_path, "Goed").conn.close()
    saved = backup.write_backup(db_path, now=T0)
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    damaged = sha256(db_path)

    previous = backup.restore_database(db_path, saved, now=T0 + dt.timedelta(hours=1))

    assert names_in(db_path) == ["Goed"]
    assert previous is not None and sha256(previous) == damaged
