"""``grow serve`` on the command line: refusals before anything listens, and the warning."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def grow(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grow_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "100"},
        stdin=subprocess.DEVNULL,
    )


def test_help_explains_the_options_in_dutch():
    result = grow("serve", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--open SESSIE" in text
    assert "Standaard alleen deze computer" in text
    assert "Toon grow in de browser" in text
    listed = [
        line.split()[0] for line in grow("--help").stdout.splitlines() if line.startswith("  ")
    ]
    assert "serve" in listed


def test_an_unknown_session_is_refused_before_serving(db_path):
    result = grow("--db", str(db_path), "serve", "--port", "1", "--open", "nope")
    assert result.returncode == 1
    assert result.stderr.strip() == "Fout: Sessie 'nope' bestaat niet."
    assert "klaar" not in result.stdout


def test_a_file_that_is_not_a_grow_database_is_refused(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"just some notes")
    result = grow("--db", str(junk), "serve")
    assert result.returncode == 1
    assert "geen grow-database" in result.stderr
    assert junk.read_bytes() == b"just some notes"


def test_a_port_in_use_gets_one_clear_line(db_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = grow("--db", str(db_path), "serve", "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Fout: Poort {port} is al in gebruik; kies een andere poort met --port."
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_a_non_loopback_host_prints_the_warning(db_path):
    # 192.0.2.1 is a documentation address: not on this machine, so nothing ever listens.
    result = grow("--db", str(db_path), "serve", "--host", "192.0.2.1", "--port", "8123")
    assert "Let op: grow luistert op 192.0.2.1" in result.stderr
    assert "geen inlog" in result.stderr
    assert result.returncode == 1
    assert "grow kan niet luisteren op 192.0.2.1:8123" in result.stderr


def test_loopback_gives_no_warning(db_path):
    with socket.socket() as taken:  # a taken port makes the run end right after the check
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = grow("--db", str(db_path), "serve", "--port", str(port))
    assert "Let op" not in result.stderr


def test_join_options_are_explained_and_checked(db_path):
    text = " ".join(grow("serve", "--help").stdout.split())
    assert "--join SESSIE" in text and "--anonymous" in text
    result = grow("--db", str(db_path), "serve", "--anonymous")
    assert result.returncode == 1
    assert "--anonymous hoort bij --join" in result.stderr
    result = grow("--db", str(db_path), "serve", "--join", "nope")
    assert result.returncode == 1
    assert result.stderr.strip() == "Fout: Sessie 'nope' bestaat niet."


def _session(db_path, name: str = "AOS Oost Nederland") -> str:
    from grow_app.services.catalog import load_catalog
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database

    db = open_database(db_path)
    partnership = add_partnership(db, name, "Achterhoek", ["vo"])
    session = start_session(db, load_catalog(), partnership, "gesprekskaart-sop")
    db.conn.close()
    return session.id


def test_a_join_that_cannot_listen_leaves_no_open_code(db_path):
    from grow_app.services import joining
    from grow_app.store import open_database

    session_id = _session(db_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = grow("--db", str(db_path), "serve", "--port", str(port), "--join", session_id)
    assert result.returncode == 1
    assert "Poort" in result.stderr and "Traceback" not in result.stderr
    db = open_database(db_path)
    try:
        assert joining.active_join(db, session_id) is None
    finally:
        db.conn.close()


def test_join_and_open_must_name_the_same_session(db_path):
    session_id = _session(db_path)
    other = _session(db_path, "Partnerschap Zuid")
    result = grow("--db", str(db_path), "serve", "--join", session_id, "--open", other)
    assert result.returncode == 1
    assert "noemen verschillende sessies" in result.stderr


def test_join_on_the_network_says_what_stays_on_this_computer(db_path):
    session_id = _session(db_path)
    result = grow(
        "--db", str(db_path), "serve", "--host", "192.0.2.1", "--port", "8123", "--join", session_id
    )
    assert "alleen de meedoen-pagina van deze sessie" in result.stderr
    assert "geen inlog" not in result.stderr
    assert result.returncode == 1
