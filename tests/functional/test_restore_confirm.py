"""``grow restore FILE`` shows both databases and asks before it replaces anything."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import sha256


@pytest.fixture
def laptop_a(tmp_path, grow_cli):
    """Someone else's database: two partnerships, one session on 2026-02-03."""
    other = tmp_path / "laptopA.db"
    assert grow_cli("partnership", "add", "Laptop A", db=other).exit_code == 0
    assert grow_cli("partnership", "add", "Laptop A twee", db=other).exit_code == 0
    made = grow_cli(
        "session",
        "new",
        "Laptop A",
        "--card",
        "gesprekskaart-sop",
        "--date",
        "2026-02-03",
        db=other,
    )
    assert made.exit_code == 0, made.output
    return other


def current(grow_cli, db_path):
    """The database this computer has: one partnership; its checksum."""
    assert grow_cli("partnership", "add", "Hier").exit_code == 0
    return sha256(db_path)


def test_restore_shows_both_and_no_keeps_the_database(laptop_a, db_path, grow_cli):
    other = laptop_a
    before = current(grow_cli, db_path)
    result = grow_cli("restore", str(other), input="n\n")
    assert result.exit_code == 0, result.output
    assert f"Nu in {db_path}:\n  1 partnerschap, 0 sessies" in result.output
    assert f"In {other}:\n  2 partnerschappen, 1 sessie; nieuwste sessie 2026-02-03" in (
        result.output
    )
    assert "[j/N]" in result.output
    assert result.output.strip().endswith("Niets hersteld; de database is ongewijzigd.")
    assert sha256(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_restore_answered_ja_replaces_it(laptop_a, db_path, grow_cli):
    other = laptop_a
    current(grow_cli, db_path)
    result = grow_cli("restore", str(other), input="ja\n")
    assert result.exit_code == 0, result.output
    assert "Database hersteld uit" in result.output
    listed = grow_cli("partnership", "list").output
    assert "Laptop A" in listed and "Hier" not in listed


def test_restore_without_a_terminal_and_without_yes_is_refused(laptop_a, db_path, grow_cli):
    other = laptop_a
    before = current(grow_cli, db_path)
    result = subprocess.run(
        [sys.executable, "-m", "grow_app", "--db", str(db_path), "restore", str(other)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "GROW_LANG": "nl"},
        timeout=60,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith("Herstel zonder vraag met: grow restore BESTAND --yes")
    )
    assert sha256(db_path) == before


def test_restore_a_bare_backup_name_from_another_folder(tmp_path, db_path, monkeypatch, grow_cli):
    assert grow_cli("partnership", "add", "Voor de back-up").exit_code == 0
    saved = grow_cli("backup").output.strip().removeprefix("Back-up gemaakt: ")
    assert grow_cli("partnership", "add", "Na de back-up").exit_code == 0
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    name = os.path.basename(saved)
    result = grow_cli("restore", name, "--yes")
    assert result.exit_code == 0, result.output
    assert "Na de back-up" not in grow_cli("partnership", "list").output
    assert grow_cli("restore", "backups/" + name, "--yes").exit_code == 0
