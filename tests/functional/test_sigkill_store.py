"""Crash safety below the UI: a process saving answers (and one writing backups) is killed with
SIGKILL at a random moment, 20 rounds on one file. Every answer whose save had returned is
there afterwards, the file opens cleanly, and no backup is ever half a file.

(The same against the running app, typing in the session screen: test_sigkill_session.py.)
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from grow_app.services.backup import list_backups
from grow_app.store import open_database
from grow_app.store.backup import check_grow_file
from tests.helpers import spawn_python

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]

ROUNDS = 20

WRITER = textwrap.dedent(
    """
    import sys, time
    from grow_app.store import open_database
    from grow_app.store.answers import save_answer
    db_path, session_id, name = sys.argv[1:4]
    db = open_database(db_path)
    i = 0
    while True:
        save_answer(db, session_id, name, str(i), f"zin {i} van {name}, halverwege getypt")
        print(i, flush=True)  # printed only after the save returned
        i += 1
        time.sleep(0.002)  # a fast typist with autosave: hundreds of saves per second
    """
)

BACKUPS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from grow_app.services.backup import write_backup
    while True:
        write_backup(Path(sys.argv[1]))
    """
)


@pytest.mark.slow(seconds=17)
def test_sigkill_at_random_moments_loses_no_saved_answer(db_path, catalog):
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session

    db = open_database(db_path)
    session_id = start_session(db, catalog, add_partnership(db, "AOS"), "gesprekskaart-sop").id
    db.conn.close()
    rng = random.Random(20260314)
    survived = 0
    counts: list[int] = []
    for round_ in range(ROUNDS):
        name = f"ronde{round_}"
        writer = spawn_python(WRITER, db_path, session_id, name)
        backups = spawn_python(BACKUPS, db_path)
        first = writer.stdout.readline()  # the writer is saving: now pick a random moment
        time.sleep(rng.uniform(0.0, 0.3))  # the random moment of the kill: the thing tested
        writer.send_signal(signal.SIGKILL)
        backups.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        backups.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, err
        saved = [int(line) for line in (first + out).split("\n") if line.strip().isdigit()]
        assert saved, err
        counts.append(len(saved))

        db = open_database(db_path)  # must open cleanly after the kill
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = db.execute(
                "SELECT item_key, text FROM answers WHERE session_id = ? AND question_id = ?",
                [session_id, name],
            ).fetchall()
        finally:
            db.conn.close()
        present = {int(key): text for key, text in rows}
        for i in saved:
            assert present.get(i) == f"zin {i} van {name}, halverwege getypt", (round_, i)
        for item in list_backups(db_path):
            assert check_grow_file(item.path).ok, item.path
        survived += 1
    assert survived == ROUNDS
    print(f"\n{ROUNDS} rounds survived; saves per round before the kill: {counts}")


RESTORE_ROUNDS = 15


@pytest.mark.slow(seconds=9)
def test_sigkill_during_restore_never_leaves_half_a_database(db_path, tmp_path):
    """``grow restore`` killed at random moments: the database is the old one or the restored
    one, whole, every time."""
    from grow_app.services.partnerships import add_partnership, list_partnerships

    source = tmp_path / "bron.db"
    db = open_database(source)
    for i in range(400):  # ~20 MB, so that a kill can land in the middle of the copy
        add_partnership(db, f"Uit de back-up {i} " + "tekst " * 8000)
    db.conn.close()
    db = open_database(db_path)
    add_partnership(db, "Huidige stand")
    db.conn.close()
    env = {**os.environ, "GROW_HOME": str(tmp_path / "home")}
    rng = random.Random(1403)
    outcomes = {"oud": 0, "hersteld": 0, "midden in het kopiëren": 0}
    for _round in range(RESTORE_ROUNDS):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "grow_app",
                "--db",
                str(db_path),
                "restore",
                str(source),
                "--yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        time.sleep(rng.uniform(0.1, 0.45))  # from start-up to just after the swap
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        leftovers = list(db_path.parent.glob(".grow.db*.tmp"))
        if leftovers:  # killed while copying: the staged copy is left, the database is not touched
            outcomes["midden in het kopiëren"] += 1
            for leftover in leftovers:
                leftover.unlink()
        db = open_database(db_path)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {p.name for p in list_partnerships(db)}
        finally:
            db.conn.close()
        if names == {"Huidige stand"}:
            outcomes["oud"] += 1
        else:
            assert len(names) == 400 and all(n.startswith("Uit de back-up ") for n in names)
            outcomes["hersteld"] += 1
            db = open_database(db_path)  # put the current state back for the next round
            db.execute("DELETE FROM partnerships")
            db.conn.commit()
            add_partnership(db, "Huidige stand")
            db.conn.close()
    print(f"\nrestore killed {RESTORE_ROUNDS}x: {outcomes}")
    assert outcomes["oud"] + outcomes["hersteld"] == RESTORE_ROUNDS
