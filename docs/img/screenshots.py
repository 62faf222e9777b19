"""Make the terminal screenshots of the README: the home screen and the session screen.

    GROW_HOME=/tmp/grow-shots .venv/bin/python docs/img/screenshots.py /tmp/shots [WIDTH HEIGHT]

writes ``startscherm.svg`` and ``sessiescherm.svg`` (and the projector-mode variant) into the
folder. Render them to PNG with headless Chromium at the SVG's own size (its viewBox), e.g.

    chromium --headless --no-sandbox --hide-scrollbars --window-size=1482,831 \
        --screenshot=docs/img/sessiescherm.png file:///tmp/shots/sessiescherm.svg

The example partnership and answers are made up; GROW_HOME must be a scratch folder.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from grow_app.cli.context import AppContext
from grow_app.records import Participant
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database


def _prepare(db_path: Path) -> str:
    from grow_app.services.catalog import load_catalog

    db = open_database(db_path)
    catalog = load_catalog()
    owner = add_partnership(db, "Samen Opleiden Twente", "Twente", ["po", "vo"])
    add_partnership(db, "Pabo Zwolle en partners", "Zwolle", ["po"])
    session = start_session(
        db,
        catalog,
        owner,
        "gesprekskaart-sop",
        date="2026-03-14",
        facilitator="Anna de Vries",
        participants=[
            Participant("Bram Jansen", "Saxion", "opleider"),
            Participant("Fatima El Amrani", "Stichting Keender", "bestuurder"),
        ],
    )
    meeting = Meeting(db, catalog.get("gesprekskaart-sop"), session)
    meeting.save_answer(
        "goal-doelen",
        "",
        "Samen goede leraren opleiden voor de hele regio, met één opleidingsprogramma "
        "voor alle scholen.\n- iedere student een vaste werkplekbegeleider\n"
        "- startende leraren drie jaar begeleiden",
    )
    meeting.save_answer(
        "goal-verhouding",
        "functies",
        "Onze doelen raken vooral opleiden en begeleiden; werven doen we samen met de regio.",
    )
    meeting.add_action("Werkgroep opleiden bijeenroepen", "Programmamanager", "15-12-2026")
    db.conn.close()
    return session.id


async def _shoot(folder: Path, size: tuple[int, int]) -> None:
    from grow_app.ui.app import create_app
    from grow_app.ui.screens.session import SessionScreen
    from grow_app.ui.widgets.answer_area import AnswerArea

    db_path = folder / "voorbeeld.db"
    db_path.unlink(missing_ok=True)
    session_id = _prepare(db_path)
    app = create_app(AppContext(db_path=str(db_path)), autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        await pilot.press("down")  # the partnership with a session
        await pilot.pause(0.3)
        app.save_screenshot("startscherm.svg", str(folder))
        await app.push_screen(SessionScreen(session_id, clock=lambda: 0.0))
        for _ in range(200):  # the meeting loads beside the first frame
            await pilot.pause(0.05)
            if app.screen.meeting is not None and len(app.screen._panes) == len(app.screen.stops):
                break
        await app.screen.go_to("goal-verhouding")
        for area in app.screen.query(AnswerArea):
            area.cursor_blink = False
        await pilot.pause(0.3)
        app.save_screenshot("sessiescherm.svg", str(folder))
        await pilot.press("f8")
        await pilot.pause(0.5)
        app.save_screenshot("sessiescherm-beamer.svg", str(folder))
        await pilot.press("f8")
        await pilot.pause(0.2)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    width, height = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (120, 34)
    asyncio.run(_shoot(target, (width, height)))
