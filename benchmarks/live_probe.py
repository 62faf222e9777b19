"""What the facilitator feels in a real terminal: a typed key visible, a move drawn.

Both are measured on real processes in a pseudo-terminal (100x30), reading what they write:

* ``typed_key``: a key typed the moment the program starts (it waits in the terminal's input)
  until it is visible in an editor. ``grow open SESSION`` against a bare Textual app that shows
  one line and a focused TextArea (the floor: nothing can be faster than Textual itself).
  Paired runs, interleaved, so a busy moment hits both; the figure is the median of the
  per-pair ratios, with their minimum and maximum.
* ``move``: in an open session, Ctrl+Down at a person's pace (one every 0.4 s) until the next
  question's "vraag N van M" is drawn; p50 and p95 over the moves.
* ``dialog``: in an open session, F2 (participants) at a person's pace until the dialog's new
  row is drawn, against a bare Textual app whose F2 opens a modal with a title and three
  fields (the floor); the median of the paired ratios, and p50/p95 of grow's.
* ``echo_locked`` (optional): a key's echo while another program holds the database locked.

Part of ``benchmarks/run.py`` (figure ``live``); on its own:

    .venv/bin/python benchmarks/live_probe.py [--pairs 11] [--moves 20]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from common import GROW, environment, finally_on_sigterm, median, p95

TARGET_RATIO = 1.25
TARGET_MOVE_P95_MS = 50.0
TARGET_DIALOG_RATIO = 2.0
"""The participants dialog over a session screen of 28 questions against a bare modal over one
editor: Textual redraws the (dimmed) screen below a dialog too."""
MARKER = "Qz"

ANSI = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[()][0-9A-B]|.)"
)

BARE_EDITOR = """
from textual.app import App
from textual.widgets import Static, TextArea

class Bare(App):
    def compose(self):
        yield Static("Hallo, dit is een regel.")
        yield TextArea(id="answer")

    def on_mount(self):
        self.query_one(TextArea).focus()

Bare().run()
"""


BARE_DIALOG = """
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

class Dialog(ModalScreen):
    BINDINGS = [Binding("escape", "app.pop_screen")]

    def compose(self):
        yield Label("Deelnemers aan deze bijeenkomst")
        yield Input(placeholder="+ nieuwe deelnemer")
        yield Input(placeholder="organisatie")
        yield Input(placeholder="rol")

class Bare(App):
    BINDINGS = [Binding("f2", "dialog")]

    def compose(self):
        yield TextArea(id="answer")

    def on_mount(self):
        self.query_one(TextArea).focus()

    def action_dialog(self):
        self.push_screen(Dialog())

