"""End to end: ``grow serve`` in headless Chromium, driven through the DevTools protocol.

The terminal is drawn on a canvas, so the page's text is not in the DOM. The test wraps the page's
``WebSocket`` (before any page script runs) and keeps every byte the app sends; with the escape
codes removed, the texts on screen can be found in it. Chromium runs with every host name except
127.0.0.1 unresolvable, and the test checks that the page asked nothing from any other host.

Set ``GROW_SERVE_SCREENSHOT=docs/img/serve.png`` to refresh the screenshot in the docs.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from serve_browser import (
    CHROMIUM,
    DRAW_TIMEOUT,
    SAVE_TIMEOUT,
    Page,
    app_processes,
    chromium,
    grow_serve,
    wait_for,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing (apt-get install chromium): browser test skipped",
    ),
]


# -- the session the tests open -----------------------------------------------------------------
@pytest.fixture
def served_session(db_path: Path) -> tuple[Path, str, str]:
    """A database with one session on the main card: (db file, session id, first question)."""
    from grow_app.services.catalog import load_catalog
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database

    db = open_database(db_path)
    try:
        catalog = load_catalog()
        partnership = add_partnership(db, "AOS Oost Nederland", "Achterhoek", ["vo"])
        session = start_session(db, catalog, partnership, "gesprekskaart-sop", date="2026-03-14")
        question = Meeting(db, catalog.get("gesprekskaart-sop"), session).first_unanswered()
    finally:
        db.conn.close()
    return db_path, session.id, question.text


def saved_texts(db_path: Path, session_id: str) -> list[str]:
    """Every answer text and every kept revision of the session, as stored in the file."""
    from grow_app.services.catalog import load_catalog
    from grow_app.services.meeting import Meeting
    from grow_app.store import open_database

    db = open_database(db_path)
    try:
        meeting = Meeting.open(db, load_catalog(), session_id)
        texts = [answer.text for answer in meeting.answers.values()]
        for question in meeting.card.questions():
            for key in meeting.card.answer_keys(question):
                texts += [revision.text for revision in meeting.history(question.id, key)]
        return texts
    finally:
        db.conn.close()


async def open_and_wait_for_draw(page: Page, url: str, expected: str) -> dict[str, float]:
    """Open the served page and wait until ``expected`` is on the app's screen."""
    started = time.monotonic()
    await page.open(url)
    await wait_for(
        lambda: page.settled(
            "document.body.classList.contains('-first-byte')"
            " && document.querySelector('.textual-terminal').classList.contains('-connected')"
        ),
        DRAW_TIMEOUT,
        "the websocket to connect and the app to send its first screen",
    )
    first_byte = time.monotonic() - started

    async def on_screen() -> bool:
        return expected in await page.output()

    await wait_for(on_screen, DRAW_TIMEOUT, f"{expected!r} on the screen")
    return {"first_byte": first_byte, "text": time.monotonic() - started}


async def _session_screen_drawn(page: Page) -> bool:
    """The full session screen (after the quick first frame of ``grow open``) is drawn, with
    its footer."""
    return "Volgende" in await page.output()


# -- the tests ----------------------------------------------------------------------------------
async def test_serve_draws_the_session_offline_in_chromium(served_session, tmp_path, capsys):
    db_path, session_id, question = served_session
    expected = question[:40]
    async with (
        grow_serve(db_path, "--open", session_id[:8]) as served,
        chromium(tmp_path) as browser,
    ):
        url = served.url
        page = await browser.new_page()
        timings = await open_and_wait_for_draw(page, url, expected)

        assert await page.evaluate("document.querySelectorAll('.textual-terminal canvas').length")
        assert await page.evaluate("window.__growSockets[0].readyState === WebSocket.OPEN")
        assert await page.evaluate("document.documentElement.lang") == "nl"
        # The bundled font is used, and nothing was asked from any host but the server.
        assert await page.evaluate("document.fonts.check(\"16px 'Roboto Mono'\")")
        assert f"{url}/static/fonts/RobotoMono-VariableFont_wght.ttf" in page.requests
        outside = [u for u in page.requests if not u.startswith((url, url.replace("http", "ws")))]
        assert outside == [], f"the page asked other hosts: {outside}"

        if os.environ.get("GROW_SERVE_SCREENSHOT"):  # for the docs: the session screen itself
            # A focused page, as in a real browser (the footer shows its keys only then).
            await page.send("Emulation.setFocusEmulationEnabled", enabled=True)
            await page.evaluate("document.querySelector('.xterm-helper-textarea').blur()")
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await wait_for(lambda: _session_screen_drawn(page), DRAW_TIMEOUT, "the session screen")
        shot = await page.send("Page.captureScreenshot", format="png")
        png = base64.b64decode(shot["data"])
        assert png.startswith(b"\x89PNG")
        (tmp_path / "serve.png").write_bytes(png)
        if target := os.environ.get("GROW_SERVE_SCREENSHOT"):
            shutil.copyfile(tmp_path / "serve.png", target)
    with capsys.disabled():
        print(
            f"\n[serve] first bytes after {timings['first_byte']:.2f} s, "
            f"question on screen after {timings['text']:.2f} s"
        )


