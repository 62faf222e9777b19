"""Broken or foreign database files: one line in Dutch, exit 1, the file byte-for-byte unchanged.

Read-only files and folders: the tests run as root here, and root ignores ``chmod 0444``. They
use the immutable flag (``chattr +i``), which stops root as well; where that is not possible
(another file system, no CAP_LINUX_IMMUTABLE) and the user is not root, plain ``chmod`` is used,
and otherwise the test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys

import pytest

from grow_app.services.partnerships import add_partnership
from grow_app.store import open_database
from tests.helpers import sha256


def one_dutch_line(result, fragment: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("Fout: ") and fragment in lines[0]
    assert "Traceback" not in result.output


def real_db(path, rows: int = 0):
    db = open_database(path)
    add_partnership(db, "AOS Oost Nederland")
    for i in range(rows):
        add_partnership(db, f"Partnerschap {i} " + "tekst " * 40)
    db.conn.close()
    return path


def test_not_sqlite(tmp_path, grow_cli):
    path = tmp_path / "grow.db"
    path.write_text("Notulen van het overleg\n" * 50)
    before = sha256(path)
    one_dutch_line(grow_cli("partnership", "list", db=path), "geen grow-database")
    assert sha256(path) == before


def test_truncated_copy_is_refused(tmp_path, grow_cli):
    whole = real_db(tmp_path / "heel.db", rows=200)
    path = tmp_path / "grow.db"
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = sha256(path)
    one_dutch_line(grow_cli("partnership", "list", db=path), "beschadigd of onvolledig")
    one_dutch_line(grow_cli("partnership", "add", "Nieuw", db=path), "beschadigd of onvolledig")
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grow.db", "heel.db"]


def test_damaged_pages_inside_are_one_line(tmp_path, grow_cli):
    path = real_db(tmp_path / "grow.db", rows=200)
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\xa5" * (4096 * 3)  # scribble over pages in the middle
    path.write_bytes(bytes(data))
    before = sha256(path)
    result = grow_cli("partnership", "list", db=path)
    one_dutch_line(result, "beschadigd of onvolledig")
    assert sha256(path) == before


def test_newer_schema_and_foreign_sqlite(tmp_path, grow_cli):
    newer = real_db(tmp_path / "nieuwer.db")
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    foreign = tmp_path / "ander.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE klanten (naam TEXT)")
    conn.close()
    for path, fragment in ((newer, "nieuwere versie van grow"), (foreign, "geen grow-database")):
        before = sha256(path)
        one_dutch_line(grow_cli("partnership", "add", "X", db=path), fragment)
        assert sha256(path) == before


@contextlib.contextmanager
def read_only(path):
    """Make ``path`` read-only even for root; undo afterwards (pytest must clean tmp_path)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a file read-only for root here: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_file(tmp_path, grow_cli):
    path = real_db(tmp_path / "grow.db")
    before = sha256(path)
    with read_only(path):
        one_dutch_line(grow_cli("partnership", "add", "Nieuw", db=path), "is alleen-lezen")
        one_dutch_line(grow_cli("partnership", "list", db=path), "is alleen-lezen")
    assert sha256(path) == before


def test_read_only_folder(tmp_path, grow_cli):
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    path = real_db(folder / "grow.db")
    before = sha256(path)
    with read_only(folder):
        one_dutch_line(grow_cli("partnership", "list", db=path), "is alleen-lezen")
        one_dutch_line(
            grow_cli("partnership", "add", "X", db=folder / "nieuw.db"), "is alleen-lezen"
        )
    assert sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["grow.db"]


def _full_after_open(monkeypatch):
    """The disk is 'full' from the moment the file is opened: no page may be added."""
    from grow_app.store import connection

    original = connection.connect

    def connect(path):
        conn = original(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(connection, "connect", connect)


def test_full_disk_via_the_command_line(tmp_path, monkeypatch, grow_cli):
    path = real_db(tmp_path / "grow.db")
    before = sha256(path)
    _full_after_open(monkeypatch)
    result = grow_cli("partnership", "add", "Nieuw", "--region", "Achterhoek " * 2000, db=path)
    one_dutch_line(result, "is vol")
    monkeypatch.undo()
    assert sha256(path) == before
    listed = grow_cli("partnership", "list", db=path)
    assert "AOS Oost Nederland" in listed.output and "Nieuw" not in listed.output


def test_full_disk_while_typing_keeps_the_previous_answer(db_path, catalog):
    """What the session screen calls: the earlier revision survives, the error is one line."""
    from grow_app.errors import DatabaseError
    from grow_app.services.meeting import Meeting
    from grow_app.services.sessions import start_session

    db = open_database(db_path)
    owner = add_partnership(db, "AOS Oost Nederland")
    session = start_session(db, catalog, owner, "gesprekskaart-sop")
    meeting = Meeting(db, catalog.get("gesprekskaart-sop"), session)
    meeting.save_answer("g1", "", "Eerste versie")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DatabaseError, match="is vol") as caught:
        meeting.save_answer("g1", "", "Tweede versie " * 50_000)
    assert "\n" not in str(caught.value)
    assert not db.conn.in_transaction
    db.conn.close()
    db = open_database(db_path)
    fresh = Meeting(db, catalog.get("gesprekskaart-sop"), session)
    assert fresh.answer("g1") == "Eerste versie"
    assert [r.text for r in fresh.history("g1")] == ["Eerste versie"]
    db.conn.close()


def test_broken_file_in_a_real_process_exits_1_without_traceback(tmp_path):
    path = tmp_path / "grow.db"
    path.write_bytes(b"\x00" * 3000)
    before = sha256(path)
    env = {**os.environ, "GROW_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "grow_app", "--db", str(path), "session", "list"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    assert sha256(path) == before


def test_a_locked_file_during_a_read_is_one_line(tmp_path, monkeypatch, grow_cli):
    """A read that still meets a busy file (recovery, checkpoint) after the wait: one line."""
    path = real_db(tmp_path / "grow.db")

    def busy(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr("grow_app.services.partnerships.list_partnerships", busy)
    one_dutch_line(
        grow_cli("partnership", "list", db=path), "blijft bezet door een ander programma"
    )


def test_a_programming_error_is_not_disguised_as_a_file_problem(tmp_path, monkeypatch, grow_cli):
    path = real_db(tmp_path / "grow.db")

    def bug(*args, **kwargs):
        raise sqlite3.OperationalError("no such column: naam")

    monkeypatch.setattr("grow_app.services.partnerships.list_partnerships", bug)
    with pytest.raises(sqlite3.OperationalError):  # main() logs it as a crash
        grow_cli("partnership", "list", db=path)