Bare().run()
"""
F2 = b"\x1bOQ"
ESCAPE = b"\x1b"


class Pty:
    """A program on a pseudo-terminal, its output kept as plain text (escapes stripped)."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        # No echo by the terminal itself: a typed key must show because the program drew it.
        attrs = termios.tcgetattr(slave)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.raw = b""

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait_for(self, text: str, since: int = 0, timeout: float = 30.0) -> float:
        """perf_counter() when ``text`` appears in the output written after byte ``since``."""
        wanted = text.encode()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if ready:
                try:
                    self.raw += os.read(self.master, 65536)
                except OSError:
                    break
                if wanted in ANSI.sub(b"", self.raw[since:]):
                    return time.perf_counter()
            elif self.proc.poll() is not None:
                break
        tail = ANSI.sub(b"", self.raw)[-300:].decode("utf-8", "replace")
        raise RuntimeError(f"{text!r} never appeared; last output: {tail!r}")

    def drain(self, seconds: float) -> None:
        """Read what the program writes for ``seconds`` (so older frames are not new)."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.02))
            if ready:
                try:
                    self.raw += os.read(self.master, 65536)
                except OSError:
                    return

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)


def prepare(env: dict[str, str], name: str = "Probe") -> str:
    """A partnership ``name`` with one session in grow's database; returns the session id."""
    code = (
        "from grow_app.cli.context import AppContext\n"
        "from grow_app.services.partnerships import add_partnership\n"
        "from grow_app.services.sessions import start_session\n"
        "ctx = AppContext()\n"
        f"p = add_partnership(ctx.db, {name!r}, 'Regio', ['vo'])\n"
        "print(start_session(ctx.db, ctx.catalog, p, 'gesprekskaart-sop').id)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def typed_key_seconds(argv: list[str], env: dict[str, str]) -> float:
    """From spawning ``argv`` (a key typed at once) until the key is visible."""
    term = Pty(argv, env)
    try:
        term.send(MARKER.encode())
        return term.wait_for(MARKER) - term.started
    finally:
        term.close()


def typed_key(env: dict[str, str], session_id: str, pairs: int) -> dict:
    programs = {
        "bare": [sys.executable, "-c", BARE_EDITOR],
        "grow_open": [*GROW, "open", session_id],
    }
    for argv in programs.values():  # warm the file cache once for each
        typed_key_seconds(argv, env)
    runs: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(pairs):
        for name, argv in programs.items():
            runs[name].append(typed_key_seconds(argv, env))
    ratios = [g / b for g, b in zip(runs["grow_open"], runs["bare"], strict=True)]
    return {
        "bare_textual_editor_s": round(median(runs["bare"]), 3),
        "grow_open_s": round(median(runs["grow_open"]), 3),
        "ratio": round(median(ratios), 2),
        "ratio_min": round(min(ratios), 2),
        "ratio_max": round(max(ratios), 2),
        "target_ratio": TARGET_RATIO,
        "pairs": pairs,
        "all_runs_ms": {name: [round(v * 1000) for v in values] for name, values in runs.items()},
    }


def moves(env: dict[str, str], session_id: str, count: int, settle: float = 5.0) -> dict:
    """Ctrl+Down at a person's pace: from the key until the next question is drawn.
    ``settle``: seconds on the first question before the first move."""
    term = Pty([*GROW, "open", session_id], env)
    took: list[float] = []
    try:
        term.wait_for("beantwoord")
        # Read on while waiting, as a terminal does: a pseudo-terminal that is not read fills
        # up, grow's next write then blocks, and the next move looked up to 0.1 s slower.
        term.drain(settle)  # the other questions are built meanwhile (a meeting talks first)
        for number in range(2, count + 2):
            since = len(term.raw)
            pressed = time.perf_counter()
            term.send(b"\x1b[1;5B")
            took.append(term.wait_for(f"vraag {number} van", since) - pressed)
            term.drain(0.4)
    finally:
        term.close()
    return {
        "p50_ms": round(median(took) * 1000, 1),
        "p95_ms": round(p95(took) * 1000, 1),
        "max_ms": round(max(took) * 1000, 1),
        "target_p95_ms": TARGET_MOVE_P95_MS,
        "moves": len(took),
        "all_ms": [round(t * 1000) for t in took],
    }


def dialog_opens(term: Pty, ready: str, count: int, settle: float) -> list[float]:
    """F2 ``count`` times at a person's pace: from the key until "nieuwe deelnemer" shows."""
    term.wait_for(ready)
    term.drain(settle)
    took: list[float] = []
    for _ in range(count):
        since = len(term.raw)
        pressed = time.perf_counter()
        term.send(F2)
        took.append(term.wait_for("nieuwe deelnemer", since) - pressed)
        term.drain(0.3)
        term.send(ESCAPE)
        term.drain(0.6)  # the dialog is gone, and so is everything it drew
    return took


def dialog(env: dict[str, str], session_id: str, count: int, settle: float = 5.0) -> dict:
    """The participants dialog (F2) in grow against a bare Textual modal, in turns."""
    runs: dict[str, list[float]] = {"bare": [], "grow": []}
    programs = {
        "bare": ([sys.executable, "-c", BARE_DIALOG], "Qz", 1.0),
        "grow": ([*GROW, "open", session_id], "beantwoord", settle),
    }
    for name, (argv, ready, wait) in programs.items():
        term = Pty(argv, env)
        try:
            if name == "bare":
                term.send(MARKER.encode())
            runs[name] = dialog_opens(term, ready, count, wait)
        finally:
            term.close()
    ratios = [g / b for g, b in zip(runs["grow"], runs["bare"], strict=True)]
    return {
        "bare_modal_ms": round(median(runs["bare"]) * 1000, 1),
        "grow_p50_ms": round(median(runs["grow"]) * 1000, 1),
        "grow_p95_ms": round(p95(runs["grow"]) * 1000, 1),
        "ratio": round(median(ratios), 2),
        "target_ratio": TARGET_DIALOG_RATIO,
        "opens": count,
        "all_ms": {name: [round(v * 1000) for v in values] for name, values in runs.items()},
    }


def measure(
    tmp: Path, pairs: int = 11, move_count: int = 20, dialogs: int = 10, settle: float = 5.0
) -> dict:
    """Each part in a session of its own (the killed runs of one leave typed text in the
    recovery journal, which that session would rightly offer back first); a count of 0 skips
    that part."""
    env = environment(tmp)
    result: dict = {}
    if pairs:
        result["typed_key"] = typed_key(env, prepare(env), pairs)
    if move_count:
        result["move"] = moves(env, prepare(env, "Probe 2"), move_count, settle)
    if dialogs:
        result["dialog"] = dialog(env, prepare(env, "Probe 3"), dialogs, settle)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=11)
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--dialogs", type=int, default=10)
    parser.add_argument("--only-dialog", action="store_true", help="only the F2 dialog")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.only_dialog:
            env = environment(Path(tmp))
            result = {"dialog": dialog(env, prepare(env), args.dialogs)}
        else:
            result = measure(Path(tmp), args.pairs, args.moves, args.dialogs)
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    finally_on_sigterm()
    main()
