"""A worker's second connection: the one store function the screens and the join page share."""

from __future__ import annotations

import threading

import pytest

from grow_app.errors import DatabaseError
from grow_app.services.workspace import close_worker_database, worker_database
from grow_app.store import open_database


def test_a_worker_reads_the_file_on_its_own_connection_in_another_thread(tmp_path):
    path = tmp_path / "grow.db"
    db = open_database(path)
    db.execute("INSERT INTO partnerships (id, name, region, sectors, created_at, updated_at) "
               "VALUES ('p1', 'AOS', '', '[]', '2026-01-01', '2026-01-01')")  # fmt: skip
    db.conn.commit()
    worker = worker_database(db)
    assert worker is not db and worker.conn is not db.conn
    seen: list[str] = []
    thread = threading.Thread(
        target=lambda: seen.extend(r["name"] for r in worker.query("SELECT name FROM partnerships"))
    )
    thread.start()
    thread.join()
    assert seen == ["AOS"]
    close_worker_database(worker, db)
    db.execute("SELECT 1")  # the app's own connection stays open


def test_an_in_memory_database_is_shared_and_never_closed_by_the_worker():
    db = open_database(":memory:")
    worker = worker_database(db)
    assert worker is db
    close_worker_database(worker, db)
    db.execute("SELECT 1")


def test_a_missing_file_is_refused_in_one_line_and_not_created(tmp_path):
    with pytest.raises(DatabaseError, match="Er is nog geen database"):
        worker_database(tmp_path / "weg.db")
    assert not (tmp_path / "weg.db").exists()