@pytest.mark.slow(seconds=7)
async def test_serve_two_tabs_get_their_own_app_on_one_database(served_session, tmp_path):
    db_path, session_id, question = served_session
    async with grow_serve(db_path, "--open", session_id) as served, chromium(tmp_path) as browser:
        url = served.url
        first, second = await browser.new_page(), await browser.new_page()
        await asyncio.gather(
            open_and_wait_for_draw(first, url, question[:40]),
            open_and_wait_for_draw(second, url, question[:40]),
        )
        # Two live app processes, each drawing for its own tab.
        assert await first.evaluate("window.__growSockets[0].readyState === WebSocket.OPEN")
        assert await second.evaluate("window.__growSockets[0].readyState === WebSocket.OPEN")
        assert len(app_processes(served.process.pid)) == 2

        # Stopping the server (Ctrl+C, or SIGTERM from a service manager) ends both apps the way
        # a closed tab does, promptly; each tab then says the connection has closed.
        started = time.monotonic()
        served.process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(served.process.wait(), 20)
        assert time.monotonic() - started < 15
        assert served.process.returncode == 0
        assert app_processes(served.process.pid) == []
        for page in (first, second):
            await wait_for(
                lambda page=page: page.evaluate("document.body.classList.contains('-closed')"),
                10,
                "the page to show that the connection closed",
            )
            assert "De verbinding met grow is verbroken." in await page.evaluate(
                "document.querySelector('.closed-dialog').innerText"
            )


@pytest.mark.slow(seconds=6)
async def test_the_terminal_of_grow_serve_going_away_ends_the_server_and_its_tabs(
    served_session, tmp_path
):
    """The terminal ``grow serve`` runs in goes away: the system sends SIGHUP to the server and
    to its tabs' apps (one process group). They end as Ctrl+C ends them, the typed text saved.
    (Before: the server and every tab ended on the spot.)"""
    db_path, session_id, question = served_session
    async with grow_serve(db_path, "--open", session_id) as served, chromium(tmp_path) as browser:
        page = await browser.new_page()
        await open_and_wait_for_draw(page, served.url, question[:40])
        assert len(app_processes(served.process.pid)) == 1
        await page.type("Getypt in de browser")
        await wait_for(
            lambda: any("Getypt in de browser" in t for t in saved_texts(db_path, session_id)),
            SAVE_TIMEOUT,
            "the text in the database",
            interval=0.25,
        )
        os.killpg(served.process.pid, signal.SIGHUP)
        await asyncio.wait_for(served.process.wait(), 20)
        assert served.process.returncode == 0
        await wait_for(lambda: app_processes(served.process.pid) == [], 10, "the tab's app gone")
        assert "Traceback" not in "".join(served.output)


@pytest.mark.slow(seconds=7)
async def test_serve_typing_in_the_browser_reaches_the_database(served_session, tmp_path):
    """Contract: the session opens with the cursor in the first unanswered question's editor,
    and autosave writes within a second. Two tabs type; both texts are kept."""
    db_path, session_id, question = served_session
    async with grow_serve(db_path, "--open", session_id) as served, chromium(tmp_path) as browser:
        url = served.url
        first, second = await browser.new_page(), await browser.new_page()
        await open_and_wait_for_draw(first, url, question[:40])
        await open_and_wait_for_draw(second, url, question[:40])

        async def type_and_find(page: Page, text: str) -> None:
            await page.type(text)
            await wait_for(
                lambda: any(text in saved for saved in saved_texts(db_path, session_id)),
                SAVE_TIMEOUT,
                f"{text!r} in the database",
                interval=0.25,
            )

        await type_and_find(first, "Typed in tab one")
        await type_and_find(second, "Tab two adds this")
        # Both writers' texts are in the file (the answer, or its kept history).
        assert any("Typed in tab one" in text for text in saved_texts(db_path, session_id))
