"""After ``grow backup`` (and a restore's checks) has ended, no -wal/-shm is left beside a file."""

from __future__ import annotations

import os
import subprocess
import sys


def run_grow(db_path, *args):
    return subprocess.run(
        [sys.executable, "-m", "grow_app", "--db", str(db_path), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "GROW_LANG": "nl"},
        timeout=60,
    )


def logs(path):
    return sorted(p.name for p in path.parent.glob(path.name + "-*"))


def test_backup_leaves_no_wal_or_shm_beside_the_database(db_path):
    assert run_grow(db_path, "partnership", "add", "A").returncode == 0
    assert logs(db_path) == []
    made = run_grow(db_path, "backup")
    assert made.returncode == 0, made.stderr
    assert logs(db_path) == []


def test_a_refused_restore_leaves_no_wal_or_shm_beside_the_file_it_read(tmp_path, db_path):
    other = tmp_path / "laptopA.db"
    assert run_grow(other, "partnership", "add", "Laptop A").returncode == 0
    assert run_grow(db_path, "partnership", "add", "Hier").returncode == 0
    refused = run_grow(db_path, "restore", str(other))  # no terminal, no --yes
    assert refused.returncode == 1
    assert logs(other) == [] and logs(db_path) == []
