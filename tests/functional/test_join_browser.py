"""End to end: ``grow serve --join`` and two participants' phones in headless Chromium.

Each participant is a separate browser context (its own cookies, as two phones). One has
JavaScript (live updates), the other has it switched off (plain forms must do). The facilitator
is the real app (Pilot) on the same database: its session screen shows what the phones send
without a key (F5), reveals the silent round with its panel key and leads the phones to the next
question by moving there. A page of another origin, a
host name rebound to this computer, a wrong code and a second session's code are refused.

Set ``GROW_JOIN_SCREENSHOT=docs/img/meedoen.png`` to refresh the screenshot in the docs.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import shutil
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

sys.path.insert(0, str(Path(__file__).parent))

from serve_browser import (
    CHROMIUM,
    OFFLINE,
    Browser,
    Page,
    chromium,
    grow_serve,
    wait_for,
)

from grow_app.join_records import SILENT_MODE

FIRST = "goal-doelen"
ITEMS = "goal-verhouding"
PHONE = {"width": 360, "height": 780, "deviceScaleFactor": 2, "mobile": True}
TIMEOUT = 20.0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing"),
]


# -- the browser: one context per participant -------------------------------------------------------
class Phones(Browser):
    """Chromium with a browser context (cookies of its own) per participant."""

    browser: Page | None = None

    async def start(self) -> None:
        async with self.http.get(f"{self.endpoint}/json/version") as reply:
            url = (await reply.json())["webSocketDebuggerUrl"]
        self.browser = Page(await self.http.ws_connect(url, max_msg_size=0))
        self.pages.append(self.browser)

    async def phone(self, *, javascript: bool = True) -> Page:
        assert self.browser is not None
        context = await self.browser.send("Target.createBrowserContext")
        target = await self.browser.send(
            "Target.createTarget", url="about:blank", browserContextId=context["browserContextId"]
        )
        async with self.http.get(f"{self.endpoint}/json/list") as reply:
            targets = await reply.json()
        found = next(t for t in targets if t["id"] == target["targetId"])
        page = Page(await self.http.ws_connect(found["webSocketDebuggerUrl"], max_msg_size=0))
        self.pages.append(page)
        await page.send("Page.enable")
        await page.send("Network.enable")
        await page.send("Emulation.setDeviceMetricsOverride", **PHONE)
        if not javascript:
            await page.send("Emulation.setScriptExecutionDisabled", value=True)
        return page


def phones(tmp_path: Path):
    # evil.example is a name an attacker made point at this computer (DNS rebinding).
    return chromium(tmp_path, Phones, f"MAP evil.example 127.0.0.1, {OFFLINE}")


async def go(page: Page, url: str) -> None:
    """Open ``url`` (again) and wait for the new document, not the one being left."""
    await page.settled("window.__before = performance.timeOrigin")
    await page.send("Page.navigate", url=url)
    await wait_for(
        lambda: page.settled(
            "document.readyState === 'complete' && window.__before === undefined && location.href"
        ),
        TIMEOUT,
        f"{url} to load",
    )


async def text_of(page: Page) -> str:
    """The page's text. Between two documents (join.js reloads the page itself) it waits for the
    next one, so that "not in the text" is never said of a page that had none."""
    found = await wait_for(
        lambda: page.settled("document.body ? [document.body.innerText] : null"),
        TIMEOUT,
        "a page with a text",
    )
    return found[0]


async def shows(page: Page, text: str, what: str) -> None:
    async def check() -> bool:
        return text in await text_of(page)

    try:
        await wait_for(check, TIMEOUT, what)
    except BaseException:
        print(f"--- {await page.settled('location.href')}:\n{await text_of(page)}")
        raise


async def submit(page: Page, script: str, button: str) -> None:
    """Fill a form (``script``) and press its button like a person: a click, a new page."""
    await page.evaluate("window.__before = performance.timeOrigin")
    await page.evaluate(script)
    await page.send("Runtime.evaluate", expression=f"document.querySelector({button!r}).click()")

    async def navigated() -> bool:
        return await page.settled(
            "document.readyState === 'complete' && window.__before === undefined"
        )

    await wait_for(navigated, TIMEOUT, "the form's answer page")


def fill(selector: str, value: str) -> str:
    return f"document.querySelector({selector!r}).value = {value!r}"


# -- the database -----------------------------------------------------------------------------------
@pytest.fixture
def sessions(db_path: Path) -> tuple[Path, str, str]:
    from grow_app.services.catalog import load_catalog
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database

    db = open_database(db_path)
    try:
        catalog = load_catalog()
        ours = add_partnership(db, "AOS Oost Nederland", "Achterhoek", ["vo"])
        theirs = add_partnership(db, "Partnerschap Zuid", "Limburg", ["po"])
        ours_session = start_session(db, catalog, ours, "gesprekskaart-sop", date="2026-03-14")
        other = start_session(db, catalog, theirs, "gesprekskaart-sop")
    finally:
        db.conn.close()
    return db_path, ours_session.id, other.id


class Facilitator:
    """The facilitator's side, through the services the session screen's panels use."""

    def __init__(self, db_path: Path, session_id: str) -> None:
        from grow_app.services.catalog import load_catalog
        from grow_app.store import open_database

        self.db = open_database(db_path)
        self.session_id = session_id
        self.card = load_catalog().get("gesprekskaart-sop")

    def panel(self, question_id: str):
        from grow_app.services.contributions import panel_state

        return panel_state(self.db, self.session_id, question_id)

    def __getattr__(self, name: str):
        from grow_app.services import joining, voting

        for module in (joining, voting):
            if hasattr(module, name):
                return lambda *args, **kw: getattr(module, name)(self.db, *args, **kw)
        raise AttributeError(name)


def participant_url(output: list[str]) -> str:
    lines = [line.strip() for line in "".join(output).splitlines()]
    index = next(i for i, line in enumerate(lines) if "via dit adres" in line)
    return lines[index + 1]


@contextlib.asynccontextmanager
async def foreign_site(target: str) -> AsyncIterator[str]:
    """A page of another origin (another port) whose form posts to ``target`` by itself."""
    page = (
        f'<form method="post" action="{target}"><input name="tekst" value="untrusted">'
        '<input name="vraag" value="goal-doelen"></form>'
        "<script>document.forms[0].submit()</script>"
    )

    async def handler(_request: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        await runner.cleanup()


def panel_text(screen) -> str:
    from grow_app.ui.widgets.contributions_panel import ContributionsPanel

    panel = screen.query_one(ContributionsPanel)
    return " ".join(str(w.render()) for w in panel.query("Static")) + " ".join(
        str(option.prompt) for option in panel.query_one("OptionList")._options
    )


# -- the test -----------------------------------------------------------------------------------
@pytest.mark.slow(seconds=16)
async def test_two_participants_join_write_silently_and_openly_and_vote(sessions, tmp_path):
    from ui_session_helpers import context, ready
    from ui_session_helpers import wait_for as pilot_wait

    from grow_app.ui.app import create_app

    db_path, session_id, other_id = sessions
    facilitator = Facilitator(db_path, session_id)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    try:
        async with (
            grow_serve(db_path, "--join", session_id[:8]) as served,
            phones(tmp_path) as b,
            app.run_test(size=(140, 45)) as pilot,
        ):
            screen = await ready(pilot)
            assert screen.stop == FIRST
            await pilot.press("f5")  # the join that grow serve opened, and the panel
            url = participant_url(served.output)
            code = url.rsplit("/", 1)[1]
            assert url == f"{served.url}/j/{code}"
            facilitator.set_mode(session_id, FIRST, SILENT_MODE)
            anna, bram = await b.phone(), await b.phone(javascript=False)

            # Both join at once, each with a name.
            await asyncio.gather(go(anna, url), go(bram, url))
            await asyncio.gather(
                submit(anna, fill("#naam", "Anna"), "button[value=naam]"),
                submit(bram, fill("#naam", "Bram"), "button[value=naam]"),
            )
            for page, name in ((anna, "Anna"), (bram, "Bram")):
                await shows(page, f"Je doet mee als {name}.", f"{name} joined")
                assert "Stil schrijven" in await text_of(page)

            # Silent writing: both send; only a count shows until the facilitator reveals.
            await asyncio.gather(
                submit(anna, fill("#tekst", "Meer stageplekken in het po"), "#inbreng button"),
                submit(bram, fill("#tekst", "Begeleiding van starters"), "#inbreng button"),
            )
            await submit(anna, fill("#tekst", "Eén aanspreekpunt"), "#inbreng button")
            sent = asyncio.get_running_loop().time()
            # a count of 3 on the facilitator's screen
            await pilot_wait(pilot, lambda: "3" in panel_text(screen), TIMEOUT)
            arrived = asyncio.get_running_loop().time() - sent
            assert "Begeleiding van starters" not in panel_text(screen)  # silent: a count only
            panel = facilitator.panel(FIRST)
            assert panel.count == 3 and panel.round.hidden_until_reveal
            assert {(c.author, c.text) for c in panel.contributions} == {
                ("Anna", "Meer stageplekken in het po"),
                ("Bram", "Begeleiding van starters"),
                ("Anna", "Eén aanspreekpunt"),
            }
            await shows(anna, "1 bijdrage van iemand anders, verborgen", "the count, live")
            assert "Begeleiding van starters" not in await text_of(anna)
            from grow_app.ui.widgets.contributions_panel import ContributionsPanel

            screen.query_one(ContributionsPanel).focus_list()
            await pilot.press("r")  # reveal, from the facilitator's panel
            hidden = "Begeleiding van starters"
            await pilot_wait(pilot, lambda: hidden in panel_text(screen), TIMEOUT)  # shown now
            await shows(anna, "Begeleiding van starters", "the revealed contributions, live")
            await go(bram, url)  # without JavaScript: a reload shows them
            assert "Meer stageplekken in het po" in await text_of(bram)

            # Open mode on the next question: the page follows the facilitator's move.
            screen.focus_editor()
            await pilot.press("ctrl+down")
            await shows(anna, "de vijf functies van de Onderwijsregio?", "the next question")
            await go(bram, url)
            await submit(bram, fill("#tekst", "Werven doen we samen"), "#inbreng button")
            await shows(anna, "Werven doen we samen", "an open contribution, live")
            # and the facilitator's screen shows it, open
            await pilot_wait(pilot, lambda: "Werven doen we samen" in panel_text(screen), TIMEOUT)
            assert [c.text for c in facilitator.panel(ITEMS).listed] == ["Werven doen we samen"]

            # A dot vote over the question's items, three dots each.
            vote = facilitator.start_vote(facilitator.card, session_id, ITEMS, "items", budget=3)
            await shows(anna, "Stemmen: verdeel 3 stippen", "the vote, live")
            await go(bram, url)
            await submit(anna, fill("input[name=stip-ambitie]", "3"), "form.vote button")
            await submit(
                bram,
                fill("input[name=stip-functies]", "2")
                + ";"
                + fill("input[name=stip-ambitie]", "1"),
                "form.vote button",
            )
            for page in (anna, bram):
                assert "Je stem is ontvangen" in await text_of(page)
            # join.js ran on Anna's phone (it counts the dots left) and not on Bram's.
            ready = "document.querySelector('form.vote').getAttribute('data-ready')"
            assert await anna.evaluate(ready) == "1"
            assert await bram.evaluate(ready) is None
            result = facilitator.result(vote)
            assert [(o.key, dots) for o, dots in result.totals] == [("ambitie", 4), ("functies", 2)]
            assert result.voters == 2

            if target := os.environ.get("GROW_JOIN_SCREENSHOT"):
                await go(anna, url)
                size = (await anna.send("Page.getLayoutMetrics"))["cssContentSize"]
                shot = await anna.send(
                    "Page.captureScreenshot",
                    format="png",
                    captureBeyondViewport=True,
                    clip={"x": 0, "y": 0, "width": 360, "height": size["height"], "scale": 0.5},
                )
                (tmp_path / "join.png").write_bytes(base64.b64decode(shot["data"]))
                shutil.copyfile(tmp_path / "join.png", target)

            stored = len(facilitator.panel(FIRST).contributions) + len(
                facilitator.panel(ITEMS).contributions
            )
            assert stored == 4

            # -- and what is refused ----------------------------------------------------------
            stranger = await b.phone()
            await go(stranger, f"{served.url}/j/AAAAAA")
            assert "Deze code klopt niet" in await text_of(stranger)
            other_join = facilitator.open_join(other_id)
            await go(stranger, f"{served.url}/j/{other_join.code}")
            assert "Deze code klopt niet" in await text_of(stranger)
            await go(stranger, f"{served.url.replace('127.0.0.1', 'evil.example')}/j/{code}")
            assert "Geweigerd" in await text_of(stranger)
            async with foreign_site(f"{url}/inbreng") as elsewhere:
                await go(anna, elsewhere)  # Anna's cookie goes along: only Origin stops it
                await shows(anna, "Geweigerd", "the foreign form refused")
            assert stored == len(facilitator.panel(FIRST).contributions) + len(
                facilitator.panel(ITEMS).contributions
            )
            from grow_app.store.contributions import list_contributions

            assert list_contributions(facilitator.db, other_id) == []
            print(f"\nthe third silent contribution on the facilitator's screen in {arrived:.2f} s")
    finally:
        facilitator.db.conn.close()
