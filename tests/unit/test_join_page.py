"""The participant page on ``grow serve``'s own server, spoken to as a phone's browser would (and
as a hostile page or script would): codes, forms, tokens, limits, and what stays out of reach."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

from grow_app.i18n import set_language
from grow_app.services import contributions, joining, voting
from grow_app.services.catalog import load_catalog
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import contributions as contribution_store
from grow_app.store import open_database
from grow_app.ui.join.limits import Limits, SlidingWindow
from grow_app.ui.join.requests import MAX_BODY
from grow_app.ui.join.site import ParticipantSite
from grow_app.ui.serve import GrowServer
from grow_app.ui.serve_guard import HostPolicy
from tests.helpers import FakeClock

FIRST = "goal-doelen"
ITEMS = "goal-verhouding"


class Room:
    """A database with two sessions; joining is open on the first."""

    def __init__(self, path: Path, *, anonymous: bool = False) -> None:
        self.path = path
        self.db = open_database(path)
        self.catalog = load_catalog()
        self.card = self.catalog.get("gesprekskaart-sop")
        ours = add_partnership(self.db, "AOS Oost Nederland", "Achterhoek", ["vo"])
        theirs = add_partnership(self.db, "Partnerschap Zuid", "Limburg", ["po"])
        self.session = start_session(self.db, self.catalog, ours, self.card.id, date="2026-03-14")
        self.other = start_session(self.db, self.catalog, theirs, self.card.id)
        self.join = joining.open_join(self.db, self.session.id, allow_anonymous=anonymous)
        self.other_join = joining.open_join(self.db, self.other.id)

    def stored(self, session_id: str | None = None) -> list[str]:
        found = contribution_store.list_contributions(self.db, session_id or self.session.id)
        return [c.text for c in found]


@pytest.fixture
def room(tmp_path):
    room = Room(tmp_path / "grow.db")
    yield room
    room.db.conn.close()


def server_for(room: Room, *, host: str = "127.0.0.1", limits: Limits | None = None) -> GrowServer:
    site = ParticipantSite(room.path, room.session.id, room.card, limits=limits)
    hosts = HostPolicy.for_listen(host, names=frozenset({"grow-laptop"}))
    return GrowServer("true", host=host, port=8000, participants=site, hosts=hosts)


async def client_for(server: GrowServer, remote: str | None = None) -> TestClient:
    app = await server._make_app()
    if remote is not None:  # requests seem to come from another device in the room

        @web.middleware
        async def from_elsewhere(request, handler):
            return await handler(request.clone(remote=remote))

        app.middlewares.insert(0, from_elsewhere)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    return client


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


async def joined(client: TestClient, code: str, name: str = "Anna") -> str:
    """Open the page, give a name; returns the form token."""
    page = await (await client.get(f"/j/{code}")).text()
    reply = await client.post(
        f"/j/{code}/naam",
        data={"csrf": csrf_of(page), "naam": name, "als": "naam"},
        allow_redirects=False,
    )
    assert reply.status == 303, await reply.text()
    return csrf_of(await (await client.get(f"/j/{code}")).text())


# -- codes ----------------------------------------------------------------------------------------
async def test_the_code_form_leads_to_the_page_and_a_wrong_code_gets_a_dutch_page(room):
    async with await client_for(server_for(room)) as client:
        reply = await client.get("/j")
        assert reply.status == 200 and 'lang="nl"' in await reply.text()
        typed = room.join.code.lower()
        reply = await client.get(f"/j?code={typed[:3]}-{typed[3:]}", allow_redirects=False)
        assert (reply.status, reply.headers["Location"]) == (303, f"/j/{room.join.code}")
        for wrong in ("/j?code=AAAAAA", "/j/AAAAAA", "/j/AAAAAA/stand"):
            reply = await client.get(wrong)
            assert reply.status == 404
            assert "Deze code klopt niet" in await reply.text()
        reply = await client.get(f"/j/{room.join.code.lower()}", allow_redirects=False)
        assert reply.headers["Location"] == f"/j/{room.join.code}"  # one spelling, one cookie


async def test_a_second_sessions_code_opens_nothing_here(room):
    async with await client_for(server_for(room)) as client:
        reply = await client.get(f"/j/{room.other_join.code}")
        assert reply.status == 404
        page = await reply.text()
        assert "Deze code klopt niet" in page and "Zuid" not in page
        reply = await client.post(
            f"/j/{room.other_join.code}/inbreng", data={"tekst": "via de achterdeur"}
        )
        assert reply.status == 404
    assert room.stored(room.other.id) == [] and room.stored() == []


async def test_a_closed_or_expired_code_stores_nothing(room):
    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        joining.close_join(room.db, room.session.id)
        reply = await client.post(
            f"/j/{room.join.code}/inbreng",
            data={"csrf": token, "vraag": FIRST, "tekst": "te laat"},
        )
        assert reply.status == 410
        assert "niet meer meedoen" in await reply.text()
        assert (await client.get(f"/j/{room.join.code}/stand")).status == 410
    assert room.stored() == []


async def test_guessing_codes_is_slowed_down(room):
    limits = Limits()
    limits.wrong_codes = SlidingWindow(3, 300)
    async with await client_for(server_for(room, limits=limits)) as client:
        for _ in range(3):
            assert (await client.get("/j/AAAAAA")).status == 404
        reply = await client.get(f"/j/{room.join.code}")  # even the right one, for a while
        assert reply.status == 429
        assert "Te veel verkeerde codes" in await reply.text()


# -- joining and sending --------------------------------------------------------------------------
async def test_a_participant_joins_sends_and_sees_it_without_javascript(room):
    async with await client_for(server_for(room)) as client:
        reply = await client.get(f"/j/{room.join.code}")
        page = await reply.text()
        assert "Hoe heet je?" in page and "Anoniem" not in page  # names required here
        cookie = reply.headers["Set-Cookie"]
        assert f"Path=/j/{room.join.code}" in cookie and "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        token = await joined(client, room.join.code)
        reply = await client.post(
            f"/j/{room.join.code}/inbreng",
            data={"csrf": token, "vraag": FIRST, "tekst": "Meer <b>stageplekken</b>"},
            allow_redirects=False,
        )
        assert reply.status == 303
        page = await (await client.get(reply.headers["Location"])).text()
        assert "Je bijdrage is verstuurd." in page
        assert "Meer &lt;b&gt;stageplekken&lt;/b&gt;" in page  # shown as typed, never as html
        assert "Je doet mee als Anna." in page
        assert "14 maart 2026" in page
    (sent,) = contribution_store.list_contributions(room.db, room.session.id)
    assert (sent.text, sent.author, sent.question_id) == ("Meer <b>stageplekken</b>", "Anna", FIRST)


async def test_a_contribution_lands_in_the_question_the_participant_saw(room):
    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        joining.follow(room.db, room.session.id, ITEMS)  # the facilitator moves on meanwhile
        reply = await client.post(
            f"/j/{room.join.code}/inbreng",
            data={"csrf": token, "vraag": FIRST, "tekst": "bij de eerste vraag"},
        )
        page = await reply.text()
        assert "je bijdrage staat bij de vraag die je zag" in page
        assert 'data-question="goal-verhouding"' in page
    (sent,) = contribution_store.list_contributions(room.db, room.session.id)
    assert sent.question_id == FIRST


async def test_anonymous_only_when_allowed(tmp_path):
    room = Room(tmp_path / "grow.db", anonymous=True)
    try:
        async with await client_for(server_for(room)) as client:
            page = await (await client.get(f"/j/{room.join.code}")).text()
            assert "Anoniem meedoen" in page
            await client.post(
                f"/j/{room.join.code}/naam", data={"csrf": csrf_of(page), "als": "anoniem"}
            )
            token = csrf_of(await (await client.get(f"/j/{room.join.code}")).text())
            await client.post(
                f"/j/{room.join.code}/inbreng",
                data={"csrf": token, "vraag": FIRST, "tekst": "zonder naam"},
            )
        (sent,) = contribution_store.list_contributions(room.db, room.session.id)
        assert sent.author == ""
    finally:
        room.db.conn.close()


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"csrf": "0" * 32}, 400, "Dit formulier was verlopen"),
        ({}, 400, "Dit formulier was verlopen"),
        ({"tekst": "x" * 501}, 422, "501 tekens"),
        ({"tekst": "   "}, 422, "Typ eerst je bijdrage"),
        ({"vraag": "../../etc"}, 422, "hoort niet bij dit gesprek"),
    ],
)
async def test_a_refused_contribution_keeps_the_text_and_stores_nothing(
    room, fields, status, message
):
    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        data = {"csrf": token, "vraag": FIRST, "tekst": "Mijn idee"} | fields
        if not fields:
            del data["csrf"]
        reply = await client.post(f"/j/{room.join.code}/inbreng", data=data)
        page = await reply.text()
        assert reply.status == status
        assert message in page
        assert f">{data['tekst'][:60]}" in page.replace("&#34;", '"')  # the text is still there
    assert room.stored() == []


async def test_without_cookies_the_page_says_so(room):
    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        client.session.cookie_jar.clear()
        reply = await client.post(
            f"/j/{room.join.code}/inbreng", data={"csrf": token, "vraag": FIRST, "tekst": "hoi"}
        )
        assert reply.status == 400
        assert "Sta cookies toe" in await reply.text()
    assert room.stored() == []


async def test_a_huge_form_is_refused_before_it_is_read(room):
    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        reply = await client.post(
            f"/j/{room.join.code}/inbreng",
            data={"csrf": token, "vraag": FIRST, "tekst": "x" * (MAX_BODY + 10)},
        )
        assert reply.status == 413
        assert "te veel tekst" in await reply.text()
    assert room.stored() == []


async def test_a_flood_from_one_address_is_held_back(room):
    limits = Limits()
    limits.requests = SlidingWindow(5, 60)
    async with await client_for(server_for(room, limits=limits)) as client:
        statuses = [(await client.get(f"/j/{room.join.code}")).status for _ in range(7)]
        assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
        assert "Rustig aan" in await (await client.get(f"/j/{room.join.code}")).text()


async def test_a_locked_database_gives_a_dutch_line_and_keeps_the_text(room, monkeypatch):
    from grow_app.errors import DatabaseError

    def locked(*_args, **_kwargs):
        raise DatabaseError("De database is bezet door een ander programma.")

    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        monkeypatch.setattr(contributions, "send", locked)
        reply = await client.post(
            f"/j/{room.join.code}/inbreng",
            data={"csrf": token, "vraag": FIRST, "tekst": "bewaar mij"},
        )
        page = await reply.text()
        assert reply.status == 503
        assert "grow kan dit nu niet opslaan: De database is bezet" in page
        assert ">bewaar mij</textarea>" in page


# -- voting ---------------------------------------------------------------------------------------
async def test_voting_with_a_plain_form(room):
    joining.follow(room.db, room.session.id, ITEMS)
    vote = voting.start_vote(room.db, room.card, room.session.id, ITEMS, "items", budget=3)
    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        page = await (await client.get(f"/j/{room.join.code}")).text()
        assert "Stemmen: verdeel 3 stippen" in page
        assert 'name="stip-functies"' in page and 'max="3"' in page
        base = {"csrf": token, "stemming": vote.id}
        reply = await client.post(
            f"/j/{room.join.code}/stem", data=base | {"stip-functies": "3", "stip-ambitie": "2"}
        )
        page = await reply.text()
        assert reply.status == 422 and "verdeelde 5 stippen" in page
        assert 'value="2"' in page  # what was typed stays in the form
        reply = await client.post(
            f"/j/{room.join.code}/stem", data=base | {"stip-functies": "drie"}
        )
        assert reply.status == 422 and "heel getal" in await reply.text()
        reply = await client.post(
            f"/j/{room.join.code}/stem",
            data=base | {"stip-functies": "1", "stip-ambitie": "2"},
            allow_redirects=False,
        )
        assert reply.status == 303
        page = await (await client.get(reply.headers["Location"])).text()
        assert "Je stem is ontvangen" in page
        voting.close_vote(room.db, room.session.id, vote.id)
        page = await (await client.get(f"/j/{room.join.code}")).text()
        assert "Uitslag van de stemming" in page and "1 deelnemer stemde." in page
    result = voting.result(room.db, vote)
    assert [(o.key, dots) for o, dots in result.totals] == [("ambitie", 2), ("functies", 1)]


async def test_a_vote_of_another_session_cannot_be_cast_into(room):
    other_vote = voting.start_vote(room.db, room.card, room.other.id, ITEMS, "items")
    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        reply = await client.post(
            f"/j/{room.join.code}/stem",
            data={"csrf": token, "stemming": other_vote.id, "stip-functies": "1"},
        )
        assert reply.status == 422
    assert contribution_store.ballots(room.db, other_vote.id) == []


# -- the server around it -------------------------------------------------------------------------
async def test_pages_carry_strict_headers_and_load_nothing_from_elsewhere(room):
    async with await client_for(server_for(room)) as client:
        await joined(client, room.join.code)
        reply = await client.get(f"/j/{room.join.code}")
        page = await reply.text()
        assert "default-src 'none'" in reply.headers["Content-Security-Policy"]
        # The code stays in the room; "no-referrer" would make browsers send "Origin: null" with forms.
        assert reply.headers["Referrer-Policy"] == "same-origin"
        assert reply.headers["Cache-Control"] == "no-store"
        assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
        for asset in ("/j/_/join.css", "/j/_/join.js"):
            assert (await client.get(asset)).status == 200
        assert (await client.get("/j/_/../../serve.py")).status == 404


async def test_a_form_from_another_site_is_refused_before_anything_is_stored(room):
    async with await client_for(server_for(room)) as client:
        token = await joined(client, room.join.code)
        for origin in ("http://evil.example", "null"):
            reply = await client.post(
                f"/j/{room.join.code}/inbreng",
                data={"csrf": token, "vraag": FIRST, "tekst": "untrusted"},
                headers={"Origin": origin},
            )
            assert reply.status == 403
            assert "Geweigerd" in await reply.text()
    assert room.stored() == []


@pytest.mark.parametrize("listen", ["127.0.0.1", "0.0.0.0"])
async def test_a_rebinding_host_name_is_refused_on_every_interface(room, listen):
    async with await client_for(server_for(room, host=listen)) as client:
        for path in ("/", "/ws", f"/j/{room.join.code}"):
            reply = await client.get(path, headers={"Host": "evil.example:8000"})
            assert reply.status == 403, path


def test_the_host_policy():
    loopback = HostPolicy.for_listen("127.0.0.1", names=frozenset({"grow-laptop"}))
    assert loopback.allows("127.0.0.1:8000") and loopback.allows("localhost")
    assert not loopback.allows("grow-laptop:8000") and not loopback.allows("192.168.1.20")
    everywhere = HostPolicy.for_listen("0.0.0.0", names=frozenset({"grow-laptop"}))
    for host in ("127.0.0.1:8000", "[::1]:8000", "192.168.1.20:8000", "grow-laptop:8000"):
        assert everywhere.allows(host), host
    for host in ("evil.example", "grow-laptop.evil.example", "", "192.168.1.20.nip.io"):
        assert not everywhere.allows(host), host
    one = HostPolicy.for_listen("192.168.1.20", names=frozenset())
    assert one.allows("192.168.1.20:8000") and not one.allows("10.0.0.5:8000")


async def test_with_joining_open_grow_itself_only_answers_this_computer(room):
    server = server_for(room, host="0.0.0.0")
    async with await client_for(server, remote="192.168.1.30") as client:
        for path in ("/", "/static/js/textual.js"):
            reply = await client.get(path, headers={"Host": "192.168.1.20:8000"})
            assert reply.status == 403
            assert "alleen te openen op de computer van de gespreksleider" in await reply.text()
        reply = await client.get(f"/j/{room.join.code}", headers={"Host": "192.168.1.20:8000"})
        assert reply.status == 200
    request = make_mocked_request("GET", "/", headers={"Host": "127.0.0.1:8000"})
    assert server.request_allowed(request.clone(remote="127.0.0.1"))


def test_without_joining_the_shared_app_keeps_working_for_others():
    """``grow serve --host 0.0.0.0`` without --join: the app is for everyone on the network (with
    the warning), as before; only the host and origin checks are added."""
    server = GrowServer("true", host="0.0.0.0", hosts=HostPolicy.for_listen("0.0.0.0", frozenset()))
    request = make_mocked_request("GET", "/", headers={"Host": "192.168.1.20:8000"})
    assert server.request_allowed(request.clone(remote="192.168.1.30"))


async def test_the_page_follows_the_interface_language(room):
    set_language("en")
    async with await client_for(server_for(room)) as client:
        page = await (await client.get(f"/j/{room.join.code}")).text()
        assert 'lang="en"' in page and "What is your name?" in page


def test_the_sliding_window_forgets_quiet_addresses():
    clock = FakeClock(0.0)
    window = SlidingWindow(2, 60, clock=clock)
    assert window.allow("a") and window.allow("a") and not window.allow("a")
    assert window.allow("b")
    clock.now = 61.0
    assert window.allow("a")  # a minute later it may again
    assert set(window._events) == {"a"}  # b went quiet and is forgotten
