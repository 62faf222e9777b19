"""``grow restore FILE`` shows both databases and asks before it replaces anything."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from click.testing import CliRunner

from grow_app.cli import cli


def grow(db_path, *args, input=None):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=input)


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def laptop_a(tmp_path):
    """Someone else's database: two partnerships, one session on 2026-02-03."""
    other = tmp_path / "laptopA.db"
    assert grow(other, "partnership", "add", "Laptop A").exit_code == 0
    assert grow(other, "partnership", "add", "Laptop A twee").exit_code == 0
    assert (
        grow(
            other,
            "session",
            "new",
            "Laptop A",
            "--card",
            "gesprekskaart-sop",
            "--date",
            "2026-02-03",
        ).exit_code
        == 0
    ), grow(other, "session", "new", "--help").output
    return other


def current(db_path):
    assert grow(db_path, "partnership", "add", "Hier").exit_code == 0
    return sha256(db_path)


def test_restore_shows_both_and_no_keeps_the_database(tmp_path, db_path):
    other = laptop_a(tmp_path)
    before = current(db_path)
    result = grow(db_path, "restore", str(other), input="n\n")
    assert result.exit_code == 0, result.output
    assert f"Nu in {db_path}:\n  1 partnerschap, 0 sessies" in result.output
    assert f"In {other}:\n  2 partnerschappen, 1 sessie; nieuwste sessie 2026-02-03" in (
        result.output
    )
    assert "[j/N]" in result.output
    assert result.output.strip().endswith("Niets hersteld; de database is ongewijzigd.")
    assert sha256(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_restore_answered_ja_replaces_it(tmp_path, db_path):
    other = laptop_a(tmp_path)
    current(db_path)
    result = grow(db_path, "restore", str(other), input="ja\n")
    assert result.exit_code == 0, result.output
    assert "Database hersteld uit" in result.output
    listed = grow(db_path, "partnership", "list").output
    assert "Laptop A" in listed and "Hier" not in listed


def test_restore_without_a_terminal_and_without_yes_is_refused(tmp_path, db_path):
    other = laptop_a(tmp_path)
    before = current(db_path)
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


def test_restore_a_bare_backup_name_from_another_folder(tmp_path, db_path, monkeypatch):
    assert grow(db_path, "partnership", "add", "Voor de back-up").exit_code == 0
    saved = grow(db_path, "backup").output.strip().removeprefix("Back-up gemaakt: ")
    assert grow(db_path, "partnership", "add", "Na de back-up").exit_code == 0
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    name = os.path.basename(saved)
    result = grow(db_path, "restore", name, "--yes")
    assert result.exit_code == 0, result.output
    assert "Na de back-up" not in grow(db_path, "partnership", "list").output
    assert grow(db_path, "restore", "backups/" + name, "--yes").exit_code == 0
