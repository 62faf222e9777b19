"""Textual's output, as grow drives it (``ui/steady_output.py``): once the terminal has gone
away, writes are dropped without an error, so Textual's output thread never dies and the app
never blocks on its full queue while it saves and quits."""

from __future__ import annotations

import errno
import io
import threading

import pytest

pytest.importorskip("termios", reason="Textual's Linux and macOS driver")

from grow_app.ui.steady_output import SteadyLinuxDriver, SteadyOutput


class HungUp(io.StringIO):
    """A terminal that hangs up after ``good`` writes."""

    def __init__(self, good: int) -> None:
        super().__init__()
        self.good = good

    def write(self, text: str) -> int:
        if self.good <= 0:
            raise OSError(errno.EIO, "Input/output error")
        self.good -= 1
        return super().write(text)

    def flush(self) -> None:
        if self.good <= 0:
            raise OSError(errno.EIO, "Input/output error")


def test_a_terminal_that_hangs_up_is_no_longer_written_to_and_nothing_raises():
    lost = threading.Event()
    out = SteadyOutput(HungUp(good=2), lost)
    out.write("frame 1")
    out.flush()
    out.write("frame 2")
    assert not lost.is_set()
    assert out.write("frame 3") == len("frame 3")  # the terminal is gone: no error
    assert lost.is_set()
    out.flush()
    for frame in range(100):  # more than Textual's queue of 30 holds
        out.write(f"frame {frame}")
    assert out.getvalue() == "frame 1frame 2"  # what it passes on (the file's own methods)


def test_textual_s_output_thread_survives_a_hang_up():
    from textual.drivers._writer_thread import WriterThread

    lost = threading.Event()
    thread = WriterThread(SteadyOutput(HungUp(good=1), lost))  # type: ignore[arg-type]
    thread.start()
    for frame in range(100):  # blocks for good once the queue is full and the thread is dead
        thread.write(f"frame {frame}\n")
    thread.stop()
    assert lost.is_set() and not thread.is_alive()


def test_grow_runs_on_the_steady_driver_where_textual_would_use_its_linux_one(monkeypatch):
    from grow_app.services.workspace import Workspace
    from grow_app.ui.app import create_app

    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    app = create_app(Workspace(create=False))
    assert app.get_driver_class() is SteadyLinuxDriver
