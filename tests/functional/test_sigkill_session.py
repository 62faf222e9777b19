"""Crash safety of the real app: type in the session screen, SIGKILL at a random moment, check.

One driver (``DRIVER``) runs the real app headless (``run_test``, so it can type) with the
default autosave delay and reports every edit as it happens (``EDIT <json value>``) and every
write of the autosave thread (``W+`` when it starts, ``W-`` when it is done). The test kills the
process with SIGKILL — no chance to clean up — either at a random moment or the instant a write
has started (mid-autosave), and then checks:

* the database opens cleanly with :func:`grow_app.store.open_database` and ``integrity_check``
  says ``ok``;
* the value on disk is what was on the screen 1 second before the kill, or something typed
  after that: nothing typed a second before the kill is lost.

``ROUNDS`` rounds on one database file, each in a new process, each typing into another kind of
answer (text, per-item, a recommendation's status, an action, the key message, a grid cell).
To keep a round short, the new processes are forked from a driver that has already imported
the app (``serve`` mode; importing costs ~0.8 s); one more round runs in a brand-new interpreter
(``once`` mode), the way ``grow`` starts. Figures: docs/reliability.md, section 4.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import make_session

from grow_app.store import open_database
from grow_app.text import clean_text

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL, fork")]

ROUNDS = 20
SEED = 20260314
GRACE = 1.0
"""What was on screen this many seconds before the kill must be on disk."""

DRIVER = textwrap.dedent(
    """
    import asyncio, json, os, random, sys
    from textual import events
    from grow_app.cli.context import AppContext
    from grow_app.records import KEY_MESSAGE_ID
    from grow_app.services.writer import Writer
    from grow_app.ui.app import create_app
    from grow_app.ui.screens.session import SessionScreen
    from grow_app.ui.widgets.answer_area import AnswerArea, CleanInput
    from grow_app.ui.widgets.table_editors import ActionsEditor
    from grow_app.ui.widgets.status_choice import StatusChoice

    def say(*parts):  # one write per line: the app's threads (and the forks) share stdout
        os.write(1, (" ".join(parts) + "\\n").encode())

    _store = Writer._store

    def traced(self, pending):
        say("W+")
        try:
            return _store(self, pending)
        finally:
            say("W-")

    Writer._store = traced
    _take = SessionScreen.take_edit

    def reported(self, save_key, text):  # the moment the screen takes an edit
        say("EDIT", json.dumps([list(save_key), text]))
        return _take(self, save_key, text)

    SessionScreen.take_edit = reported

    async def target(screen, spec):
        kind = spec["kind"]
        await screen.go_to(KEY_MESSAGE_ID if kind == "key_message" else spec["question"])
        pane = screen.pane
        if kind == "status":
            widget = pane.query(StatusChoice)[spec["index"]]
        elif kind == "action":
            await screen.add_action_row()
            widget = pane.editor.rows()[-1].field("wat")
        elif kind == "grid":
            widget = pane.query_one("#grid-cell-editor", AnswerArea)
        else:
            widget = pane.query(AnswerArea)[spec["index"]]
        screen.set_focus(widget)
        return widget

    async def main(spec):
        say("PID", str(os.getpid()))
        rng = random.Random(spec["seed"])
        app = create_app(AppContext(db_path=spec["db"]), spec["session"])  # default delay
        async with app.run_test(size=(120, 40)) as pilot:
            while app.screen.meeting is None or app.screen.pane is None:
                await pilot.pause(0.02)
            screen = app.screen
            widget = await target(screen, spec)
            await pilot.pause()
            say("KEY", json.dumps(list(widget.save_key)))
            for n in range(100_000):
                if spec["kind"] == "status":
                    await pilot.press("right")
                elif rng.random() < 0.3:
                    await pilot.press(rng.choice("aeiou "))  # one key, one edit
                else:
                    widget.post_message(events.Paste(f"woord{n} " * rng.randint(1, 40)))
                    await pilot.pause()
                await pilot.pause(rng.uniform(0.0, 0.12))

    def serve():
        for line in sys.stdin:
            pid = os.fork()
            if pid == 0:
                try:
                    asyncio.run(main(json.loads(line)))
                finally:
                    os._exit(0)
            _, status = os.waitpid(pid, 0)
            say("EXIT", str(os.waitstatus_to_exitcode(status)))

    if sys.argv[1] == "serve":
        say("READY")
        serve()
    else:
        asyncio.run(main(json.loads(sys.argv[2])))
    """
)

KINDS = [
    ("text", "goal-doelen", 0),
    ("per_item", "goal-verhouding", 1),
    ("status", "way-forward-aanbevelingen", 0),
    ("action", "way-forward-acties", 0),
    ("key_message", "", 0),
    ("grid", "activiteiten-schaalniveau", 0),
]
GRID_CARD = "strategiesessie-schaalniveaus"


class Lines:
    """The driver's output, line by line, each with the moment it arrived."""

    def __init__(self, stream) -> None:
        self.queue: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.queue.put((time.monotonic(), line.rstrip("\n")))
        self.queue.put((time.monotonic(), "<EOF>"))

    def next(self, timeout: float = 30.0) -> tuple[float, str]:
        return self.queue.get(timeout=timeout)


