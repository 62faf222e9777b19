"""Which requests ``grow serve`` answers: host names, origins and peers.

- **Host** (DNS rebinding): a page of another site whose name is made to point at this computer
  sends its own name as Host. Only names this server is known by are answered: on loopback the
  loopback names; on another interface also this computer's own names and IP addresses written
  as numbers (a rebinding attack needs a name, never a number).
- **Origin**: a websocket or a form sent from a page of another origin is refused, whatever the
  host (browsers always send Origin there).
- **Peer**: when participants may join from the network, grow itself (the facilitator's app in
  a browser tab) only answers requests that come from this computer.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


def _name(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def is_loopback(host: str) -> bool:
    """True for addresses only this computer can reach (``localhost``, 127.0.0.0/8, ``::1``)."""
    name = _name(host)
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """True for "every address of this computer" (``0.0.0.0``, ``::``, or an empty host)."""
    name = host.strip().strip("[]")
    if not name:
        return True
    try:
        return ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def own_names() -> frozenset[str]:
    """This computer's names: ``grow-laptop`` and ``grow-laptop.local`` (no DNS lookup: that can
    hang for seconds on a laptop without a network)."""
    name = _name(socket.gethostname())
    if not name or name == "localhost":
        return frozenset()
    short = name.split(".")[0]
    return frozenset({name, short, f"{short}.local"})


@dataclass(frozen=True)
class HostPolicy:
    """The host names a server listening on ``listen`` answers to."""

    listen: str
    names: frozenset[str] = frozenset()

    @classmethod
    def for_listen(cls, listen: str, names: frozenset[str] | None = None) -> HostPolicy:
        if is_loopback(listen):
            return cls(listen)
        extra = {_name(listen)} if _ip(_name(listen)) is None and not is_wildcard(listen) else set()
        return cls(listen, frozenset((own_names() if names is None else names) | extra))

    def allows(self, host_header: str) -> bool:
        host = _name(urlsplit(f"//{host_header}").hostname or "")
        if not host:
            return False
        if is_loopback(host):
            return True
        if is_loopback(self.listen):
            return False  # a foreign name pointing at 127.0.0.1: DNS rebinding
        address = _ip(host)
        if address is not None:
            return is_wildcard(self.listen) or address == _ip(_name(self.listen))
        return host in self.names


def origin_matches(origin: str | None, host_header: str) -> bool:
    """The page that sent the request is this server's own (no Origin: not from a page)."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.lower()


def peer_is_local(remote: str | None) -> bool:
    """The request comes from this computer (a browser on the facilitator's laptop)."""
    return bool(remote) and is_loopback(remote or "")


def outside_refusal(
    hosts: HostPolicy, host_header: str, method: str, path: str, origin: str | None
) -> str | None:
    """The checks every request gets (a message key when refused): a host name this server is
    known by, and for a websocket or a form, a page of its own origin."""
    if not hosts.allows(host_header):
        return "serve.forbidden"  # a foreign host name pointing at this computer
    from_page = path == "/ws" or method not in ("GET", "HEAD")
    if from_page and not origin_matches(origin, host_header):
        return "serve.forbidden"  # a websocket or a form from another site's page
    return None
