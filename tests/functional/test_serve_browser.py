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
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

CHROMIUM = Path("/usr/bin/chromium")
STARTUP_TIMEOUT = 30.0
DRAW_TIMEOUT = 45.0
SAVE_TIMEOUT = 8.0
WINDOW = (1280, 800)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing (apt-get install chromium): browser test skipped",
    ),
]

# Runs in the page before textual.js: keeps the app's output as text (escape codes included).
RECORD_SOCKET = r"""
(() => {
  const Original = window.WebSocket;
  const decoder = new TextDecoder();
  window.__growOutput = "";
  window.__growSockets = [];
  function Recording(url, protocols) {
    const socket = protocols === undefined ? new Original(url) : new Original(url, protocols);
    window.__growSockets.push(socket);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__growOutput += decoder.decode(new Uint8Array(event.data), { stream: true });
      }
    });
    return socket;
  }
  Recording.prototype = Original.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) {
    Recording[name] = Original[name];
  }
  window.WebSocket = Recording;
})();
"""

ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def screen_text(raw: str) -> str:
    """The app's output without escape codes: what a reader would see, line pieces joined."""
    return ESCAPES.sub("", raw)


async def wait_for(check, timeout: float, what: str, interval: float = 0.1):
    """Poll ``check`` (sync or async) until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(interval)


# -- the server ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def stop_group(process: asyncio.subprocess.Process, grace: float = 5.0) -> None:
    """SIGTERM the process group (the server and every app process it started), then SIGKILL."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(process.wait(), grace)


@dataclass
class Served:
    url: str
    output: list[str]
    process: asyncio.subprocess.Process


@contextlib.asynccontextmanager
async def grow_serve(db_path: Path, *args: str) -> AsyncIterator[Served]:
    """Run ``grow --db DB serve --port FREE ARGS`` until the block ends."""
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "grow_app",
        "--db",
        str(db_path),
        "serve",
        "--port",
        str(port),
        *args,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    output: list[str] = []
    ready = asyncio.Event()

    async def drain() -> None:  # keep reading, or app processes writing to us would block
        assert process.stdout is not None
        async for line in process.stdout:
            output.append(line.decode("utf-8", "replace"))
            if url in output[-1]:
                ready.set()

    reader = asyncio.create_task(drain())
    try:
        waiting = asyncio.create_task(ready.wait())
        await asyncio.wait(
            {waiting, reader}, timeout=STARTUP_TIMEOUT, return_when="FIRST_COMPLETED"
        )
        waiting.cancel()
        if not ready.is_set():
            pytest.fail("grow serve did not start:\n" + "".join(output))
        try:
            yield Served(url, output, process)
        except BaseException:
            print("grow serve output:\n" + "".join(output))  # shown by pytest on failure
            raise
    finally:
        await stop_group(process)
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader


def app_processes(server_pid: int) -> list[int]:
    """The live ``grow ... open`` app processes in the server's process group (one per tab)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, group = fields[0], int(fields[2])
        if group == server_pid and state != "Z" and b"open" in command and b"serve" not in command:
            found.append(int(entry.name))
    return found


# -- the browser --------------------------------------------------------------------------------
class Page:
    """One tab, spoken to over its DevTools websocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.requests: list[str] = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.requestWillBeSent":
                self.requests.append(data["params"]["request"]["url"])
            elif data.get("method") == "Network.webSocketCreated":
                self.requests.append(data["params"]["url"])

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self.ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[call_id] = future
        await self.socket.send_json({"id": call_id, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 15)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def output(self) -> str:
        return screen_text(await self.evaluate("window.__growOutput || ''"))

    async def open(self, url: str) -> None:
        await self.send("Network.enable")
        await self.send("Page.enable")
        await self.send("Page.addScriptToEvaluateOnNewDocument", source=RECORD_SOCKET)
        await self.send("Page.navigate", url=url)

    async def type(self, text: str) -> None:
        """Focus the terminal's input and type ``text`` as if from the keyboard (IME-style)."""
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        await self.send("Input.insertText", text=text)

    async def close(self) -> None:
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.reader
        await self.socket.close()


class Browser:
    def __init__(self, process: asyncio.subprocess.Process, endpoint: str) -> None:
        self.process = process
        self.endpoint = endpoint
        self.http = aiohttp.ClientSession()
        self.pages: list[Page] = []

    async def new_page(self) -> Page:
        async with self.http.put(f"{self.endpoint}/json/new?about:blank") as reply:
            target = await reply.json()
        socket = await self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        page = Page(socket)
        self.pages.append(page)
        return page

    async def close(self) -> None:
        for page in self.pages:
            await page.close()
        await self.http.close()
        await stop_group(self.process)


@contextlib.asynccontextmanager
async def chromium(tmp_path: Path) -> AsyncIterator[Browser]:
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    process = await asyncio.create_subprocess_exec(
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        # Offline: no host name resolves, except the loopback address the server listens on.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        f"--user-data-dir={profile}",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        "about:blank",
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        start_new_session=True,
    )
    browser: Browser | None = None
    try:
        active = profile / "DevToolsActivePort"
        await wait_for(
            lambda: active.exists() and active.read_text().strip(), STARTUP_TIMEOUT, "chromium"
        )
        port = active.read_text().split()[0]
        browser = Browser(process, f"http://127.0.0.1:{port}")
        yield browser
    finally:
        if browser is not None:
            await browser.close()
        else:
            await stop_group(process)


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
        lambda: page.evaluate(
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
