"""A typo in --db creates nothing (review finding 8).

A folder that does not exist is refused for a path the user typed (--db or GROW_DB); commands that
only read refuse a database file that does not exist yet; commands that add data create it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grow_app.errors import DatabaseError
from grow_app.paths import app_dirs
from grow_app.store import open_database


def one_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


READ_ONLY = [
    ("session", "list"),
    ("session", "show", "abcd"),
    ("partnership", "list"),
    ("trash", "list"),
    ("trash", "empty", "--yes"),
    ("export", "abcd"),
    ("compare", "--card", "gesprekskaart-sop", "--format", "csv", "-o", "x.csv"),
    ("open", "abcd"),
]


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_a_missing_folder_in_db_is_a_typo_and_nothing_is_created(tmp_path: Path, command, grow_cli):
    target = tmp_path / "nope" / "dir" / "x.db"
    line = one_line(grow_cli(*command, db=target))
    assert line == f"Fout: De map {target.parent} bestaat niet; controleer het pad bij --db."
    assert not (tmp_path / "nope").exists()


def test_a_missing_folder_refuses_commands_that_add_data_too(tmp_path: Path, grow_cli):
    target = tmp_path / "nope" / "x.db"
    line = one_line(grow_cli("partnership", "add", "AOS", db=target))
    assert "De map" in line and "controleer het pad bij --db" in line
    line = one_line(grow_cli("partnership", "add", "AOS", env={"GROW_DB": str(target)}, db=None))
    assert line.endswith("controleer het pad bij GROW_DB.")
    assert not (tmp_path / "nope").exists()


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_read_only_commands_do_not_create_a_database(tmp_path: Path, command, grow_cli):
    target = tmp_path / "x.db"
    line = one_line(grow_cli(*command, db=target))
    assert line == f"Fout: Er is nog geen database op {target}."
    assert list(tmp_path.iterdir()) == []


def test_read_only_commands_on_the_default_path_create_nothing(grow_cli):
    line = one_line(grow_cli("session", "list", db=None))
    assert line == f"Fout: Er is nog geen database op {app_dirs().default_db}."
    assert not app_dirs().default_db.exists()


def test_backup_of_a_missing_file_says_there_is_nothing_to_back_up(tmp_path: Path, grow_cli):
    target = tmp_path / "x.db"
    assert "Er is nog geen database op" in one_line(grow_cli("backup", db=target))
    assert list(tmp_path.iterdir()) == []
    line = one_line(grow_cli("backup", db=tmp_path / "nope" / "x.db"))
    assert "controleer het pad bij --db" in line


def test_commands_that_add_data_create_the_database(tmp_path: Path, grow_cli):
    target = tmp_path / "x.db"
    assert grow_cli("partnership", "add", "AOS", db=target).exit_code == 0
    assert target.exists()
    listed = grow_cli("partnership", "list", db=target)
    assert listed.exit_code == 0 and "AOS" in listed.stdout
    other = tmp_path / "y.db"
    made = grow_cli("session", "new", "AOS", "--card", "gesprekskaart-sop", db=other)
    assert made.exit_code == 1  # the partnership is not there, but the file may be made
    assert "Partnerschap 'AOS' bestaat niet." in made.stderr


def test_the_default_path_still_gets_its_folders(tmp_path: Path, grow_cli):
    assert not app_dirs().data.exists()
    assert grow_cli("partnership", "add", "AOS", db=None).exit_code == 0
    assert app_dirs().default_db.exists()


def test_open_database_flags(tmp_path: Path):
    with pytest.raises(DatabaseError, match="Er is nog geen database op"):
        open_database(tmp_path / "x.db", create=False)
    with pytest.raises(DatabaseError, match="bestaat niet"):
        open_database(tmp_path / "a" / "x.db", create_folder=False)
    assert list(tmp_path.iterdir()) == []
    open_database(tmp_path / "a" / "x.db").conn.close()  # the old signature still creates
    open_database(tmp_path / "a" / "x.db", create=False).conn.close()  # and now it exists
