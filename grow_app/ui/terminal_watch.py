"""A grow whose terminal is gone saves and quits, instead of living on at 100 % of a core.

When the window or the SSH connection of a meeting goes away, the terminal is hung up. Usually
the system then sends grow a SIGHUP, which ended it on the spot: what was typed was safe in the
recovery journal, but the next opening had to offer it back. Sometimes no signal comes (an SSH
connection that dies without one, a grow started in its own session). Then Textual's input
thread reads "end of input" from the dead terminal over and over without waiting: grow went on
in the background at 100 % of a core, holding the meeting's database, until someone killed it
(Textual issue #6690, still open).

So grow watches for both: a SIGHUP, and its terminal no longer being one (checked every
second; a hung-up terminal says so at once). Either way it does what Ctrl+Q does (each screen
hands over what is pending, the writer stores it); what it still draws goes nowhere
(:mod:`grow_app.ui.steady_output`). The check runs only on a real terminal: not headless
(tests), not in the browser; a ``grow serve`` tab heeds SIGHUP alone (its server's terminal
went away, and the tabs share the server's process group).

Part of :class:`~grow_app.ui.app.GrowApp` (a mixin, as :mod:`grow_app.ui.ctrl_c`).
"""

from __future__ import annotations

import os
import signal
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.driver import Driver

    _AppPart = App[None]
else:
    _AppPart = object

CHECK_SECONDS = 1.0
"""How often grow looks whether its terminal is still there."""


def terminal_fd() -> int | None:
    """The file descriptor of the terminal grow reads its keys from; None when it has none."""
    stream = sys.__stdin__
    try:
        fd = stream.fileno() if stream is not None else -1
    except (OSError, ValueError):  # closed, or not a real file
        return None
    return fd if fd >= 0 and os.isatty(fd) else None


class TerminalWatch(_AppPart):
    _terminal_fd: int | None = None
    terminal_lost = False
    """True once the terminal went away: grow is saving and quitting."""

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver; on Linux and macOS one whose output outlives the terminal
        (:mod:`grow_app.ui.steady_output`)."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver" and driver.__module__ == "textual.drivers.linux_driver":
            from grow_app.ui.steady_output import SteadyLinuxDriver

            return SteadyLinuxDriver
        return driver

    def watch_terminal(self) -> None:
        """Start watching (from ``on_mount``), when the app runs on a real terminal. An app of
        ``grow serve`` (a browser tab) only heeds SIGHUP: the terminal of the server went away,
        and the server's tabs get the signal with it."""
        if self.is_headless:
            return
        if self.is_web:
            self._quit_on_hangup()
            return
        self._terminal_fd = terminal_fd()
        if self._terminal_fd is None:
            return
        self._quit_on_hangup()
        self.set_interval(CHECK_SECONDS, self._check_terminal, name="terminal-watch")

    def _quit_on_hangup(self) -> None:
        hangup = getattr(signal, "SIGHUP", None)  # none on Windows: the check still runs
        if hangup is None or signal.getsignal(hangup) is signal.SIG_IGN:
            return  # started with nohup: it is meant to outlive its terminal
        try:
            import asyncio

            asyncio.get_running_loop().add_signal_handler(hangup, self.terminal_gone)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread: the check still runs

    def _check_terminal(self) -> None:
        fd = self._terminal_fd
        lost = getattr(self._driver, "output_lost", None)  # a write to it failed
        if fd is not None and (not os.isatty(fd) or (lost is not None and lost.is_set())):
            self.terminal_gone()  # hung up: no longer a terminal

    def terminal_gone(self) -> None:
        """Save everything and quit, as Ctrl+Q does."""
        if self.terminal_lost:
            return
        self.terminal_lost = True
        self._terminal_fd = None
        self.call_later(self.run_action, "quit")
