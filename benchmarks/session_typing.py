"""What a keystroke costs in a long answer, and how long an autosave write takes.

Run: ``.venv/bin/python benchmarks/session_typing.py`` (prints figures; asserts nothing).
Typing: a 10,000-word answer is pasted, then keys are pressed one at a time; the time per key
is measured inside the app (from the key event until the screen has handled the change), for
the session screen and for a bare Textual TextArea holding the same text.
Autosave: the time the writer thread needs to store that answer (one revision).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import TextArea

WORDS = 10_000
KEYS = 60


def long_text() -> str:
    words = (
        "samen opleiden en professionaliseren in de onderwijsregio " * (WORDS // 7 + 1)
    ).split()
    lines = [" ".join(words[i : i + 12]) for i in range(0, WORDS, 12)]
    return "\n".join(lines)


async def time_keys(app: App, pilot) -> list[float]:
    times = []
    for _ in range(KEYS):
        started = time.perf_counter()
        await pilot.press("x")
        await pilot.pause()
        times.append(time.perf_counter() - started)
    return times


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(soft_wrap=True)


async def bare() -> list[float]:
    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        area.post_message(events.Paste(long_text()))
        await pilot.pause()
        return await time_keys(app, pilot)


async def session() -> tuple[list[float], list[float]]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "functional"))
    from ui_session_helpers import context, make_session, session_screen

    from grow_app.ui.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "grow.db"
        session_id = make_session(db_path)
        app = create_app(context(db_path), session_id, autosave_delay=0.6)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = session_screen(app)
            app.focused.post_message(events.Paste(long_text()))
            await pilot.pause()
            assert screen.flush(30)
            original, handler_times = screen._submit, []

            def timed_submit(save_key, text):
                started = time.perf_counter()
                original(save_key, text)
                handler_times.append(time.perf_counter() - started)

            screen._submit = timed_submit
            keys = await time_keys(app, pilot)
            print(summary("session screen, our work per key (clean, stage, queue)", handler_times))
            writes = []
            meeting = screen.meeting
            for n in range(10):
                text = long_text() + f" {n}"
                started = time.perf_counter()
                meeting.stage_answer("goal-doelen", "", text)
                screen.autosaver.submit(
                    ("bench",), lambda db, t=text: meeting.store_answer(db, "goal-doelen", "", t)
                )
                assert screen.flush(30)
                writes.append(time.perf_counter() - started)
            return keys, writes


def summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return f"{name}: median {statistics.median(ms):.1f} ms, p90 {ms[int(len(ms) * 0.9)]:.1f} ms"


def main() -> None:
    print(f"text: {WORDS} words, {len(long_text())} characters; {KEYS} keys each")
    print(summary("bare TextArea, per key (pilot press + pause)", asyncio.run(bare())))
    keys, writes = asyncio.run(session())
    print(summary("session screen, per key (pilot press + pause)", keys))
    print(summary("autosave write of the whole answer (stage + writer + fsync)", writes))


if __name__ == "__main__":
    main()
