"""Two processes, one file: real processes write, read and back up the same database at once.

Nobody may fail with "database is locked" and every write must be there afterwards. A file that
stays locked longer than the bounded wait gives one translated line, and nothing half-written.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from grow_app.store import SCHEMA_VERSION, open_database
from tests.helpers import spawn_python

pytestmark = pytest.mark.slow

WRITERS = 4
SECONDS = 3.0
MAX_WRITES = 2000  # per writer: the loop is bounded in time and in count

WRITER = textwrap.dedent(
    """
    import sys, time
    from grow_app.store import open_database
    from grow_app.store.answers import save_answer
    db_path, session_id, name, seconds, limit = sys.argv[1:6]
    db = open_database(db_path)
    deadline = time.monotonic() + float(seconds)
    count = 0
    while time.monotonic() < deadline and count < int(limit):
        save_answer(db, session_id, name, str(count), f"{name} schrijft antwoord {count} ✓")
        count += 1
    db.conn.close()
    print(count)
    """
)

READER = textwrap.dedent(
    """
    import sys, time
    from grow_app.store import open_database
    from grow_app.store.answers import load_answers
    from grow_app.store.sessions import list_sessions
    db_path, session_id, seconds = sys.argv[1:4]
    db = open_database(db_path)
    deadline = time.monotonic() + float(seconds)
    reads = 0
    while time.monotonic() < deadline:
        load_answers(db, session_id)
        list_sessions(db)
        reads += 1
    print(reads)
    """
)

BACKUPS = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from grow_app.services.backup import write_backup
    db_path, seconds = sys.argv[1:3]
    deadline = time.monotonic() + float(seconds)
    made = 0
    while time.monotonic() < deadline:
        write_backup(Path(db_path))
        made += 1
        time.sleep(0.3)  # a backup every 0.3 s beside the writers (their pace)
    print(made)
    """
)


def _session(db_path) -> str:
    from grow_app.services.catalog import load_catalog
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session

    db = open_database(db_path)
    owner = add_partnership(db, "AOS Oost Nederland")
    session_id = start_session(db, load_catalog(), owner, "gesprekskaart-sop").id
    db.conn.close()
    return session_id


def test_writers_reader_and_backups_on_one_file_lose_nothing(db_path):
    session_id = _session(db_path)
    procs = [
        spawn_python(WRITER, db_path, session_id, f"w{n}", SECONDS, MAX_WRITES)
        for n in range(WRITERS)
    ]
    reader = spawn_python(READER, db_path, session_id, SECONDS)
    backups = spawn_python(BACKUPS, db_path, SECONDS)
    counts = []
    for proc in [*procs, reader, backups]:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err
        counts.append(int(out.strip()))
    written, reads, made = counts[:WRITERS], counts[WRITERS], counts[WRITERS + 1]
    assert all(n > 0 for n in written) and reads > 0 and made > 0

    db = open_database(db_path)
    for n, count in enumerate(written):
        rows = db.execute(
            "SELECT item_key, text FROM answers WHERE session_id = ? AND question_id = ?",
            [session_id, f"w{n}"],
        ).fetchall()
        assert {int(key) for key, _ in rows} == set(range(count))
        assert all(text == f"w{n} schrijft antwoord {key} ✓" for key, text in rows)
        history = db.execute(
            "SELECT count(*) FROM answer_history WHERE question_id = ?", [f"w{n}"]
        ).fetchone()[0]
        assert history == count
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.conn.close()
    print(f"\nwrites per writer: {written}, reads: {reads}, backups: {made}")


HOLDER = textwrap.dedent(
    """
    import sys, time, sqlite3
    conn = sqlite3.connect(sys.argv[1])
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO partnerships (id, name, created_at, updated_at) "
        "VALUES ('x', 'Half geschreven', 'nu', 'nu')"
    )
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))  # how long the lock is held: the thing tested
    conn.rollback()
    conn.close()
    """
)


