"""Backup rotation: quick backups or repeated restores never remove the last good copy."""

from __future__ import annotations

import datetime as dt

from grow_app.services import backup
from grow_app.services.partnerships import add_partnership
from grow_app.store import open_database

T0 = dt.datetime(2026, 3, 14, 9, 15, 0, tzinfo=dt.UTC)


def make_db(path, name="A"):
    db = open_database(path)
    add_partnership(db, name)
    db.conn.close()


def test_eleven_quick_backups_keep_the_one_from_yesterday(db_path):
    make_db(db_path)
    yesterday = backup.write_backup(db_path, now=T0 - dt.timedelta(days=1))
    quick = [backup.write_backup(db_path, now=T0 + dt.timedelta(minutes=i)) for i in range(11)]

    kept = [b.path for b in backup.list_backups(db_path)]
    assert yesterday in kept  # the newest of its day, within the last seven days
    assert kept[1:] == quick[1:]  # and the newest ten of today
    assert not quick[0].exists()


def test_one_backup_per_day_is_kept_for_a_week(db_path):
    make_db(db_path)
    daily = {
        day: backup.write_backup(db_path, now=T0 + dt.timedelta(days=day, hours=1))
        for day in range(-9, 0)
    }
    for i in range(12):
        backup.write_backup(db_path, now=T0 + dt.timedelta(minutes=i))

    kept = {b.path for b in backup.list_backups(db_path)}
    assert all(daily[day] in kept for day in range(-6, 0))  # the six days before today
    assert daily[-7] not in kept and daily[-9] not in kept  # older than the week, pushed out


def test_safety_copies_of_repeated_restores_are_never_pushed_out_by_backups(db_path):
    make_db(db_path, "Eerste stand")
    saved = backup.write_backup(db_path, now=T0)
    safety = [
        backup.restore_database(db_path, saved, now=T0 + dt.timedelta(seconds=1 + i))
        for i in range(3)
    ]
    for i in range(15):
        backup.write_backup(db_path, now=T0 + dt.timedelta(minutes=1 + i))

    assert all(p is not None and p.exists() for p in safety)
    assert all(p.name.endswith("-voor-herstel.db") for p in safety)
    items = backup.list_backups(db_path)
    assert [b.kind for b in items].count(backup.SAFETY) == 3
    assert [b.kind for b in items].count(backup.REGULAR) == 10


def test_the_newest_five_safety_copies_are_kept(db_path):
    make_db(db_path)
    saved = backup.write_backup(db_path, now=T0 - dt.timedelta(days=30))
    safety = [
        backup.restore_database(db_path, saved, now=T0 - dt.timedelta(days=20 - 3 * i))
        for i in range(7)
    ]
    kept = [b.path for b in backup.list_backups(db_path) if b.kind == backup.SAFETY]
    assert kept == safety[2:]
    assert saved.exists()  # the regular backup restored from stays too


def test_a_bare_name_is_found_in_the_backups_folder(tmp_path, db_path, monkeypatch):
    make_db(db_path)
    saved = backup.write_backup(db_path, now=T0)
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert backup.resolve_source(db_path, backup.Path(saved.name)) == saved
    as_printed = backup.Path("backups") / saved.name
    assert backup.resolve_source(db_path, as_printed) == db_path.parent / as_printed
    (elsewhere / saved.name).write_bytes(b"eigen bestand")
    # a file of that name in the current folder is what the user means
    assert backup.resolve_source(db_path, backup.Path(saved.name)) == backup.Path(saved.name)