@dataclass
class Round:
    kind: str
    session: str
    mid_write: bool
    key: list = field(default_factory=list)
    edits: list[tuple[float, str]] = field(default_factory=list)
    killed_at: float = 0.0
    writes_started: int = 0
    writing_when_killed: bool = False


def _kill_round(lines: Lines, rnd: Round, rng: random.Random, min_edits: int = 0) -> int:
    """Follow one round's output, kill it at the chosen moment (and not before ``min_edits``
    edits were on screen); returns the child's pid."""
    stamp, line = lines.next()
    assert line.startswith("PID "), line
    pid = int(line.split()[1])
    kill_after = rng.uniform(GRACE, GRACE + 0.6)
    first_edit = None
    writing = False
    while True:
        stamp, line = lines.next()
        assert line != "<EOF>", "the driver stopped"
        tag, _, rest = line.partition(" ")
        if tag == "KEY":
            rnd.key = json.loads(rest)
        elif tag == "EDIT":
            key, text = json.loads(rest)
            if key == rnd.key:
                rnd.edits.append((stamp, text))
                first_edit = first_edit or stamp
        elif tag in ("W+", "W-"):
            writing = tag == "W+"
            rnd.writes_started += tag == "W+"
        else:
            raise AssertionError(line)
        due = (
            first_edit is not None
            and time.monotonic() >= first_edit + kill_after
            and len(rnd.edits) >= min_edits
        )
        if due and (not rnd.mid_write or tag == "W+"):
            os.kill(pid, signal.SIGKILL)
            rnd.killed_at = time.monotonic()
            rnd.writing_when_killed = writing
            return pid


def _drain_until_exit(lines: Lines, rnd: Round) -> int:
    """Edits reported after the kill (typed just before it) count as 'typed after'."""
    while True:
        stamp, line = lines.next()
        tag, _, rest = line.partition(" ")
        if tag == "EDIT":
            key, text = json.loads(rest)
            if key == rnd.key:
                rnd.edits.append((stamp, text))
        elif tag == "EXIT":
            return int(rest)
        elif line == "<EOF>":
            return 0


