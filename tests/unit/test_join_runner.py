"""Joining started from the session screen: the participant page on a server of its own."""

from __future__ import annotations

import socket

import aiohttp
import pytest

from grow_app.errors import GrowError
from grow_app.services import joining
from grow_app.services.catalog import load_catalog
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from grow_app.ui.join.runner import ParticipantServer


@pytest.fixture
def session(db_path):
    db = open_database(db_path)
    catalog = load_catalog()
    partnership = add_partnership(db, "AOS Oost Nederland", "Achterhoek", ["vo"])
    session = start_session(db, catalog, partnership, "gesprekskaart-sop")
    yield db, session, catalog.get(session.card_id)
    db.conn.close()


async def get(url: str, **headers: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as reply:
        return reply.status, await reply.text()


async def test_start_serve_and_stop(session, db_path):
    db, started, card = session
    server = ParticipantServer(db_path, started.id, card, port=0)
    join = server.start()
    try:
        assert server.running
        assert joining.active_join(db, started.id).id == join.id
        assert join.address.startswith("http://127.0.0.1:") and join.address.endswith("/j")
        status, page = await get(f"{join.address}/{join.code}")
        assert status == 200 and "Hoe heet je?" in page
        status, _page = await get(f"{join.address}/{join.code}", Host="evil.example")
        assert status == 403
        status, _page = await get(join.address.replace("/j", "/"))
        assert status == 404  # no app in a browser here: only the participant page
    finally:
        server.stop()
    assert not server.running
    assert joining.active_join(db, started.id) is None
    with pytest.raises(aiohttp.ClientConnectionError):
        await get(f"{join.address}/{join.code}")


def test_a_taken_port_moves_to_the_next(session, db_path):
    _db, started, card = session
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = ParticipantServer(db_path, started.id, card, port=port)
        try:
            join = server.start()
            assert f":{port}/" not in join.address
        finally:
            server.stop()


def test_no_address_to_listen_on_is_one_dutch_line(session, db_path):
    db, started, card = session
    server = ParticipantServer(db_path, started.id, card, host="192.0.2.1", port=8123)
    with pytest.raises(GrowError, match=r"grow kan niet luisteren op 192\.0\.2\.1:8123"):
        server.start()
    assert not server.running
    assert joining.active_join(db, started.id) is None  # no code without a server
