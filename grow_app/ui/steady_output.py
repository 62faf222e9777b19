"""Textual's terminal driver, with an output that outlives the terminal.

Textual writes the screen from a thread of its own, through a queue of at most 30 writes. When
the terminal has gone away (see :mod:`grow_app.ui.terminal_watch`), a write to it fails; that
ended the output thread, and once 30 more frames were queued, the next one blocked the app for
good, on its way to save and quit. Here the output drops everything once a write has failed,
and says so (``lost``), so the app notices at its next check and quits as Ctrl+Q does.
"""

from __future__ import annotations

import threading
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver


class SteadyOutput:
    """A file that stops writing, without an error, once its terminal is gone."""

    def __init__(self, file: IO[str], lost: threading.Event) -> None:
        self._file = file
        self.lost = lost

    def write(self, text: str) -> int:
        if not self.lost.is_set():
            try:
                return self._file.write(text)
            except OSError:  # EIO: the terminal hung up
                self.lost.set()
        return len(text)

    def flush(self) -> None:
        if not self.lost.is_set():
            try:
                self._file.flush()
            except OSError:
                self.lost.set()

    def __getattr__(self, name: str) -> Any:  # fileno, isatty, encoding...
        return getattr(self._file, name)


class SteadyLinuxDriver(LinuxDriver):
    """Textual's driver for Linux and macOS, writing through a :class:`SteadyOutput`."""

    output_lost: threading.Event

    def __init__(self, app: Any, **options: Any) -> None:
        super().__init__(app, **options)
        self.output_lost = threading.Event()
        if self._file is not None:  # (no standard error at all: Textual's own handling)
            self._file = SteadyOutput(self._file, self.output_lost)  # type: ignore[assignment]