def _stored(db_path: Path, rnd: Round) -> str:
    """The value on disk, read after the kill through grow's own opening checks."""
    db = open_database(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kind, *rest = rnd.key
        if kind == "answer":
            row = db.execute(
                "SELECT text FROM answers WHERE session_id = ? AND question_id = ? AND item_key = ?",
                [rnd.session, *rest],
            ).fetchone()
        elif kind == "status":
            row = db.execute(
                "SELECT status FROM recommendation_statuses "
                "WHERE session_id = ? AND question_id = ? AND item_key = ?",
                [rnd.session, *rest],
            ).fetchone()
        elif kind == "key_message":
            row = db.execute(
                "SELECT key_message FROM sessions WHERE id = ?", [rnd.session]
            ).fetchone()
        else:
            action_id, column = rest
            assert column in ("wat", "wie", "wanneer")
            row = db.execute(f"SELECT {column} FROM actions WHERE id = ?", [action_id]).fetchone()
        return row[0] if row else ""
    finally:
        db.conn.close()


def _check(db_path: Path, rnd: Round) -> None:
    """On disk: the value shown GRACE seconds before the kill, or one typed after it."""
    values = [clean_text(v) for _, v in rnd.edits]
    shown_before = [i for i, (stamp, _) in enumerate(rnd.edits) if stamp <= rnd.killed_at - GRACE]
    allowed = set(values[shown_before[-1] :]) if shown_before else {"", *values}
    stored = _stored(db_path, rnd)
    assert stored in allowed, (
        f"{rnd.kind}: on disk {stored[-60:]!r}, but {len(shown_before)} edits were on screen "
        f"{GRACE} s before the kill; the last of them: {values[shown_before[-1]][-60:]!r}"
    )


def _new_round(db_path: Path, number: int) -> tuple[Round, dict]:
    kind, question, index = KINDS[number % len(KINDS)]
    card = GRID_CARD if kind == "grid" else "gesprekskaart-sop"
    # A partnership per round: no 'actions of the previous session' dialog in the way.
    session = make_session(db_path, card, partnership=f"Partnerschap {number}")
    spec = {
        "db": str(db_path),
        "session": session,
        "kind": kind,
        "question": question,
        "index": index,
        "seed": SEED + number,
    }
    return Round(kind, session, mid_write=number % 2 == 1), spec


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _drive(db_path: Path, rounds: list[tuple[Round, dict]], seed: int) -> list[Round]:
    """One driver process, its rounds one after the other."""
    rng = random.Random(seed)
    driver = _spawn("serve")
    lines = Lines(driver.stdout)
    done: list[Round] = []
    try:
        assert lines.next()[1] == "READY", driver.stderr.read()
        for rnd, spec in rounds:
            driver.stdin.write(json.dumps(spec) + "\n")
            driver.stdin.flush()
            _kill_round(lines, rnd, rng)
            assert _drain_until_exit(lines, rnd) == -signal.SIGKILL
            _check(db_path, rnd)
            done.append(rnd)
    finally:
        driver.stdin.close()
        if driver.poll() is None:
            driver.kill()
        driver.wait(10)
        driver.stdout.close()
        driver.stderr.close()
    return done


@pytest.mark.slow(seconds=38)
def test_twenty_sigkills_at_random_moments_lose_nothing_typed_a_second_before(db_path):
    """Two drivers at once, ten rounds each, on one database file (they compete for it)."""
    from concurrent.futures import ThreadPoolExecutor

    planned = [_new_round(db_path, number) for number in range(ROUNDS)]  # sessions first
    started = time.monotonic()
    halves = [planned[0::2], planned[1::2]]
    with ThreadPoolExecutor(2) as pool:
        done = [
            rnd
            for rounds in pool.map(lambda h: _drive(db_path, h[1], SEED + h[0]), enumerate(halves))
            for rnd in rounds
        ]
    elapsed = time.monotonic() - started
    assert len(done) == ROUNDS
    assert {r.kind for r in done} == {k for k, _, _ in KINDS}
    assert sum(r.writing_when_killed for r in done) >= 1, "no kill landed during a write"
    print(
        f"\n{ROUNDS} rounds survived in {elapsed:.1f} s; "
        f"{sum(len(r.edits) for r in done)} edits, {sum(r.writes_started for r in done)} writes, "
        f"{sum(r.writing_when_killed for r in done)} kills during a write"
    )


def test_a_fresh_grow_process_killed_while_typing_keeps_the_text(db_path):
    """The same round in a brand-new interpreter (no fork), like ``grow`` itself starts."""
    rnd, spec = _new_round(db_path, 0)
    proc = _spawn("once", json.dumps(spec))
    lines = Lines(proc.stdout)
    try:
        # Not before a few edits: a busy machine types slower, and the check needs some
        # typed more than GRACE before the kill.
        _kill_round(lines, rnd, random.Random(SEED), min_edits=4)
        proc.wait(10)
        _drain_until_exit(lines, rnd)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
        proc.stdin.close()
    assert proc.returncode == -signal.SIGKILL
    assert len(rnd.edits) > 3
    _check(db_path, rnd)
