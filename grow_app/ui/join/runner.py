"""The participant page on a small server of its own, in a background thread: joining started
from the session screen of ``grow open`` (no ``grow serve`` running).

    server = ParticipantServer(db_path, session_id, card, host="0.0.0.0")
    join = server.start()     # from a worker thread: it writes the join code
    ...                       # join.address + "/" + join.code is the participant address
    server.stop()             # closes the code; the page stops answering

Only the participant routes are served (there is no app in a browser here), with the same guard
as ``grow serve``: host names this server is known by, Origin for forms. A port in use is
skipped for the next one (up to ``PORT_TRIES``); none free is one Dutch line.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import threading
from pathlib import Path

from aiohttp import web

from grow_app.card.models import Card
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.join_records import JoinCode
from grow_app.services import joining
from grow_app.ui.join.site import ParticipantSite
from grow_app.ui.serve import DEFAULT_HOST, DEFAULT_PORT, bind_error, participant_host, url_for
from grow_app.ui.serve_guard import HostPolicy, outside_refusal

PORT_TRIES = 10
log = logging.getLogger("grow.join")


class ParticipantServer:
    def __init__(
        self,
        db_path: str | Path,
        session_id: str,
        card: Card,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        allow_anonymous: bool = False,
    ) -> None:
        self.db_path = Path(db_path)
        self.session_id = session_id
        self.card = card
        self.host = host
        self.port = port
        self.allow_anonymous = allow_anonymous
        self.hosts = HostPolicy.for_listen(host)
        self.join: JoinCode | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._error: GrowError | None = None
        self.bound_port = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        refused = outside_refusal(
            self.hosts, request.host, request.method, request.path, request.headers.get("Origin")
        )
        if refused is not None:
            raise web.HTTPForbidden(text=t(refused), headers={"Cache-Control": "no-store"})
        return await handler(request)

    def start(self) -> JoinCode:
        """Listen, open joining with a new code and store the address; returns the join.
        Blocks until the server listens (or says why it cannot). Call it from a worker thread:
        it writes to the database."""
        if self.running:
            assert self.join is not None
            return self.join
        ready = threading.Event()
        self._error = None
        self._thread = threading.Thread(
            target=self._thread_main, args=(ready,), name="grow-join-server", daemon=True
        )
        self._thread.start()
        ready.wait()
        if self._error is not None:
            self._thread.join(10)
            self._thread = None
            raise self._error
        db = joining.connect(self.db_path)
        try:
            join = joining.open_join(db, self.session_id, allow_anonymous=self.allow_anonymous)
            address = f"{url_for(participant_host(self.host), self.bound_port)}/j"
            self.join = joining.announce_address(db, join, address)
        except BaseException:
            self.stop()
            raise
        finally:
            db.conn.close()
        return self.join

    def _thread_main(self, ready: threading.Event) -> None:
        try:
            asyncio.run(self._serve(ready))
        except Exception as err:  # never a traceback over the facilitator's screen
            log.error("grow: the join server stopped: %s: %s", type(err).__name__, err)
            if not ready.is_set():
                reason = type(err).__name__
                self._error = GrowError(
                    t("serve.cannot_listen", host=self.host, port=self.port, reason=reason)
                )
        finally:
            ready.set()  # whatever happened, start() stops waiting

    async def _serve(self, ready: threading.Event) -> None:
        """The server thread: listen, say so, and run until :meth:`stop`."""
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        app = web.Application(middlewares=[self._guard])
        ParticipantSite(self.db_path, self.session_id, self.card).add_to(app)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        try:
            self.bound_port = await self._bind(runner)
        except GrowError as err:
            self._error = err
            await runner.cleanup()
            ready.set()
            return
        ready.set()
        try:
            await self._stopping.wait()
        finally:
            await runner.cleanup()

    async def _bind(self, runner: web.AppRunner) -> int:
        last: OSError | None = None
        ports = [self.port] if self.port == 0 else range(self.port, self.port + PORT_TRIES)
        for port in ports:
            try:
                await web.TCPSite(runner, self.host, port).start()
            except OSError as err:
                last = err
                if err.errno != errno.EADDRINUSE:
                    break
                continue
            return int(runner.addresses[0][1])
        assert last is not None
        raise GrowError(bind_error(self.host, self.port, last))

    def stop(self) -> None:
        """Close the code (it stops working at once) and stop listening."""
        if self.join is not None:
            db = joining.connect(self.db_path)
            try:
                joining.close_join(db, self.session_id, self.join.id)
            finally:
                db.conn.close()
        loop, thread = self._loop, self._thread
        self._thread = None
        if loop is not None and self._stopping is not None and thread and thread.is_alive():
            loop.call_soon_threadsafe(self._stopping.set)
            thread.join(15)
