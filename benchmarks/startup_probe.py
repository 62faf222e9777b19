"""How fast is the first question on screen? Compared with a bare Textual app drawing one line.

Both programs run as real processes in a pseudo-terminal (100x30, no display needed). The clock
starts just before the process is spawned and stops when the expected text appears in what the
program wrote to the terminal (escape sequences stripped). N rounds, interleaved in a rotating
order; the ratio is the median of each round's own ratio (with min-max). Also
times ``grow`` until the home screen lists the partnership. Part of ``benchmarks/run.py``;
on its own it prints the figures as JSON:

    .venv/bin/python benchmarks/startup_probe.py [--runs 7]
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

from common import GROW, environment, finally_on_sigterm, median, peak_rss_mb, spread

TARGET_RATIO = 1.25

ANSI = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[()][0-9A-B]|.)"
)

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hallo, dit is een regel.")

Bare().run()
"""


def time_to_text(
    argv: list[str], expected: str, env: dict[str, str], timeout: float = 20.0
) -> tuple[float, float]:
    """Seconds from spawning ``argv`` in a pty until ``expected`` shows up on its screen, and the
    process's peak RSS in MB (it is killed once the text is seen)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    wanted = expected.encode("utf-8")
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    took = None
    try:
        while took is None and time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
            if wanted in ANSI.sub(b"", seen):
                took = time.perf_counter() - start
    finally:
        rss = 0.0
        if proc.poll() is None:
            rss = peak_rss_mb(proc.pid)
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    if took is None:
        tail = ANSI.sub(b"", seen)[-400:].decode("utf-8", "replace")
        raise RuntimeError(f"{expected!r} never appeared; last output: {tail!r}")
    return took, rss


def prepare_session(env: dict[str, str]) -> tuple[str, str]:
    """A database with one partnership and one session; returns (session id, first question)."""
    code = (
        "from grow_app.cli.context import AppContext\n"
        "from grow_app.services.partnerships import add_partnership\n"
        "from grow_app.services.sessions import start_session\n"
        "from grow_app.services.meeting import Meeting\n"
        "ctx = AppContext()\n"
        "p = add_partnership(ctx.db, 'Probe', 'Regio', ['vo'])\n"
        "s = start_session(ctx.db, ctx.catalog, p, 'gesprekskaart-sop', date='2026-03-14')\n"
        "m = Meeting(ctx.db, ctx.catalog.get(s.card_id), s)\n"
        "print(s.id); print(m.first_unanswered().text)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    session_id, question = out.stdout.splitlines()[:2]
    return session_id, question


def measure(tmp: Path, runs: int, home_screen: bool = True) -> dict:
    """The ``startup`` figures: bare Textual app, ``grow open`` and (optionally) ``grow``."""
    env = environment(tmp)
    session_id, question = prepare_session(env)
    snippet = question[:24]  # the first words: short enough to stay on one screen line
    programs = {
        "bare": ([sys.executable, "-c", BARE_APP], "Hallo, dit is"),
        "grow_open": ([*GROW, "open", session_id], snippet),
    }
    if home_screen:
        programs["grow_home"] = (GROW, "Probe")
    for argv, text in programs.values():  # warm the file cache once for each
        time_to_text(argv, text, env)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
    names = list(programs)
    for index in range(runs):  # interleaved, so a busy moment on the machine hits all alike
        shift = index % len(names)  # and in a rotating order
        for name in names[shift:] + names[:shift]:
            argv, text = programs[name]
            results[name].append(time_to_text(argv, text, env))
    seconds = {name: [r[0] for r in values] for name, values in results.items()}
    bare = median(seconds["bare"])
    # The ratio of each round (grow and the bare app in the same minute), then their median.
    ratios = spread([g / b for g, b in zip(seconds["grow_open"], seconds["bare"], strict=True)])
    figures = {
        "bare_textual_s": round(bare, 3),
        "grow_open_first_question_s": round(median(seconds["grow_open"]), 3),
        "ratio": ratios["median"],
        "ratio_min": ratios["min"],
        "ratio_max": ratios["max"],
        "target_ratio": TARGET_RATIO,
        "runs": runs,
        "all_runs_ms": {
            name: [round(v * 1000) for v in values] for name, values in seconds.items()
        },
        "peak_rss_mb": {
            name: round(max(r[1] for r in values), 1) for name, values in results.items()
        },
    }
    if home_screen:
        home = spread([g / b for g, b in zip(seconds["grow_home"], seconds["bare"], strict=True)])
        figures["grow_home_s"] = round(median(seconds["grow_home"]), 3)
        figures["home_ratio"] = home["median"]
        figures["home_ratio_min"], figures["home_ratio_max"] = home["min"], home["max"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(measure(Path(tmp), args.runs), indent=2))


if __name__ == "__main__":
    finally_on_sigterm()
    main()
