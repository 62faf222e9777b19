"""The participant page: plain HTML forms on aiohttp (textual-serve's server), for phones.

Every route but the code form (``/j``) and the two static files (``/j/_/...``) carries the code,
and every request with a code is checked against the database: a wrong, closed or expired code
gets a plain Dutch page and stores nothing. Sending works without JavaScript (a form, then a
redirect to the page: POST-redirect-GET); ``join.js`` only adds live updates.

A participant's browser is known by a random cookie (``grow_deelnemer``, only for this code's
path); forms carry a token derived from it and the code's secret (CSRF). Database work runs in
one worker thread with its own connection, so the server's event loop (which also relays the
facilitator's app) never waits on SQLite.
"""

from __future__ import annotations

import logging
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import jinja2
from aiohttp import web

from grow_app.card.models import Card
from grow_app.errors import GrowError
from grow_app.i18n import t, tn
from grow_app.join_records import JoinCode, ParticipantView
from grow_app.services import contributions, joining, participation, voting
from grow_app.services.contributions import ContributionRefused
from grow_app.services.joining import JoinRefused
from grow_app.services.voting import VoteRefused
from grow_app.ui.join.limits import Limits
from grow_app.ui.join.requests import COOKIE, SiteRequests

if TYPE_CHECKING:
    pass

log = logging.getLogger("grow.join")

TEMPLATES = Path(__file__).resolve().parent.parent / "serve_templates"
STATIC = Path(__file__).resolve().parent / "static"
ASSETS = {"join.css": "text/css", "join.js": "text/javascript"}
STATE_LABELS = {
    "shown": "join.state_shown",
    "hidden": "join.state_hidden",
    "merged": "join.state_merged",
    "taken": "join.state_taken",
    "parked": "join.state_parked",
}


def state_label(state: str) -> str:
    """A contribution's state as the participant's page names it."""
    return t(STATE_LABELS.get(state, state))


NOTICES = {"verstuurd": "join.sent", "gestemd": "join.voted", "welkom": "join.name_saved"}


