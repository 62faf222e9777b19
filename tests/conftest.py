"""Shared fixtures. Every test gets its own GROW_HOME, so nothing is written outside tmp_path."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from grow_app.i18n import set_language
from tests.ordering import spread

if TYPE_CHECKING:
    from click.testing import Result

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True, scope="session")
def pilot_waits_for_held_keys() -> None:
    """Pilot's ``press`` and ``pause`` wait until every widget has handled what was queued when
    they looked, once. A key that travels back up to the app holds the keys behind it until it
    has (``ui/input_gate.py``), which can take a few more rounds: they wait for that too."""
    import asyncio

    from textual.pilot import Pilot

    original = Pilot._wait_for_screen

    async def wait_for_screen(self: Pilot[Any], timeout: float = 30.0) -> bool:
        done = await original(self, timeout)
        for _ in range(200):  # at most ~1 s, as long as the app holds keys itself
            if not getattr(self.app, "holding_input", False):
                break
            await asyncio.sleep(0.005)
            done = await original(self, timeout)
        return done

    Pilot._wait_for_screen = wait_for_screen  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    # Beside tmp_path, not in it: grow keeps things in its home (the card cache) that a test
    # of "nothing is left in the folder" must not find there.
    home = tmp_path_factory.mktemp("grow-home")
    home.rmdir()  # as a new user's: not there until grow makes it
    monkeypatch.setenv("GROW_HOME", str(home))
    # The recovery journal's fallback (a moved data folder) lies in the temporary folder.
    temporary = tmp_path_factory.mktemp("systmp")
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.delenv("GROW_DB", raising=False)
    monkeypatch.delenv("GROW_LANG", raising=False)
    set_language("nl")
    yield home
    set_language("nl")


@pytest.fixture
def fresh_db():
    from grow_app.store import open_database

    db = open_database(":memory:")
    yield db
    db.conn.close()


@pytest.fixture
def catalog():
    from grow_app.services.catalog import load_catalog

    return load_catalog()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "grow.db"


@pytest.fixture
def grow_cli(db_path: Path) -> Callable[..., Result]:
    """``grow`` on the command line, in-process through click's runner; returns click's Result.

    ``grow_cli("session", "list")`` runs ``grow --db <db_path> session list``. ``db=`` names
    another database file, ``db=None`` passes no ``--db`` (grow's default one, or a ``--db``
    among the arguments); ``input`` is what the user types at a prompt, ``env`` extra
    environment variables. An unexpected exception is not caught: it fails the test with its
    own traceback (click still turns ``SystemExit`` into the exit code).
    """
    from click.testing import CliRunner

    from grow_app.cli import cli

    def run(
        *args: Any,
        db: Path | str | None = db_path,
        input: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        prefix = [] if db is None else ["--db", str(db)]
        return CliRunner().invoke(
            cli,
            [*prefix, *map(str, args)],
            input=input,
            env=env,
            prog_name="grow",
            catch_exceptions=False,
        )

    return run


@pytest.fixture
def answered(fresh_db, catalog):
    """The sample meeting (grow_app.services.sample): every kind of answer filled in."""
    from grow_app.services.sample import sample_meeting

    return sample_meeting(fresh_db, catalog)


@pytest.fixture
def sop_meeting(fresh_db, catalog):
    """A session on the main card for a partnership, ready to answer."""
    from grow_app.records import Participant
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session

    partnership = add_partnership(fresh_db, "AOS Oost Nederland", "Achterhoek", ["vo"])
    session = start_session(
        fresh_db,
        catalog,
        partnership,
        "gesprekskaart-sop",
        date="2026-03-14",
        facilitator="Anna de Vries",
        participants=[Participant("Bram Jansen", "HAN", "opleider")],
    )
    return Meeting(fresh_db, catalog.get("gesprekskaart-sop"), session)


@pytest.fixture
def meeting_on_file(tmp_path: Path, catalog):
    """A database file with one session on the main card, its meeting, and a recovery journal
    beside it: (path, meeting, journal)."""
    from grow_app.services.journal import Journal
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database

    path = tmp_path / "data" / "grow.db"
    db = open_database(path)
    partnership = add_partnership(db, "AOS Oost Nederland")
    session = start_session(db, catalog, partnership, "gesprekskaart-sop", date="2026-03-14")
    meeting = Meeting(db, catalog.get("gesprekskaart-sop"), session)
    journal = Journal(tmp_path / "data" / "herstel", tmp_path / "fallback", database=path)
    yield path, meeting, journal
    db.conn.close()


@pytest.fixture
def session_id_on_file(db_path: Path) -> str:
    """A session on the main card in a database file (``db_path``); its id."""
    from grow_app.services.catalog import load_catalog
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database

    db = open_database(db_path)
    try:
        partnership = add_partnership(db, "AOS Oost Nederland", "Achterhoek", ["vo"])
        return start_session(db, load_catalog(), partnership, "gesprekskaart-sop").id
    finally:
        db.conn.close()


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> object:
    """The test modules as pytest rewrites them (for its assert messages) are cached, also where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on CI's machines): rewriting all of them took each
    worker ~5 s of CPU at every run. Only while collecting: what a test module imports at its
    top (some of grow) is cached too; what the tests import later is compiled as the environment
    says."""
    before = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        return (yield)
    finally:
        sys.dont_write_bytecode = before


@pytest.hookimpl(trylast=True)  # after -m, -k and --deselect have taken theirs out
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked ``slow``: real processes, a browser, SIGKILL rounds, many
    examples) spread over the workers, at the front of each one's share: ``tests/ordering.py``.
    The order is the same on every worker, as pytest-xdist requires."""
    items[:] = spread(items, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is imported and collected lives as long as the run: full garbage collections leave
    it out (``gc.freeze``). They walked it again and again, some 12 % of the suite's CPU time.
    (A session screen hands everything back when it closes, and sets it aside again when the
    next one is built: ``grow_app.ui.long_lived``.)

    Also: when other tests run beside the real-terminal ones (several workers, not only
    ``-m terminal``), those skip their CPU hog (``GROW_TESTS_BUSY``, see ``terminal.cpu_hog``).

    And young collections come every 10,000 new objects instead of 700: each test builds
    and drops whole Textual apps (a few hundred thousand objects), and the ~4,500 young
    and ~350 middle-aged collections per worker that Python's defaults made took a tenth of
    the CPU of the Pilot tests (paired, six files, two workers: 93 against 108 CPU-s; each
    worker's peak memory 400 instead of 270 MB). Only this test process: every grow that a
    test starts keeps Python's defaults, as a user's does."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers > 1 and any(item.get_closest_marker("terminal") is None for item in session.items):
        os.environ["GROW_TESTS_BUSY"] = "1"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """One full collection, then what is still alive is set aside (``gc.freeze``).

    After this hook pytest collects five times over (``gc_collect_harder``) to report errors in
    finalizers. A worker's heap holds everything its ~270 tests imported and left alive, and five
    passes over it took 3-5 s at the end of every worker. Past 5 s, xdist's execnet sends the
    worker a SIGINT to make it stop: a KeyboardInterrupt in the middle of a collection, printed as
    an error of a green run. The one collection here reports what those five would (garbage
    first freed here); the five then walk only what is made after it."""
    gc.collect()
    gc.freeze()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two workers per core (at most eight). Many tests wait (for a real process,
    a browser, the autosave's pause), so one worker per core leaves the cores idle a third of
    the time; on two cores four workers finish the suite about a tenth sooner."""
    return min(2 * (os.cpu_count() or 1), 8)
