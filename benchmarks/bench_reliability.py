"""How long the reliability work takes: a backup of a realistic database (while another process
writes), opening a database (with the new checks), and a restore.

Run: ``.venv/bin/python benchmarks/bench_reliability.py`` (writes only in a temporary folder).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

WRITER = textwrap.dedent(
    """
    import sys, time
    from grow_app.store import open_database
    from grow_app.store.answers import save_answer
    db = open_database(sys.argv[1])
    deadline = time.monotonic() + float(sys.argv[3])
    i = 0
    while time.monotonic() < deadline:
        save_answer(db, sys.argv[2], "bench", str(i % 50), f"tekst {i}")
        i += 1
    print(i)
    """
)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GROW_HOME"] = str(Path(tmp) / "home")
        from grow_app.services.backup import restore_database, write_backup
        from grow_app.services.catalog import load_catalog
        from grow_app.services.meeting import Meeting
        from grow_app.services.partnerships import add_partnership
        from grow_app.services.sessions import start_session
        from grow_app.store import open_database

        db_path = Path(tmp) / "grow.db"
        db = open_database(db_path)
        catalog = load_catalog()
        card = catalog.get("gesprekskaart-sop")
        session = None
        for p in range(40):  # a region: 40 partnerships, 3 sessions each, every answer typed 20x
            owner = add_partnership(db, f"Partnerschap {p}")
            for _ in range(3):
                session = start_session(db, catalog, owner, card.id)
                meeting = Meeting(db, card, session)
                for question in card.questions():
                    for revision in range(20):
                        meeting.save_answer(question.id, "", f"Antwoord {revision} " * 30)
        db.conn.close()
        size = db_path.stat().st_size / 1e6

        started = time.perf_counter()
        for _ in range(20):
            open_database(db_path).conn.close()
        opened = (time.perf_counter() - started) / 20

        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), session.id, "3"],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(0.5)
        started = time.perf_counter()
        target = write_backup(db_path)
        took = time.perf_counter() - started
        writes = int(writer.communicate()[0])

        started = time.perf_counter()
        restore_database(db_path, target)
        restored = time.perf_counter() - started

        print(f"database: {size:.1f} MB")
        print(f"open (with all checks): {opened * 1000:.1f} ms")
        print(f"backup while another process writes: {took * 1000:.0f} ms")
        print(f"writes by the other process in 3 s meanwhile: {writes}")
        print(f"restore (check, back up current, swap): {restored * 1000:.0f} ms")


if __name__ == "__main__":
    main()