class ParticipantSite(SiteRequests):
    """The participant routes for one session, to add to an aiohttp application."""

    def __init__(
        self, db_path: str | Path, session_id: str, card: Card, *, limits: Limits | None = None
    ) -> None:
        self.db_path = Path(db_path)
        self.session_id = session_id
        self.card = card
        self.limits = limits or Limits()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="grow-join")
        self._local = threading.local()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self.env.globals.update(t=t, tn=tn, state_label=state_label)
        self._assets = {name: (STATIC / name).read_bytes() for name in ASSETS}

    # -- wiring ---------------------------------------------------------------------------------
    def routes(self) -> list[web.RouteDef]:
        guarded = self._guarded
        return [
            web.get("/j", guarded(self.entry)),
            web.get("/j/", guarded(self.entry)),
            web.get("/j/_/{asset}", guarded(self.asset)),
            web.get("/j/{code}", guarded(self.page)),
            web.get("/j/{code}/stand", guarded(self.state)),
            web.post("/j/{code}/naam", guarded(self.name)),
            web.post("/j/{code}/inbreng", guarded(self.contribute)),
            web.post("/j/{code}/stem", guarded(self.vote)),
        ]

    def add_to(self, app: web.Application) -> None:
        app.add_routes(self.routes())
        app.on_cleanup.append(self._cleanup)

    @staticmethod
    def is_participant_path(path: str) -> bool:
        return path == "/j" or path.startswith("/j/")

    # -- pages ----------------------------------------------------------------------------------
    async def entry(self, request: web.Request) -> web.StreamResponse:
        """The code form; with ``?code=`` it sends the browser on to that code's page."""
        typed = request.query.get("code")
        if typed is None:
            return self.render("join_entry.html")
        address = request.remote or ""
        if self.limits.wrong_codes.blocked(address):
            return self.message(t("join.too_many_tries"), 429)
        try:
            join = await self.db(joining.check_code, typed, self.session_id)
        except JoinRefused as refused:
            self.limits.wrong_codes.count(address)
            return self.message(refused.message, 404 if refused.reason != "closed" else 410)
        raise web.HTTPSeeOther(f"/j/{join.code}")

    async def asset(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["asset"]
        if name not in ASSETS:
            return self.message(t("join.not_found"), 404)
        response = web.Response(body=self._assets[name], content_type=ASSETS[name])
        response.headers["Cache-Control"] = "no-cache"
        return response

    async def page(self, request: web.Request) -> web.StreamResponse:
        join = await self._join(request)
        token = self._token(request) or secrets.token_urlsafe(24)
        return await self._page(request, join, token, rename="naam" in request.query)

    async def _page(
        self,
        request: web.Request,
        join: JoinCode,
        token: str,
        *,
        status: int = 200,
        error: str = "",
        draft: str = "",
        name: str | None = None,
        rename: bool = False,
        dots: dict[str, int] | None = None,
    ) -> web.Response:
        device = await self.db(joining.device_for, join, token)
        view: ParticipantView = await self.db(participation.view, self.card, join, device)
        common = {
            "code": join.code,
            "csrf": self.csrf(join, token),
            "heading": view.heading,
            "error": error,
        }
        if device is None or rename:
            response = self.render(
                "join_name.html",
                status,
                anonymous=join.allow_anonymous,
                name=device.name if device and name is None else (name or ""),
                **common,
            )
        else:
            notice = t(NOTICES[request.query["ok"]]) if request.query.get("ok") in NOTICES else ""
            if request.query.get("ok") == "verstuurd" and request.query.get("bij") not in (
                None,
                view.question_id,
            ):
                notice = f"{notice} {t('join.sent_other_question')}"
            response = self.render(
                "join_page.html",
                status,
                view=view,
                device=device,
                draft=draft,
                dots=view.my_dots if dots is None else dots,
                notice=notice,
                limit=contributions.MAX_TEXT,
                live=True,
                **common,
            )
        if self._token(request) != token:
            response.set_cookie(
                COOKIE,
                token,
                path=f"/j/{join.code}",
                httponly=True,
                samesite="Lax",
                max_age=24 * 3600,
            )
        return response

    async def state(self, request: web.Request) -> web.StreamResponse:
        """For ``join.js``: a short text that changes when the page would show something new."""
        join = await self._join(request)
        version = await self.db(participation.version, self.card, join.session_id)
        return web.json_response({"version": version})

    # -- forms ----------------------------------------------------------------------------------
    async def name(self, request: web.Request) -> web.StreamResponse:
        join = await self._join(request)
        fields = await self._form(request)
        typed = fields.get("naam", "")
        problem = self._form_problem(request, join, fields)
        token = self._token(request) or secrets.token_urlsafe(24)
        if problem:
            return await self._page(request, join, token, status=400, error=problem, name=typed)
        address = request.remote or ""
        known = await self.db(joining.device_for, join, token)
        if known is None and not self.limits.new_devices.allow(address):
            return self.message(t("join.too_many_requests"), 429)
        try:
            await self.db(
                joining.register_device,
                join,
                token,
                typed,
                anonymous=fields.get("als") == "anoniem",
            )
        except GrowError as refused:
            return await self._page(
                request, join, token, status=422, error=refused.message, name=typed, rename=True
            )
        raise web.HTTPSeeOther(f"/j/{join.code}?ok=welkom")

    async def contribute(self, request: web.Request) -> web.StreamResponse:
        join = await self._join(request)
        fields = await self._form(request)
        text, question_id = fields.get("tekst", ""), fields.get("vraag", "")
        problem = self._form_problem(request, join, fields)
        token = self._token(request) or secrets.token_urlsafe(24)
        if problem:
            return await self._page(request, join, token, status=400, error=problem, draft=text)
        device = await self.db(joining.device_for, join, token)
        if device is None:
            raise web.HTTPSeeOther(f"/j/{join.code}")  # the name first
        try:
            await self.db(contributions.send, self.card, join, device, question_id, text)
        except ContributionRefused as refused:
            return await self._page(
                request, join, token, status=422, error=refused.message, draft=text
            )
        except GrowError as err:
            error = t("join.save_failed", reason=err.message)
            return await self._page(request, join, token, status=503, error=error, draft=text)
        raise web.HTTPSeeOther(f"/j/{join.code}?ok=verstuurd&bij={quote(question_id)}#inbreng")

    async def vote(self, request: web.Request) -> web.StreamResponse:
        join = await self._join(request)
        fields = await self._form(request)
        problem = self._form_problem(request, join, fields)
        token = self._token(request) or secrets.token_urlsafe(24)
        if problem:
            return await self._page(request, join, token, status=400, error=problem)
        device = await self.db(joining.device_for, join, token)
        if device is None:
            raise web.HTTPSeeOther(f"/j/{join.code}")
        dots: dict[str, int] = {}
        for key, value in fields.items():
            if not key.startswith("stip-"):
                continue
            value = value.strip() or "0"
            if not value.isdigit() or len(value) > 3:
                error = t("join.vote_whole_dots")
                return await self._page(request, join, token, status=422, error=error, dots=dots)
            dots[key[len("stip-") :]] = int(value)
        try:
            await self.db(voting.cast, join.session_id, fields.get("stemming", ""), device, dots)
        except VoteRefused as refused:
            return await self._page(
                request, join, token, status=422, error=refused.message, dots=dots
            )
        raise web.HTTPSeeOther(f"/j/{join.code}?ok=gestemd#stemming")
