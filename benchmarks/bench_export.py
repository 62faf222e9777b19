"""How long the position paper takes: one paper in-process, and ``grow export --all`` of N papers.

Run: ``.venv/bin/python benchmarks/bench_export.py [N]`` (default 100). Writes only to a temporary
folder. Prints milliseconds; compare with e.g. pandoc on the markdown it writes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_database(path: Path, count: int) -> None:
    from grow_app.export.sample import sample_meeting
    from grow_app.services.catalog import load_catalog
    from grow_app.store import open_database

    db = open_database(path)
    catalog = load_catalog()
    for number in range(count):
        sample_meeting(db, catalog, name=f"Partnerschap {number:03d}", date="2026-03-14")
    db.conn.close()


def main(count: int = 100) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["GROW_HOME"] = str(root / "home")
        db_path = root / "grow.db"
        build_database(db_path, count)

        from grow_app.export.paper import export_paper
        from grow_app.services.catalog import load_catalog
        from grow_app.services.meeting import Meeting
        from grow_app.services.sessions import list_sessions
        from grow_app.store import open_database

        db = open_database(db_path)
        catalog = load_catalog()
        session = list_sessions(db)[0]
        meeting = Meeting(db, catalog.get(session.card_id), session)
        single = root / "single"
        single.mkdir()
        start = time.perf_counter()
        export_paper(meeting, "docx", single)
        first = time.perf_counter() - start
        rounds = []
        for _ in range(20):
            start = time.perf_counter()
            export_paper(meeting, "docx", single)
            rounds.append(time.perf_counter() - start)
        rounds.sort()
        print(
            f"one docx in-process: first {first * 1000:.0f} ms, then median {rounds[10] * 1000:.1f} ms"
        )

        for fmt in ("docx", "md"):
            out = root / f"all-{fmt}"
            out.mkdir()
            grow = [sys.executable, "-m", "grow_app", "--db", str(db_path)]
            start = time.perf_counter()
            subprocess.run(
                [*grow, "export", "--all", "--format", fmt, "-o", str(out)],
                check=True,
                capture_output=True,
            )
            total = time.perf_counter() - start
            print(
                f"grow export --all --format {fmt}: {count} papers in {total:.2f} s ({total / count * 1000:.1f} ms each, whole process)"
            )

        out = root / "one-process"
        out.mkdir()
        start = time.perf_counter()
        subprocess.run(
            [*grow, "export", session.id, "-o", str(out)], check=True, capture_output=True
        )
        print(
            f"grow export SESSION (one docx, whole process): {(time.perf_counter() - start) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
