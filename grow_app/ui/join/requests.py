"""What every request to the participant page goes through: its own database thread, the guard
(a request limit per address, one Dutch page for any failure), the code check, the cookie and the
form token (CSRF), and a posted form read with a size limit. The pages are in
:mod:`grow_app.ui.join.site`.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import logging
import re
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import jinja2
from aiohttp import web

from grow_app.card.models import Card
from grow_app.errors import GrowError
from grow_app.i18n import language, t
from grow_app.join_records import JoinCode
from grow_app.services import joining
from grow_app.services.joining import JoinRefused
from grow_app.ui.join.limits import Limits

if TYPE_CHECKING:
    pass

log = logging.getLogger("grow.join")

COOKIE = "grow_deelnemer"
MAX_BODY = 16 * 1024
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
        "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class Stop(Exception):
    """Answer with ``response`` now (a refused code, a form that is too big, ...)."""

    def __init__(self, response: web.StreamResponse) -> None:
        super().__init__()
        self.response = response


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class SiteRequests:
    """The plumbing of :class:`~grow_app.ui.join.site.ParticipantSite`."""

    db_path: Path
    session_id: str
    card: Card
    limits: Limits
    env: jinja2.Environment
    _executor: ThreadPoolExecutor
    _local: threading.local

    async def _cleanup(self, _app: web.Application) -> None:
        await asyncio.get_running_loop().run_in_executor(self._executor, self._close_connection)
        self._executor.shutdown(wait=True)

    def _close_connection(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
            self._local.db = None

    # -- plumbing -------------------------------------------------------------------------------
    async def db(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn(db, *args)`` in the worker thread, with its own connection."""
        call = functools.partial(self._run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        db = getattr(self._local, "db", None)
        if db is None:
            db = joining.connect(self.db_path)
            self._local.db = db
        return fn(db, *args, **kwargs)

    def _guarded(self, handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def run(request: web.Request) -> web.StreamResponse:
            if not self.limits.requests.allow(request.remote or ""):
                return self._secure(self.message(t("join.too_many_requests"), 429))
            try:
                response = await handler(request)
            except Stop as stop:
                response = stop.response
            except web.HTTPException as redirect:
                self._secure(redirect)
                raise
            except GrowError as err:  # the database is locked, full or gone: one Dutch line
                response = self.message(t("join.save_failed", reason=err.message), 503)
            except Exception as err:
                log.error("grow: the join page failed: %s: %s", type(err).__name__, err)
                response = self.message(t("join.server_error"), 500)
            return self._secure(response)

        return run

    @staticmethod
    def _secure(response: web.StreamResponse) -> web.StreamResponse:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def render(self, template: str, status: int = 200, **context: Any) -> web.Response:
        context.setdefault("heading", "")
        context.setdefault("live", False)
        context.setdefault("error", "")
        context.setdefault("notice", "")
        context.setdefault("title", t("join.page_title"))
        html = self.env.get_template(template).render(lang=language(), **context)
        return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")

    def message(self, text: str, status: int) -> web.Response:
        return self.render("join_entry.html", status, error=text, title=t("join.refused_title"))

    async def _join(self, request: web.Request) -> JoinCode:
        """The open code in the address, or a Dutch page (and nothing stored)."""
        address = request.remote or ""
        if self.limits.wrong_codes.blocked(address):
            raise Stop(self.message(t("join.too_many_tries"), 429))
        try:
            join = await self.db(joining.check_code, request.match_info["code"], self.session_id)
        except JoinRefused as refused:
            self.limits.wrong_codes.count(address)
            status = 404 if refused.reason in ("unknown", "other_session") else 410
            raise Stop(self.message(refused.message, status)) from None
        if request.match_info["code"] != join.code and request.method == "GET":
            raise web.HTTPSeeOther(f"/j/{join.code}")  # one spelling, one cookie path
        return join

    @staticmethod
    def _token(request: web.Request) -> str:
        token = request.cookies.get(COOKIE, "")
        return token if _TOKEN.match(token) else ""

    @staticmethod
    def csrf(join: JoinCode, token: str) -> str:
        return hmac.new(join.secret.encode(), token.encode(), hashlib.sha256).hexdigest()[:32]

    async def _form(self, request: web.Request) -> dict[str, str]:
        """The posted form, at most ``MAX_BODY`` bytes, as UTF-8 text fields."""
        if request.content_length is not None and request.content_length > MAX_BODY:
            raise Stop(self.message(t("join.too_big"), 413))
        if request.content_type != "application/x-www-form-urlencoded":
            raise Stop(self.message(t("join.form_expired"), 400))
        raw = b""
        while len(raw) <= MAX_BODY:
            chunk = await request.content.read(MAX_BODY + 1 - len(raw))
            if not chunk:
                break
            raw += chunk
        if len(raw) > MAX_BODY:
            raise Stop(self.message(t("join.too_big"), 413))
        fields = parse_qs(
            raw.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=200
        )
        return {key: values[-1] for key, values in fields.items()}

    def _form_problem(self, request: web.Request, join: JoinCode, fields: dict[str, str]) -> str:
        """Why a posted form is not accepted ('' when it is): no cookie, or a stale token."""
        token = self._token(request)
        if not token:
            return t("join.cookies_needed")
        if not hmac.compare_digest(fields.get("csrf", ""), self.csrf(join, token)):
            return t("join.form_expired")
        return ""
