"""Two processes on one file: short write transactions wait for each other, none is lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from grow_app.store import answers, open_database

WRITER = textwrap.dedent(
    """
    import sys
    from grow_app.store import open_database
    from grow_app.store import answers, partnerships, sessions

    path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    db = open_database(path)  # both processes may create and migrate the file at once
    partner = partnerships.insert_partnership(db, f"Partnerschap {name}")
    session_id = sessions.insert_session(
        db, partnership_id=partner.id, card_id="gesprekskaart-sop", card_version="1.0",
        date="2026-03-14",
    )
    for index in range(rounds):
        answers.save_answer(db, session_id, "goal-doelen", "", f"{name} versie {index}")
        answers.set_status(db, session_id, "aanbevelingen", "a", ("ja", "nee")[index % 2])
        sessions.list_sessions(db)  # reads in between, as the app does
    print(session_id)
    """
)


@pytest.mark.slow
def test_two_processes_write_at_once_without_database_is_locked(tmp_path):
    path = tmp_path / "gedeeld.db"
    rounds = 300
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    results = [proc.communicate(timeout=120) for proc in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    db = open_database(path)
    for out, _err in results:
        session_id = out.strip().splitlines()[-1]
        assert len(answers.history(db, session_id, "goal-doelen")) == rounds
        assert answers.load_answers(db, session_id)[("goal-doelen", "")].text.endswith(
            f"versie {rounds - 1}"
        )
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] >= 1
    db.conn.close()
