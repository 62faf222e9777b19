"""Shared setup for the session-screen tests: a database file with a partnership and a session."""

from __future__ import annotations

from pathlib import Path

from textual import events

from grow_app.cli.context import AppContext
from grow_app.records import Participant
from grow_app.services.catalog import load_catalog
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database


def make_session(
    db_path: Path,
    card_id: str = "gesprekskaart-sop",
    *,
    card_dirs: tuple[str, ...] = (),
    date: str = "2026-03-14",
    partnership: str = "AOS Oost Nederland",
) -> str:
    """Create (or reuse) the partnership and start a session; returns the session id."""
    from grow_app.services.partnerships import list_partnerships

    db = open_database(db_path)
    try:
        catalog = load_catalog(Path(d) for d in card_dirs)
        found = [p for p in list_partnerships(db) if p.name == partnership]
        owner = found[0] if found else add_partnership(db, partnership, "Achterhoek", ["vo"])
        session = start_session(
            db,
            catalog,
            owner,
            card_id,
            date=date,
            facilitator="Anna de Vries",
            participants=[Participant("Bram Jansen", "HAN", "opleider")],
        )
        return session.id
    finally:
        db.conn.close()


def context(db_path: Path, card_dirs: tuple[str, ...] = ()) -> AppContext:
    return AppContext(db_path=str(db_path), card_dirs=card_dirs)


async def paste(pilot, text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal's bracketed paste would."""
    focused = pilot.app.focused
    assert focused is not None, "nothing has focus"
    focused.post_message(events.Paste(text))
    await pilot.pause()


async def settle(pilot) -> None:
    """Let the UI catch up and the autosave writer store everything."""
    await pilot.pause()
    assert session_screen(pilot.app).flush(10)
    await pilot.pause()


def session_screen(app):
    from grow_app.ui.screens.session import SessionScreen

    return next(s for s in reversed(app.screen_stack) if isinstance(s, SessionScreen))


async def ready(pilot, seconds: float = 20.0):
    """Wait until the session screen has its meeting (loaded in a thread) and shows a question;
    returns the screen."""
    from grow_app.ui.screens.session import SessionScreen

    def loaded() -> bool:
        screens = [s for s in pilot.app.screen_stack if isinstance(s, SessionScreen)]
        return bool(screens) and screens[-1].meeting is not None and screens[-1].pane is not None

    said: list[str] = []  # what the app notifies meanwhile (a notification expires in 5 s)
    notify = pilot.app.notify

    def keep(message, *args, **kwargs):
        said.append(str(message))
        return notify(message, *args, **kwargs)

    pilot.app.notify = keep
    try:
        await wait_for(pilot, loaded, seconds, why=lambda: _why_not_loaded(pilot.app, said))
    finally:
        pilot.app.notify = notify
    await pilot.pause()
    return session_screen(pilot.app)


def _why_not_loaded(app, said: list[str]) -> str:
    """What the app was doing when its session did not load in time (a failing test says it)."""
    from grow_app.paths import app_dirs

    workers = [(w.name, w.group, w.state.name, repr(w.error)) for w in app.workers]
    screens = [type(s).__name__ for s in app.screen_stack]
    logs = sorted((app_dirs().data / "logs").glob("crash-*.txt"))  # where grow writes them
    crash = logs[-1].read_text()[-2000:] if logs else ""
    return f"not loaded: screens={screens} workers={workers} said={said} crash log:\n{crash}"


async def wait_for(pilot, condition, seconds: float = 5.0, why=lambda: "") -> None:
    """Pause until ``condition()`` holds (screens pushed after a refresh, workers); ``why()``
    says what was going on when it did not."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), why()


def fully_shown(widget) -> bool:
    """True when all of ``widget`` is on the screen: inside the screen and inside every
    scrolling container around it (not scrolled away, not cut off by a border)."""
    region = widget.region
    if region.area == 0 or not widget.display:
        return False
    if not widget.screen.region.contains_region(region):
        return False
    for ancestor in widget.ancestors:
        if ancestor is widget.screen or not hasattr(ancestor, "scrollable_content_region"):
            continue
        if not ancestor.scrollable_content_region.contains_region(region):
            return False
    return True
