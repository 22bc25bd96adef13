"""Where webhooks may go: https to public addresses only (no server-side request forgery).

Checked twice: when a URL is registered (its form, and an address written in it in any
spelling) and when a delivery connects (every address the name resolves to at that moment, so
a name that later resolves to a private address, DNS rebinding, is refused too; see
:mod:`app.services.webhook_transport`). ``WEBHOOK_ALLOW_PRIVATE=true`` lifts both, for local
development and tests only.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def literal_address(host: str) -> Address | None:
    """The address a host names by itself, in any spelling a resolver accepts: dotted,
    decimal (``2130706433``), octal or hex parts (``0177.0.0.1``), short (``127.1``), IPv6."""
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except (OSError, ValueError):
        return None


def is_public(address: Address) -> bool:
    """A global unicast address: not loopback, private, link-local (the cloud metadata
    service, 169.254.169.254, among them), unspecified, reserved, multicast or unique-local,
    and not one of those hidden in an IPv4-mapped or NAT64 IPv6 form."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return is_public(mapped)
        if address in ipaddress.IPv6Network("64:ff9b::/96"):
            return is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return address.is_global and not address.is_multicast


def check_url(url: str, *, allow_private: bool) -> str | None:
    """None when ``url`` may be registered, else why not."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes:
        return "it must use https"
    host = parts.hostname
    if not host:
        return "it names no host"
    if parts.username or parts.password:
        return "it must not carry a user name or password"
    if port == 0:
        return "port 0 is not a port"
    if allow_private:
        return None
    address = literal_address(host)
    if address is not None:
        return None if is_public(address) else "its address is not a public one"
    if host.rstrip(".").lower() in ("localhost", "localhost.localdomain") or host.endswith(
        ".localhost"
    ):
        return "it names this machine"
    return None


def resolve_public(host: str, port: int, *, allow_private: bool) -> list[str]:
    """The addresses to connect to for ``host``, each checked now.

    Raises:
        PermissionError: the name resolves to an address that is not public (every one must
            be: a resolver may hand out another order next time).
        OSError: the name does not resolve.
    """
    infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for text in addresses:
            if not is_public(ipaddress.ip_address(text.split("%", 1)[0])):
                raise PermissionError(f"{host} resolves to {text}, which is not a public address")
    return addresses
