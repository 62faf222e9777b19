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
