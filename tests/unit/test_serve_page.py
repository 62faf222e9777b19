"""``grow serve``'s glue: the child command, the offline page and the guard against other sites."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

from grow_app.i18n import set_language
from grow_app.ui.serve import GrowServer, child_command, is_loopback, is_wildcard, url_for
from grow_app.ui.serve_guard import HostPolicy


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("grow-laptop.local", False),
    ],
)
def test_only_addresses_of_this_computer_count_as_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_wildcard_hosts_and_urls():
    assert is_wildcard("0.0.0.0") and is_wildcard("::") and not is_wildcard("127.0.0.1")
    assert url_for("::1", 8000) == "http://[::1]:8000"
    assert url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000"


def test_child_command_runs_this_python_on_the_same_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    command = child_command(
        Path("data with space/grow.db"),
        lang="en",
        card_dirs=["my cards"],
        session_id="58aa1234-0000",
    )
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "grow_app",
        "--db",
        str(tmp_path / "data with space" / "grow.db"),
        "--lang",
        "en",
        "--cards",
        str(tmp_path / "my cards"),
        "open",
        "58aa1234-0000",
    ]


def test_child_command_without_a_session_opens_the_home_screen(tmp_path):
    assert "open" not in shlex.split(child_command(tmp_path / "grow.db", lang="nl"))


async def fetch_page(server: GrowServer, **headers: str) -> tuple[int, str, str]:
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        reply = await client.get("/", headers=headers)
        return reply.status, await reply.text(), f"{client.host}:{client.port}"


async def test_the_page_asks_nothing_from_the_internet():
    status, page, where = await fetch_page(GrowServer("true"))
    assert status == 200
    assert "googleapis" not in page and "gstatic" not in page
    urls = re.findall(r"""(?:https?|wss?)://[^\s"'<>)]+""", page)
    assert urls, "the page should point at the server's own files"
    assert all(u.split("//", 1)[1].startswith(f"{where}/") for u in urls), urls
    assert f'data-session-websocket-url="ws://{where}/ws"' in page
    assert "fonts/RobotoMono-VariableFont_wght.ttf" in page  # bundled with textual-serve


async def test_the_page_speaks_the_interface_language():
    _, page, _ = await fetch_page(GrowServer("true"))
    assert '<html lang="nl">' in page and "Bezig met starten" in page
    set_language("en")
    _, page, _ = await fetch_page(GrowServer("true"))
    assert '<html lang="en">' in page and "Starting" in page


async def test_a_foreign_host_name_is_refused_on_loopback():
    """DNS rebinding: evil.example resolving to 127.0.0.1 must not reach the app."""
    status, page, _ = await fetch_page(GrowServer("true"), Host="evil.example:8000")
    assert status == 403
    assert "Geweigerd" in page


async def test_a_websocket_from_another_site_is_refused():
    server = GrowServer("true")
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        reply = await client.get(
            "/ws",
            headers={
                "Origin": "http://evil.example",
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            },
        )
        assert reply.status == 403


def test_the_guard_lets_the_servers_own_page_through():
    loopback = GrowServer("true", host="127.0.0.1", port=8000)
    same = {"Host": "127.0.0.1:8000", "Origin": "http://127.0.0.1:8000"}
    assert loopback.request_allowed(make_mocked_request("GET", "/ws", headers=same))
    assert loopback.request_allowed(make_mocked_request("GET", "/", headers={"Host": "localhost"}))

    hosts = HostPolicy.for_listen("0.0.0.0", names=frozenset({"grow-laptop"}))
    shared = GrowServer("true", host="0.0.0.0", port=8000, hosts=hosts)
    laptop = {"Host": "grow-laptop:8000", "Origin": "http://grow-laptop:8000"}
    assert shared.request_allowed(make_mocked_request("GET", "/ws", headers=laptop))
    foreign = {"Host": "grow-laptop:8000", "Origin": "http://evil.example"}
    assert not shared.request_allowed(make_mocked_request("GET", "/ws", headers=foreign))


def test_a_rebinding_domain_cannot_open_a_websocket_on_a_shared_server():
    """``grow serve --host 0.0.0.0`` used to compare a websocket's Origin only with its own Host,
    so a page on evil.example, whose name was made to point at this laptop, got in."""
    shared = GrowServer("true", host="0.0.0.0", port=8000)
    rebound = {"Host": "evil.example:8000", "Origin": "http://evil.example:8000"}
    assert not shared.request_allowed(make_mocked_request("GET", "/ws", headers=rebound))
    assert not shared.request_allowed(make_mocked_request("GET", "/", headers=rebound))
    by_address = {"Host": "192.168.1.20:8000", "Origin": "http://192.168.1.20:8000"}
    assert shared.request_allowed(make_mocked_request("GET", "/ws", headers=by_address))
