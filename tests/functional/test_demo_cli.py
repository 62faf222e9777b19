"""``grow demo``: a clearly labelled example database that never replaces a real one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from grow_app.store import open_database
from tests.helpers import sha256


def test_demo_creates_a_separate_labelled_database(isolated_home: Path, grow_cli):
    real = isolated_home / "data" / "grow.db"
    open_database(real).conn.close()
    before = sha256(real)
    result = grow_cli("demo", "--no-open", db=None)
    assert result.exit_code == 0, result.stderr
    demo = isolated_home / "data" / "demo.db"
    assert str(demo) in result.output
    assert sha256(real) == before  # the real database untouched
    db = open_database(demo)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM partnerships ORDER BY name")]
        assert names == [
            "AOS Oost Nederland",
            "Opleidingsschool Nijmegen MBO (ON MBO)",
            "Veelzijdig opleiden in diversiteit",
        ]
        texts = [r[0] for r in db.execute("SELECT text FROM answers")]
        assert texts and all(t.startswith("[Voorbeeld]") for t in texts)
        cards = {r[0] for r in db.execute("SELECT DISTINCT card_id FROM sessions")}
        assert cards == {"gesprekskaart-sop", "strategiesessie-schaalniveaus"}
        phases_answered = {
            r[0].split("-")[0] for r in db.execute("SELECT DISTINCT question_id FROM answers")
        }
        assert {"goal", "reality", "options", "way"} <= phases_answered
        over_time = db.execute(
            "SELECT count(*) FROM sessions s JOIN partnerships p ON p.id = s.partnership_id "
            "WHERE p.name = 'AOS Oost Nederland' AND s.card_id = 'gesprekskaart-sop'"
        ).fetchone()[0]
        assert over_time == 2
    finally:
        db.conn.close()
    # Running it again makes the example afresh instead of doubling it.
    assert grow_cli("demo", "--no-open", db=None).exit_code == 0
    db = open_database(demo)
    try:
        assert db.execute("SELECT count(*) FROM partnerships").fetchone()[0] == 3
    finally:
        db.conn.close()


def test_demo_refuses_to_overwrite_a_real_database(tmp_path: Path, grow_cli):
    real = tmp_path / "mijn.db"
    open_database(real).conn.close()
    before = real.read_bytes()
    result = grow_cli("demo", "--no-open", "--db", str(real), db=None)
    assert result.exit_code == 1
    assert "geen voorbeelddatabase" in result.stderr
    assert real.read_bytes() == before


def test_demo_command_runs_as_a_program(tmp_path: Path):
    out = subprocess.run(
        [sys.executable, "-m", "grow_app", "demo", "--no-open", "--db", str(tmp_path / "d.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "Voorbeelddatabase gemaakt" in out.stdout
