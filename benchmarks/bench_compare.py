"""Benchmark: importing many bundles, and comparing 100 / 1,000 partnerships.

Run: ``.venv/bin/python benchmarks/bench_compare.py [N ...]`` (default 100 1000). Writes only
into a temporary folder. Prints one line per measurement (wall-clock seconds).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path


def _timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<58} {time.perf_counter() - start:8.3f} s")
    return result


def fill(db, catalog, count: int) -> None:
    """``count`` partnerships, each with one session on both cards and every answer filled."""
    from grow_app.store import bundles as store
    from grow_app.store.clock import new_id, now_iso
    from grow_app.store.connection import write

    sop = catalog.get("gesprekskaart-sop")
    grid = catalog.get("strategiesessie-schaalniveaus")
    stamp = now_iso()
    with write(db):
        for n in range(count):
            pid = new_id()
            store.insert_partnership(
                db,
                {
                    "id": pid,
                    "name": f"Partnerschap {n:04d}",
                    "region": f"Regio {n % 12}",
                    "sectors": ["po", "vo", "mbo"][n % 3 : n % 3 + 1],
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
            for card in (sop, grid):
                sid = new_id()
                store.insert_session(
                    db,
                    pid,
                    {
                        "id": sid,
                        "card_id": card.id,
                        "card_version": card.version,
                        "date": "2026-03-14",
                        "facilitator": "",
                        "key_message": f"Kern {n}",
                        "key_message_updated_at": stamp,
                        "phase_minutes": {},
                        "created_at": stamp,
                        "updated_at": stamp,
                    },
                )
                for question in card.questions():
                    for key in card.answer_keys(question):
                        if card is grid and (n + len(key)) % 3:
                            continue
                        text = f"Antwoord van partnerschap {n} op {question.id} {key} " * 8
                        store.put_answer(db, sid, question.id, key, text, stamp)
                    if question.kind == "recommendations":
                        for i, item in enumerate(question.items):
                            store.put_status(
                                db,
                                sid,
                                question.id,
                                item.key,
                                ["ja", "deels", "nee"][(n + i) % 3],
                                stamp,
                            )


async def _screen_time(db_path: Path) -> tuple[float, float]:
    from grow_app.cli.context import AppContext
    from grow_app.ui.app import create_app
    from grow_app.ui.screens.compare import CompareScreen

    context = AppContext(db_path=str(db_path))
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = CompareScreen()
        start = time.perf_counter()
        await app.push_screen(screen)
        table = screen.query_one("#question-table")
        while table.row_count == 0:
            await asyncio.sleep(0.01)
        first = time.perf_counter() - start
        start = time.perf_counter()
        screen.query_one("#compare-tabs").active = "tab-matrix"
        matrix = screen.query_one("#matrix-table")
        while matrix.row_count == 0:
            await asyncio.sleep(0.01)
        second = time.perf_counter() - start
        await pilot.pause()
    context.close()
    return first, second


def main(sizes: list[int]) -> None:
    from grow_app.export.bundle import write_all_bundles
    from grow_app.export.compare_csv import write_compare_csv
    from grow_app.export.compare_docx import write_compare_docx
    from grow_app.services import compare
    from grow_app.services.bundles import import_bundles
    from grow_app.services.catalog import load_catalog
    from grow_app.store import open_database

    catalog = load_catalog()
    sop = catalog.get("gesprekskaart-sop")
    grid = catalog.get("strategiesessie-schaalniveaus")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GROW_HOME"] = tmp
        root = Path(tmp)
        for count in sizes:
            print(f"--- {count} partnerships (2 sessions each) ---")
            path = root / f"bench-{count}.db"
            db = open_database(path)
            _timed(
                f"generate {count} partnerships",
                lambda db=db, count=count: fill(db, catalog, count),
            )
            sessions = _timed(
                "select latest sessions", lambda db=db: compare.select_sessions(db, sop)
            )
            _timed("overview (GROUP BY)", lambda db=db, s=sessions: compare.overview(db, sop, s))
            question = next(sop.questions())
            _timed(
                "one question, all partnerships",
                lambda db=db, s=sessions, q=question: compare.question_answers(db, s, q),
            )
            gs = compare.select_sessions(db, grid)
            gq = compare.grid_questions(grid)[0]
            _timed("grid heatmap", lambda db=db, s=gs, q=gq: compare.heatmap(db, grid, s, q))
            _timed(
                "compare CSV",
                lambda db=db, s=sessions, c=count: write_compare_csv(
                    db, sop, s, root / f"c{c}.csv"
                ),
            )
            _timed(
                "compare Word",
                lambda db=db, s=sessions, c=count: write_compare_docx(
                    db, sop, s, root / f"c{c}.docx"
                ),
            )
            folder = root / f"bundles-{count}"
            files = _timed(
                f"export all bundles ({2 * count})",
                lambda db=db, f=folder: write_all_bundles(db, f),
            )
            db.conn.close()
            target = open_database(root / f"manager-{count}.db")
            _timed(
                f"import {len(files)} bundles (first time)",
                lambda t=target, f=files: import_bundles(t, catalog, f),
            )
            _timed(
                f"import {len(files)} bundles again (all unchanged)",
                lambda t=target, f=files: import_bundles(t, catalog, f),
            )
            target.conn.close()
            first, second = asyncio.run(_screen_time(path))
            print(f"{'screen: open until the question table is filled':<58} {first:8.3f} s")
            print(f"{'screen: switch to the recommendation matrix':<58} {second:8.3f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
