"""``grow backup`` and ``grow restore FILE`` as a user runs them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.helpers import sha256


def names(grow_cli, db_path) -> str:
    return grow_cli("partnership", "list", db=db_path).output


def test_backup_then_restore(db_path, grow_cli):
    assert grow_cli("partnership", "add", "Voor de back-up").exit_code == 0
    made = grow_cli("backup")
    assert made.exit_code == 0
    line = made.output.strip()
    assert line.startswith("Back-up gemaakt: ")
    saved = line.removeprefix("Back-up gemaakt: ")
    assert saved.startswith(str(db_path.parent / "backups" / "grow-"))

    assert grow_cli("partnership", "add", "Na de back-up").exit_code == 0
    restored = grow_cli("restore", saved, "--yes")
    assert restored.exit_code == 0, restored.output
    assert "Database hersteld uit" in restored.output
    assert "De vorige stand staat in:" in restored.output
    assert "Voor de back-up" in names(grow_cli, db_path) and "Na de back-up" not in names(
        grow_cli, db_path
    )

    previous = restored.output.strip().splitlines()[-1].split(": ", 1)[1]
    assert "Na de back-up" in names(grow_cli, previous)  # nothing is lost: the undone state is kept


def test_backup_list_shows_the_newest_first(db_path, grow_cli):
    assert "Er zijn nog geen back-ups" in grow_cli("backup", "--list").output
    assert grow_cli("partnership", "add", "A").exit_code == 0
    first = grow_cli("backup").output.strip().removeprefix("Back-up gemaakt: ")
    second = grow_cli("backup").output.strip().removeprefix("Back-up gemaakt: ")
    listed = grow_cli("backup", "--list")
    assert listed.exit_code == 0
    lines = listed.output.strip().splitlines()
    assert lines[0].split() == ["Gemaakt", "op", "Grootte", "Bestand"]
    assert lines[2].endswith(second) and lines[3].endswith(first)


def test_backup_without_a_database_is_one_line(db_path, grow_cli):
    result = grow_cli("backup")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Fout: Er is nog geen database op {db_path}; er valt niets te bewaren."
    ]


def test_restore_of_a_file_that_is_not_grow_is_one_line_and_changes_nothing(
    tmp_path, db_path, grow_cli
):
    assert grow_cli("partnership", "add", "Blijft staan").exit_code == 0
    before = sha256(db_path)
    bad = tmp_path / "verslag.docx"
    bad.write_bytes(b"PK\x03\x04 geen database")
    result = grow_cli("restore", str(bad))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Fout: {bad} is geen grow-database; er is niets hersteld."
    ]
    assert sha256(db_path) == before
    assert not (db_path.parent / "backups").exists()


HOLD_OPEN = textwrap.dedent(
    """
    import sys, time
    from grow_app.store import open_database
    db = open_database(sys.argv[1])
    db.execute("SELECT count(*) FROM partnerships").fetchone()
    print("open", flush=True)
    time.sleep(30)  # holds the file open until the test kills it
    """
)


def test_restore_while_the_app_has_the_file_open_is_refused(db_path, grow_cli):
    assert grow_cli("partnership", "add", "Oud").exit_code == 0
    saved = grow_cli("backup").output.strip().removeprefix("Back-up gemaakt: ")
    assert grow_cli("partnership", "add", "In de open app").exit_code == 0
    app = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert app.stdout.readline().strip() == "open"
        result = grow_cli("restore", saved, "--yes")
    finally:
        app.kill()
        app.communicate(timeout=30)
    assert result.exit_code == 1
    assert "nog geopend in een ander grow-venster" in result.output
    assert "In de open app" in names(grow_cli, db_path)
