"""A meeting whose terminal goes away (the window closed, the SSH connection lost): grow saves
what was typed and ends, as Ctrl+Q does (``grow_app/ui/terminal_watch.py``).

Two ways a terminal goes: with a SIGHUP (what a terminal window or sshd sends its programs),
and without one (a connection that dies without it; here: the pseudo-terminal is closed while
grow is not its controlling process). Before, the first ended grow on the spot (the text only
in the recovery journal, offered back at the next opening), and in the second grow lived on at
100 % of a core, holding the database, until someone killed it.
"""

from __future__ import annotations

import resource
import signal
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from terminal import GROW, Terminal, grow_env, stored_answers
from ui_session_helpers import make_session

pytestmark = [pytest.mark.slow, pytest.mark.terminal]

TEXT = "Wat we afspraken, vlak voor de verbinding wegviel."


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def journaled(home: Path, session_id: str) -> list:
    from grow_app.services.journal import Journal

    return list(Journal(home / "data" / "herstel").entries(session_id))


def typed_and_shown(home: Path) -> tuple[Terminal, str, Path]:
    """A session open in a pseudo-terminal, with TEXT typed and on screen (not yet saved: the
    autosave waits for a pause)."""
    db = home / "data" / "grow.db"
    session_id = make_session(db)
    term = Terminal([GROW, "open", session_id], grow_env(home))
    term.wait_for("beantwoord")
    term.type(TEXT)
    term.wait_for(TEXT[-20:])
    return term, session_id, db


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def test_a_terminal_gone_without_a_signal_saves_and_ends_grow(home):
    before = children_cpu()
    term, session_id, db = typed_and_shown(home)
    with term:
        term.hang_up()  # no SIGHUP: grow is not the pseudo-terminal's controlling process
        gone = time.monotonic()
        code = term.wait_exit(15)  # before: still running (a core at 100 %) until killed
        took = time.monotonic() - gone
    assert code == 0
    assert stored_answers(db, session_id)[("goal-doelen", "")] == TEXT
    assert journaled(home, session_id) == []  # nothing to offer back at the next opening
    print(f"\ngrow ended {took:.1f} s after its terminal went; {children_cpu() - before:.1f} CPU-s")


def test_a_sighup_saves_and_ends_grow(home):
    term, session_id, db = typed_and_shown(home)
    with term:
        term.kill(signal.SIGHUP)  # before: the end, on the spot (the text only in the journal)
        code = term.wait_exit(15)
    assert code == 0
    assert stored_answers(db, session_id)[("goal-doelen", "")] == TEXT
    assert journaled(home, session_id) == []


def test_a_sighup_on_the_home_screen_ends_grow_quietly(home):
    db = home / "data" / "grow.db"
    make_session(db)
    with Terminal([GROW, "--db", str(db)], grow_env(home)) as term:
        term.wait_for("Partnerschappen")
        term.kill(signal.SIGHUP)
        assert term.wait_exit(15) == 0
        assert "Traceback" not in term.output()
