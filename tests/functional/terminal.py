"""Drive the installed ``grow`` in a pseudo-terminal, the way a person at a keyboard does.

:class:`Terminal` starts a real process on a pty (keys and bracketed pastes go in as the bytes a
terminal sends) and keeps what it draws in a ``pyte`` screen, so a test can wait for text to
appear and read the screen as a person would. :func:`cpu_hog` keeps a core busy beside it, so
races between threads show. Nothing here measures speed: waits have generous limits, and only
their outcome is checked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyte

GROW = str(Path(sys.executable).with_name("grow"))

KEYS = {
    "enter": "\r",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "escape": "\x1b",
    "backspace": "\x7f",
    "delete": "\x1b[3~",
    "shift+delete": "\x1b[3;2~",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "ctrl+up": "\x1b[1;5A",
    "ctrl+down": "\x1b[1;5B",
    "alt+up": "\x1b[1;3A",
    "alt+down": "\x1b[1;3B",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "shift+f5": "\x1b[15;2~",
    "f6": "\x1b[17~",
    "f7": "\x1b[18~",
    "f8": "\x1b[19~",
    "f9": "\x1b[20~",
    "f10": "\x1b[21~",
}


def key_bytes(name: str) -> bytes:
    if name in KEYS:
        return KEYS[name].encode()
    if len(name) == 1:
        return name.encode()
    if name.startswith("ctrl+") and len(name) == 6:
        return bytes([ord(name[-1]) - 96])
    if name.startswith("alt+") and len(name) == 5:
        return b"\x1b" + name[-1].encode()
    raise KeyError(name)


class Terminal:
    """One program on a pseudo-terminal of ``size`` (columns, rows)."""

    def __init__(
        self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30)
    ) -> None:
        columns, rows = size
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.changed = threading.Condition()
        self._hung_up = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._hung_up:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.1)
                if not ready:
                    if self.proc.poll() is not None:
                        break
                    continue
                data = os.read(self.master, 65536)
            except OSError:
                break
            if not data:
                break
            with self.changed:
                self.raw.extend(data)
                self.stream.feed(data)
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    # -- input ------------------------------------------------------------------------------------
    def send(self, data: str | bytes) -> None:
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def press(self, *names: str, pause: float = 0.0) -> None:
        for name in names:
            self.send(key_bytes(name))
            if pause:
                time.sleep(pause)

    def type(self, text: str) -> None:
        self.send(text)

    def paste(self, text: str) -> None:
        """A bracketed paste, as a terminal sends it when text is pasted into it."""
        self.send(b"\x1b[200~" + text.encode() + b"\x1b[201~")

    # -- output -----------------------------------------------------------------------------------
    def text(self) -> str:
        with self.changed:
            return "\n".join(line.rstrip() for line in self.screen.display)

    def output(self) -> str:
        """Everything the program wrote, as text (escape sequences and all)."""
        with self.changed:
            return self.raw.decode("utf-8", "replace")

    def wait_for(self, wanted: str | Callable[[str], bool], timeout: float = 30.0) -> float:
        """Seconds until ``wanted`` is on screen (a text, or a test of the screen's text)."""
        test = wanted if callable(wanted) else (lambda screen: wanted in screen)
        deadline = time.monotonic() + timeout
        started = time.monotonic()
        seen = -1
        with self.changed:
            while True:
                # Rendering the screen costs: again only when grow wrote something since.
                if len(self.raw) != seen:
                    seen = len(self.raw)
                    screen = "\n".join(line.rstrip() for line in self.screen.display)
                    if test(screen):
                        return time.monotonic() - started
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"not on screen after {timeout} s: {wanted!r}\n--- screen ---\n{screen}"
                    )
                self.changed.wait(min(left, 0.1))

    def wait_gone(self, unwanted: str, timeout: float = 30.0) -> float:
        return self.wait_for(lambda screen: unwanted not in screen, timeout)

    # -- the process ------------------------------------------------------------------------------
    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_exit(self, timeout: float = 30.0) -> int:
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"still running after {timeout} s\n--- screen ---\n{self.text()}"
            ) from None
        self._reader.join(5)
        return code

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)

    def hang_up(self) -> None:
        """The terminal goes away (a window closed, a connection lost), without a signal: the
        program is not the controlling process of this pseudo-terminal. Its screen is no
        longer read from then on."""
        if self._hung_up:
            return
        self._hung_up = True
        self._reader.join(5)  # stops within 0.1 s; then the descriptor can go (and be reused)
        os.close(self.master)

    def close(self) -> None:
        self.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(10)
        self._reader.join(5)  # what is left to read; it ends once the program is gone
        self.hang_up()

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def stored_answers(db: Path, session_id: str | None = None) -> dict[tuple[str, str], str]:
    """What the database file holds (read only, as another program would read it afterwards):
    (question, item) -> text, of one session or of all."""
    import sqlite3

    sql, params = "SELECT question_id, item_key, text FROM answers", ()
    if session_id is not None:
        sql, params = f"{sql} WHERE session_id = ?", (session_id,)
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(sql, params).fetchall()
    finally:
        conn.close()
    return {(q, i): t for q, i, t in rows}


def grow_env(home: Path, **extra: str) -> dict[str, str]:
    # COLUMNS and LINES (set by pytest-xdist's workers) would override the pty's real size.
    skip = ("GROW_", "PYTEST", "TEXTUAL", "COLUMNS", "LINES")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(GROW_HOME=str(home), TERM="xterm-256color", COLORTERM="truecolor", **extra)
    return env


@contextlib.contextmanager
def cpu_hog() -> Iterator[None]:
    """A process that keeps one core busy for as long as the block runs, so races show.

    Not started when the machine is busy already: in the whole suite, where other workers run
    other tests beside these (``GROW_TESTS_BUSY``, set by ``tests/conftest.py``; the long tests
    run first, before the load average has caught up, and a hog then took ~20 s of CPU from the
    others), or at a load of one per core. ``pytest -m terminal`` runs these tests with it."""
    if os.environ.get("GROW_TESTS_BUSY") or os.getloadavg()[0] >= (os.cpu_count() or 1):
        yield
        return
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        hog.kill()
        hog.wait(10)
