"""The client's address, checked: a header can never put junk (or 500 characters) into it.

Behind ``PB_TRUSTED_PROXIES`` proxies, ProxyFix copies ``X-Forwarded-For``
into ``REMOTE_ADDR``. Whatever ends up there is parsed as an IP address and
written in its one canonical form (an IPv4-mapped IPv6 address as IPv4, no
zone index), so one client cannot pose as many by spelling its address
differently. When it is not an address at all, the address of the peer that
really connected (the proxy) is used instead, so a client that sends junk
shares the proxy's limits rather than escaping them.
"""
from __future__ import annotations

import ipaddress
from typing import Any, Callable, Iterable

#: What REMOTE_ADDR becomes when nothing usable is known (never from a real server).
UNKNOWN_ADDRESS = "0.0.0.0"


def canonical_address(value: str | None) -> str | None:
    """The canonical text of an IP address, or None when ``value`` is not one."""
    if not value or len(value) > 100:
        return None
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        if address.scope_id:
            address = ipaddress.IPv6Address(str(address).split("%", 1)[0])
    return str(address)


def throttle_key(address: str) -> str:
    """What the per-address limits count: an IPv4 address, or the /64 network of an IPv6 one.

    One IPv6 household or attacker holds a whole /64, and could otherwise use a new address per guess.
    """
    parsed = ipaddress.ip_address(canonical_address(address) or UNKNOWN_ADDRESS)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


class CheckedClientAddress:
    """WSGI middleware, outermost but for nothing: makes ``REMOTE_ADDR`` a canonical IP address."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        original = (environ.get("werkzeug.proxy_fix.orig") or {}).get("REMOTE_ADDR")
        environ["REMOTE_ADDR"] = (
            canonical_address(environ.get("REMOTE_ADDR"))
            or canonical_address(original)
            or UNKNOWN_ADDRESS
        )
        return self.app(environ, start_response)