def test_a_file_that_stays_locked_gives_one_line_and_reads_go_on(db_path, monkeypatch, grow_cli):
    _session(db_path)
    monkeypatch.setattr("grow_app.store.connection.BUSY_TIMEOUT_SECONDS", 0.5)
    holder = spawn_python(HOLDER, db_path, 4)
    try:
        assert holder.stdout.readline().strip() == "locked"

        started = time.monotonic()
        listed = grow_cli("partnership", "list")
        read_time = time.monotonic() - started
        assert listed.exit_code == 0 and "AOS Oost Nederland" in listed.output
        assert "Half geschreven" not in listed.output  # never someone else's half a write

        started = time.monotonic()
        added = grow_cli("partnership", "add", "Nieuw")
        waited = time.monotonic() - started
    finally:
        holder.communicate(timeout=30)
    assert added.exit_code == 1
    lines = added.output.strip().splitlines()
    assert len(lines) == 1 and "blijft bezet door een ander programma" in lines[0]
    # it waited (about the 0.5 s bound) and gave up well before the holder let go after 4 s
    assert 0.4 < waited < 3.5, waited
    assert read_time < 2.0, read_time  # a WAL reader does not wait for the writer (4 s)
    print(f"\nread during the lock: {read_time:.3f} s; write gave up after {waited:.3f} s")

    again = grow_cli("partnership", "add", "Nieuw")
    assert again.exit_code == 0, again.output
    names = grow_cli("partnership", "list").output
    assert "Nieuw" in names and "Half geschreven" not in names


def test_a_writer_waits_for_a_short_lock_instead_of_failing(db_path, grow_cli):
    _session(db_path)
    holder = spawn_python(HOLDER, db_path, 1.0)
    try:
        assert holder.stdout.readline().strip() == "locked"
        added = grow_cli("partnership", "add", "Geduldig")
    finally:
        holder.communicate(timeout=30)
    assert added.exit_code == 0, added.output
    assert "Geduldig" in grow_cli("partnership", "list").output


def test_several_grow_commands_start_on_a_new_file_at_once(db_path, tmp_path):
    """Five ``grow`` processes create and write the same new file at the same moment (the
    schema is created once), while a sixth keeps writing answers once it exists."""
    import os

    env = {**os.environ, "GROW_HOME": str(tmp_path / "home")}
    commands = [
        subprocess.Popen(
            [sys.executable, "-m", "grow_app", "--db", str(db_path), "partnership", "add", f"P{i}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(5)
    ]
    results = [(proc.wait(timeout=120), proc.stderr.read()) for proc in commands]
    for proc in commands:
        proc.stdout.close()
        proc.stderr.close()
    assert [code for code, _ in results] == [0] * 5, results

    session_id = _session_in(db_path)
    writer = spawn_python(WRITER, db_path, session_id, "w", 2.0, 2000)
    more = [
        subprocess.run(
            [sys.executable, "-m", "grow_app", "--db", str(db_path), "partnership", "add", f"Q{i}"],
            capture_output=True,
            text=True,
            env=env,
        )
        for i in range(3)
    ]
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert [r.returncode for r in more] == [0, 0, 0], [r.stderr for r in more]
    db = open_database(db_path)
    names = {r[0] for r in db.execute("SELECT name FROM partnerships")}
    applied = db.execute("SELECT name FROM _sqlite_migrations").fetchall()
    answers = db.execute("SELECT count(*) FROM answers WHERE question_id = 'w'").fetchone()[0]
    db.conn.close()
    assert {f"P{i}" for i in range(5)} | {f"Q{i}" for i in range(3)} <= names
    assert len(applied) == len(set(applied)) == SCHEMA_VERSION  # each migration ran once
    assert answers == int(out)


def _session_in(db_path) -> str:
    from grow_app.services.catalog import load_catalog
    from grow_app.services.partnerships import find_partnership
    from grow_app.services.sessions import start_session

    db = open_database(db_path)
    session_id = start_session(
        db, load_catalog(), find_partnership(db, "P0"), "gesprekskaart-sop"
    ).id
    db.conn.close()
    return session_id
