"""The session screen while typing: what a keystroke costs, and what an autosave write costs.

Part of ``benchmarks/run.py`` (figures ``typing`` and ``save``); on its own it prints them as JSON:

    .venv/bin/python benchmarks/session_typing.py [--keys 40]

Typing: a 10,000-word answer is pasted, then keys are pressed one at a time; the time per key is
pilot press + pause (the key event until the screen has handled it), for the session screen and
for a bare Textual TextArea holding the same text.

Save: the real writer thread of the real session screen. Each write of an answer of meeting
length is timed on the writer thread (journal, write, history row, fsync). Then one save is held
*in flight* (the writer thread is stopped inside a write) while keys are pressed: if typing
waited on the database, those keys could not be handled until the save was let go.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import threading
import time
from pathlib import Path

from common import emit, finally_on_sigterm, median, ms, p95

WORDS = 10_000
TARGET_SAVE_P95_MS = 5.0


def long_text(words: int = WORDS) -> str:
    vocabulary = ["samen", "opleiden", "en", "professionaliseren", "in", "de", "onderwijsregio"]
    chosen = [vocabulary[i % len(vocabulary)] for i in range(words)]
    return "\n".join(" ".join(chosen[i : i + 12]) for i in range(0, words, 12))


async def _press(pilot, keys: int) -> list[float]:
    times = []
    for _ in range(keys):
        started = time.perf_counter()
        await pilot.press("x")
        await pilot.pause()
        times.append(time.perf_counter() - started)
    return times


async def bare_typing(keys: int) -> list[float]:
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(soft_wrap=True)

    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        area.post_message(events.Paste(long_text()))
        await pilot.pause()
        return await _press(pilot, keys)


def _session_app(folder: Path):
    """The app on a new, empty session (a database file in ``folder``), saving at once."""
    from grow_app.cli.context import AppContext
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.ui.app import create_app

    context = AppContext(db_path=str(folder / "grow.db"))
    owner = add_partnership(context.db, "Partnerschap Typen", "Achterhoek", ["vo"])
    session = start_session(context.db, context.catalog, owner, "gesprekskaart-sop")
    return create_app(context, session.id, autosave_delay=0)


def _session_screen(app):
    from grow_app.ui.screens.session import SessionScreen

    return next(s for s in reversed(app.screen_stack) if isinstance(s, SessionScreen))


async def session_figures(keys: int, writes: int) -> dict:
    from synthetic import paragraph
    from textual import events

    with tempfile.TemporaryDirectory() as folder:
        app = _session_app(Path(folder))
        async with app.run_test(size=(100, 30)) as pilot:
            while _session_screen(app).meeting is None or app.focused is None:
                await pilot.pause(0.02)
            screen = _session_screen(app)
            writer = app.writer
            write_times: list[float] = []
            store = writer._store

            def timed_store(pending):
                started = time.perf_counter()
                try:
                    return store(pending)
                finally:
                    write_times.append(time.perf_counter() - started)

            writer._store = timed_store
            # 1. autosave writes of answers of meeting length (about 60-200 words)
            import random

            rng = random.Random(3)
            for _ in range(writes):
                app.focused.post_message(events.Paste(" " + paragraph(rng, rng.randint(1, 4))))
                await pilot.pause()
                assert screen.flush(30)
            answer_writes = list(write_times)
            # 2. a 10,000-word answer: keys (with the usual autosave delay), then its write
            app.focused.post_message(events.Paste(long_text()))
            await pilot.pause()
            assert screen.flush(30)
            write_times.clear()
            app.autosave_delay = 0.6
            key_times = await _press(pilot, keys)
            assert screen.flush(30)
            app.autosave_delay = 0
            long_writes = list(write_times)
            # 3. keys while a save is held in flight on the writer thread
            held, entered = threading.Event(), threading.Event()
            from grow_app.services.changes import Task

            def held_job(db):
                entered.set()
                held.wait(30)

            writer.submit(Task("", run=held_job, name="bench-held"))
            assert entered.wait(10), "the writer thread never started the held save"
            handler, take = [], screen.take_edit

            def timed_take(save_key, text):
                started = time.perf_counter()
                take(save_key, text)
                handler.append(time.perf_counter() - started)

            screen.take_edit = timed_take
            during = await _press(pilot, min(keys, 20))
            still_in_flight = not held.is_set() and writer.pending > 0
            held.set()
            assert screen.flush(30)
            screen.take_edit = take
    return {
        "answer_writes": answer_writes,
        "long_writes": long_writes,
        "keys": key_times,
        "keys_during_save": during,
        "handler_during_save": handler,
        "save_was_in_flight": still_in_flight,
    }


def bare_commits(count: int) -> list[float]:
    """The yardstick for ``save``: one-row commits of plain sqlite3 in WAL mode with
    ``synchronous=FULL`` (what the autosave writer uses), i.e. what this disk's fsync costs."""
    import sqlite3

    with tempfile.TemporaryDirectory() as folder:
        conn = sqlite3.connect(Path(folder) / "bare.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
        times = []
        for n in range(count):
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT OR REPLACE INTO t VALUES (1, ?)", [long_text(300) + str(n)])
            conn.execute("COMMIT")
            times.append(time.perf_counter() - started)
        conn.close()
    return times


def measure(keys: int = 40, writes: int = 40) -> dict:
    """The ``typing`` and ``save`` figures."""
    found = asyncio.run(session_figures(keys, writes))
    bare = asyncio.run(bare_typing(keys))
    commits = [v * 1000 for v in bare_commits(writes)]
    writes_ms = [v * 1000 for v in found["answer_writes"]]
    during_ms = [v * 1000 for v in found["keys_during_save"]]
    # Keys that waited on the held save could not finish before it was let go: whether they
    # did is the answer, not how long they took (a busy machine makes any key slow).
    waited = not found["save_was_in_flight"]
    return {
        "typing": {
            "words": WORDS,
            "keys": keys,
            "session_ms_per_key": ms(median(found["keys"])),
            "session_p95_ms": ms(p95(found["keys"])),
            "bare_textarea_ms_per_key": ms(median(bare)),
            "write_of_whole_answer_ms": ms(median(found["long_writes"] or [0.0])),
        },
        "save": {
            "writes": len(writes_ms),
            "median_ms": round(median(writes_ms), 2),
            "p95_ms": round(p95(writes_ms), 2),
            "target_p95_ms": TARGET_SAVE_P95_MS,
            "bare_sqlite_commit_median_ms": round(median(commits), 2),
            "bare_sqlite_commit_p95_ms": round(p95(commits), 2),
            "key_while_save_in_flight_ms": round(median(during_ms), 2),
            "handler_while_save_in_flight_ms": ms(median(found["handler_during_save"])),
            "on_keystroke_path": waited,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--writes", type=int, default=40)
    parser.add_argument("--worker", action="store_true", help="one JSON line (for run.py)")
    args = parser.parse_args()
    result = measure(args.keys, args.writes)
    emit(result) if args.worker else print(json.dumps(result, indent=2))


if __name__ == "__main__":
    finally_on_sigterm()
    main()
