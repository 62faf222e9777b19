"""A region's worth of partnerships: the compare screen, ``grow compare`` to Word and CSV, and
``grow import`` of every partnership's bundle into a fresh database.

Part of ``benchmarks/run.py`` (figures ``compare`` and ``import``); on its own it prints them:

    .venv/bin/python benchmarks/bench_compare.py [N ...]      (default 100 1000)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from common import GROW, emit, environment, median, repeat, run_timed, run_worker
from synthetic import populate

CARD = "gesprekskaart-sop"


async def screen_times(db_path: str) -> dict:
    """Worker: seconds from pushing the compare screen until the first frame that shows rows of
    its question table is rendered (the table fills a screenful first, the rest follows), until
    the table holds every partnership, and the same for the recommendation matrix tab."""
    from grow_app.cli.context import AppContext
    from grow_app.ui.app import create_app
    from grow_app.ui.screens.compare import CompareScreen

    async def filled(table, rows: int = 1) -> None:
        while table.row_count < rows:
            await asyncio.sleep(0.002)

    context = AppContext(db_path=db_path)
    app = create_app(context, autosave_delay=0)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = CompareScreen()
        drawn: list[float] = []
        display = app._display  # every rendered frame passes here (headless: not written out)

        def frame(on, renderable) -> None:
            table = screen.query("#question-table").first() if screen.is_attached else None
            if not drawn and table is not None and table.row_count:
                drawn.extend((time.perf_counter(), time.process_time()))
            display(on, renderable)

        app._display = frame
        opened, cpu = time.perf_counter(), time.process_time()
        await app.push_screen(screen)
        while not drawn:
            await asyncio.sleep(0.002)
        table = screen.query_one("#question-table")
        await filled(table, len(screen.sessions))
        every = time.perf_counter() - opened
        await pilot.pause()
        start = time.perf_counter()
        screen.query_one("#compare-tabs").active = "tab-matrix"
        await filled(screen.query_one("#matrix-table"))
        matrix = time.perf_counter() - start
    context.close()
    return {
        "ready_s": drawn[0] - opened,
        "ready_cpu_s": drawn[1] - cpu,
        "all_rows_s": every,
        "matrix_s": matrix,
    }


def measure(tmp: Path, count: int, runs: int, *, with_import: bool) -> dict:
    """The ``compare`` figures at ``count`` partnerships (and ``import`` of their bundles)."""
    env = environment(tmp)
    db_path = tmp / f"compare-{count}.db"
    started = time.perf_counter()
    populate(db_path, count, grid_every=0)
    figures: dict = {"generate_s": round(time.perf_counter() - started, 2)}
    figures["database_mb"] = round(db_path.stat().st_size / 1e6, 1)
    screens = []
    for _ in range(runs):
        found, rss = run_worker("bench_compare.py", [str(db_path)], env)
        screens.append((found, rss))
    figures["screen_ready_s"] = round(median([f["ready_s"] for f, _ in screens]), 3)
    figures["screen_ready_cpu_s"] = round(median([f["ready_cpu_s"] for f, _ in screens]), 3)
    figures["screen_all_rows_s"] = round(median([f["all_rows_s"] for f, _ in screens]), 3)
    figures["screen_matrix_s"] = round(median([f["matrix_s"] for f, _ in screens]), 3)
    figures["screen_peak_rss_mb"] = max(rss for _, rss in screens)
    grow = [*GROW, "--db", str(db_path)]
    for fmt in ("docx", "csv"):
        out = tmp / f"compare-{count}.{fmt}"
        argv = [*grow, "compare", "--card", CARD, "--format", fmt, "-o", str(out)]
        figures[fmt] = repeat(argv, env, runs)
    if with_import:
        figures["import"] = import_all(tmp, db_path, count, env)
    return figures


def import_all(tmp: Path, db_path: Path, count: int, env: dict[str, str]) -> dict:
    """Export every main-card session as a bundle, then time ``grow import`` of all of them."""
    folder = tmp / f"bundles-{count}"
    folder.mkdir()
    run_timed(
        [*GROW, "--db", str(db_path), "export", "--all", "--format", "json", "-o", str(folder)], env
    )
    files = sorted(str(p) for p in folder.glob("*.json"))
    target = tmp / f"manager-{count}.db"
    took, rss = run_timed([*GROW, "--db", str(target), "import", *files], env)
    again, _ = run_timed([*GROW, "--db", str(target), "import", *files], env)
    return {
        "bundles": len(files),
        "s": round(took, 3),
        "again_unchanged_s": round(again, 3),
        "peak_rss_mb": round(rss, 1),
        "database_mb": round(target.stat().st_size / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--worker", action="store_true", help="the compare screen (for run.py)")
    args = parser.parse_args()
    if args.worker:
        emit(asyncio.run(screen_times(args.args[0])))
        return
    with tempfile.TemporaryDirectory() as folder:
        for count in [int(a) for a in args.args] or [100, 1000]:
            found = measure(Path(folder), count, 3, with_import=True)
            print(json.dumps({str(count): found}, indent=2))


if __name__ == "__main__":
    main()
