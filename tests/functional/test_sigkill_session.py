"""Text typed in the real app, then SIGKILL 1.5 s later: the text is in the database, every time.

The app runs in a subprocess (headless, through ``run_test`` so the driver can type into it) with
the default autosave delay. The parent waits until the driver says it has typed, waits 1.5 s and
kills the process without any chance to clean up.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import make_session

pytestmark = pytest.mark.slow

DRIVER = textwrap.dedent(
    """
    import asyncio, sys
    from textual import events
    from grow_app.cli.context import AppContext
    from grow_app.ui.app import create_app

    async def main(db_path, session_id, text):
        app = create_app(AppContext(db_path=db_path), session_id)  # default autosave delay
        async with app.run_test() as pilot:
            await pilot.pause()
            app.focused.post_message(events.Paste(text))
            await pilot.pause()
            await pilot.press("space", "e", "i", "n", "d", "e")
            await pilot.pause()
            print("TYPED", flush=True)
            await asyncio.sleep(60)

    asyncio.run(main(*sys.argv[1:4]))
    """
)


def _kill_after_typing(db_path: Path, session_id: str, text: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(db_path), session_id, text],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "TYPED", proc.stderr.read() if proc.poll() is not None else line
        time.sleep(1.5)
        assert proc.poll() is None, "the app stopped by itself"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("round_", range(3))
def test_text_survives_sigkill_one_and_a_half_seconds_after_typing(db_path, round_):
    session_id = make_session(db_path)
    text = f"Ronde {round_}: " + "woorden die de facilitator typt, " * 200
    _kill_after_typing(db_path, session_id, text)
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute(
            "SELECT text FROM answers WHERE session_id = ? AND question_id = 'goal-doelen'",
            [session_id],
        ).fetchall()
        history = conn.execute("SELECT count(*) FROM answer_history").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert rows == [(text + " einde",)]
    assert history >= 1
