"""Driving ``grow serve`` and headless Chromium through the DevTools protocol: shared by the
browser tests (``test_serve_browser``, ``test_join_browser``)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
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
# Generous limits, not speeds (those are measured in benchmarks/): Chromium, the server and an
# app per tab share a busy CI machine with the other tests.
STARTUP_TIMEOUT = 30.0
DRAW_TIMEOUT = 45.0
SAVE_TIMEOUT = 30.0
WINDOW = (1280, 800)

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

    async def settled(self, expression: str) -> Any:
        """``expression``'s value, or None while the page is between two documents (being
        opened, refreshed, or after a form's click: DevTools then says "Inspected target
        navigated or closed", seen at load ~5 and in the suite on two cores). For waits."""
        try:
            return await self.evaluate(expression)
        except AssertionError as err:
            if "navigated or closed" in str(err):
                return None
            raise

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

    async def start(self) -> None:
        """Called once Chromium is up (a subclass connects to the browser itself here)."""

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


OFFLINE = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
"""Offline: no host name resolves, except the loopback address the server listens on."""


@contextlib.asynccontextmanager
async def chromium(
    tmp_path: Path, kind: type[Browser] = Browser, resolver_rules: str = OFFLINE
) -> AsyncIterator[Browser]:
    """Headless Chromium with a fresh profile, as a ``kind`` (a :class:`Browser`)."""
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
        f"--host-resolver-rules={resolver_rules}",
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
        browser = kind(process, f"http://127.0.0.1:{port}")
        await browser.start()
        yield browser
    finally:
        if browser is not None:
            await browser.close()
        else:
            await stop_group(process)
