"""How fast is the first question on screen? Compared with a bare Textual app drawing one line.

Both programs run as real processes in a pseudo-terminal (100x30, no display needed). The clock
starts just before the process is spawned and stops when the expected text appears in what the
program wrote to the terminal (escape sequences stripped). Median of N runs (default 5).

    .venv/bin/python benchmarks/startup_probe.py [--runs 5] [--home]

Prints one line per program and the ratio. Nothing here is asserted in tests: speed is measured,
never asserted in timed tests.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

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
) -> float:
    """Seconds from spawning ``argv`` in a pty until ``expected`` shows up on its screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    wanted = expected.encode("utf-8")
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen += chunk
            if wanted in ANSI.sub(b"", seen):
                return time.perf_counter() - start
        tail = ANSI.sub(b"", seen)[-400:].decode("utf-8", "replace")
        raise RuntimeError(f"{expected!r} never appeared; last output: {tail!r}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def prepare_session(home: Path) -> tuple[str, str]:
    """A database with one partnership and one session; returns (session id, first question)."""
    env = {**os.environ, "GROW_HOME": str(home)}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--home", action="store_true", help="also time `grow` (home screen)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = {**os.environ, "GROW_HOME": str(home), "TERM": "xterm-256color"}
        env.pop("GROW_DB", None)
        session_id, question = prepare_session(home)
        grow = [sys.executable, "-m", "grow_app", "open", session_id]
        home = [sys.executable, "-m", "grow_app"]
        bare = [sys.executable, "-c", BARE_APP]
        # The first words of the question: short enough to stay on one screen line.
        snippet = question[:24]
        time_to_text(bare, "Hallo", env)  # warm the file cache once for both
        time_to_text(grow, snippet, env)
        results: dict[str, list[float]] = {"bare": [], "grow": [], "home": []}
        for _ in range(args.runs):
            results["bare"].append(time_to_text(bare, "Hallo, dit is", env))
            results["grow"].append(time_to_text(grow, snippet, env))
            if args.home:
                results["home"].append(time_to_text(home, "Probe", env))
    bare_median = statistics.median(results["bare"])
    grow_median = statistics.median(results["grow"])
    print(
        f"bare Textual app, one line : median {bare_median * 1000:6.0f} ms  {_ms(results['bare'])}"
    )
    print(
        f"grow open, first question  : median {grow_median * 1000:6.0f} ms  {_ms(results['grow'])}"
    )
    print(f"ratio                      : {grow_median / bare_median:.2f}x  ({os.cpu_count()} cpus)")
    if results["home"]:
        home_median = statistics.median(results["home"])
        print(
            f"grow, home screen          : median {home_median * 1000:6.0f} ms  "
            f"{_ms(results['home'])}  ({home_median / bare_median:.2f}x)"
        )


def _ms(values: list[float]) -> str:
    return "[" + ", ".join(f"{v * 1000:.0f}" for v in values) + "]"


if __name__ == "__main__":
    main()
