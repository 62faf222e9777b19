"""``grow serve``: the app in a browser, through textual-serve.

textual-serve runs one app process per browser tab (a shell command, started when the tab's
websocket connects) and draws its output on a canvas in the page. What grow adds on top:

- the child command is ``python -m grow_app`` with the same database, language and card folders as
  the server, so every tab works on the same file (the store makes two writers safe);
- its own page template, which loads nothing from the internet (textual-serve's own page asks
  Google Fonts for Roboto Mono; offline that can hold up the page), in Dutch or English;
- page and websocket addresses taken from the request, so ``--host 0.0.0.0`` works for others;
- a guard against other web sites (:mod:`grow_app.ui.serve_guard`): only host names this server
  is known by are answered, on every interface (DNS rebinding), and a websocket or form from a
  page of another origin is refused (textual-serve has no login, so any open web page could
  otherwise drive the app);
- with ``--join``, the participant page (:mod:`grow_app.ui.join`) on the same server; then grow
  itself (the facilitator's app) only answers this computer, whatever the interface.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from grow_app.errors import GrowError
from grow_app.i18n import language, t
from grow_app.ui.serve_guard import (
    HostPolicy,
    is_loopback,
    is_wildcard,
    outside_refusal,
    peer_is_local,
)

if TYPE_CHECKING:
    from grow_app.ui.join.site import ParticipantSite

__all__ = ["GrowServer", "child_command", "is_loopback", "is_wildcard", "url_for"]

TEMPLATES = Path(__file__).resolve().parent / "serve_templates"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
SHUTDOWN_SECONDS = 10.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def lan_address() -> str | None:
    """This computer's address in the local network (what phones in the room use), or None.

    A UDP socket "connected" to a private address sends nothing; the system only picks the
    interface it would use, whose address we read."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if is_loopback(address) or is_wildcard(address) else address


def participant_host(host: str) -> str:
    """The host name participants' devices use to reach a server listening on ``host``."""
    if is_wildcard(host):
        return lan_address() or socket.gethostname() or "127.0.0.1"
    return host


def url_for(host: str, port: int) -> str:
    name = host.strip().strip("[]")
    if ":" in name:  # an IPv6 literal needs brackets in a URL
        name = f"[{name}]"
    return f"http://{name}:{port}"


def child_command(
    db_file: Path,
    *,
    lang: str,
    card_dirs: Iterable[str | os.PathLike[str]] = (),
    session_id: str | None = None,
) -> str:
    """The shell command textual-serve runs for every browser tab: this Python, this database.

    Paths are made absolute, so the child does not depend on the server's working folder.
    """
    args = [sys.executable, "-m", "grow_app", "--db", str(Path(db_file).resolve())]
    args += ["--lang", lang]
    for folder in card_dirs:
        args += ["--cards", str(Path(folder).resolve())]
    if session_id:
        args += ["open", session_id]
    return subprocess.list2cmdline(args) if os.name == "nt" else shlex.join(args)


class GrowServer(Server):
    """textual-serve's server with grow's page, addresses, guard and Dutch messages."""

    def __init__(
        self,
        command: str,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        title: str = "grow",
        announce: Callable[[str], None] | None = None,
        participants: ParticipantSite | None = None,
        hosts: HostPolicy | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self.public_url = url_for(host, port)
        self.lang = language()
        self.loopback_only = is_loopback(host)
        self.hosts = hosts or HostPolicy.for_listen(host)
        self.participants = participants
        # Requests from these addresses come from this computer itself (its own interfaces).
        own = {host.strip("[]")} if not is_wildcard(host) else set()
        if participants is not None and not self.loopback_only:
            own.add(lan_address() or "")
        self.own_addresses = frozenset(a for a in own if a)
        self._announce = announce or print
        self._tabs: set[asyncio.Task[Any]] = set()

    # -- the page -----------------------------------------------------------------------------
    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page for one tab. Addresses come from the request (not from ``--host``), so the
        page also works when the server listens on 0.0.0.0 and people use this computer's name."""
        base = f"{request.scheme}://{request.host}"
        websocket = f"{'wss' if request.scheme == 'https' else 'ws'}://{request.host}"
        try:
            font_size = max(8, min(48, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        return {
            "lang": self.lang,
            "font_size": font_size,
            "app_websocket_url": f"{websocket}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
            "texts": {
                "starting": t("serve.page_starting"),
                "start": t("serve.page_start"),
                "ended": t("serve.page_ended"),
                "restart": t("serve.page_restart"),
            },
        }

    # -- the guard ----------------------------------------------------------------------------
    def refusal(self, request: web.Request) -> str | None:
        """Why ``request`` is refused (a message key), or None to answer it."""
        refused = outside_refusal(
            self.hosts, request.host, request.method, request.path, request.headers.get("Origin")
        )
        if refused is not None:
            return refused
        if self.participants is not None and not self.participants.is_participant_path(
            request.path
        ):
            remote = request.remote or ""
            if not (peer_is_local(remote) or remote in self.own_addresses):
                return "join.local_only"  # with joining open, grow itself stays on this computer
        return None

    def request_allowed(self, request: web.Request) -> bool:
        return self.refusal(request) is None

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        refused = self.refusal(request)
        if refused is not None:
            raise web.HTTPForbidden(text=t(refused), headers={"Cache-Control": "no-store"})
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        if self.participants is not None:
            self.participants.add_to(app)
        return app

    # -- tabs ---------------------------------------------------------------------------------
    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: textual-serve starts an app process and relays it; we keep count."""
        task = asyncio.current_task()
        if task is not None:
            self._tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._tabs.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab as a closed tab ends: textual-serve sends its app "quit", the app saves
        and exits. (Without this, aiohttp waits a minute for the open websockets.)"""
        tabs = [task for task in self._tabs if not task.done()]
        for task in tabs:
            task.cancel()
        if tabs:
            await asyncio.wait(tabs, timeout=SHUTDOWN_SECONDS)

    # -- running ------------------------------------------------------------------------------
    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the addresses are announced once the port is really ours (see ``serve``)."""

    def initialize_logging(self) -> None:
        """Only problems, in plain text: no access log, no tracebacks with local variables."""
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (or SIGTERM, or SIGHUP). A port in use becomes a :class:`GrowError`."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        # SIGHUP: the terminal it runs in went away (its tabs' apps get it too, and save).
        hangup = getattr(signal, "SIGHUP", None)
        for signum in (signal.SIGINT, signal.SIGTERM, *([hangup] if hangup else [])):
            # Windows has no signal handlers on the loop; Ctrl+C still stops run_app there.
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                access_log=None,
                print=lambda _message: self._announce(self.public_url),
            )
        except OSError as err:
            raise GrowError(bind_error(self.host, self.port, err)) from None


def bind_error(host: str, port: int, err: OSError) -> str:
    if err.errno == errno.EADDRINUSE:
        return t("serve.port_in_use", port=port)
    if err.errno == errno.EACCES:
        return t("serve.port_denied", port=port)
    return t("serve.cannot_listen", host=host, port=port, reason=err.strerror or err)
