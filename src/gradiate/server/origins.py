"""Exact parsing of the ``Host`` and ``Origin`` headers, and which names are loopback.

Parsing is by a strict grammar, never by prefix or substring, so ``http://localhost.evil.com``,
``http://localhost@evil.com`` and ``http://evil.com#@localhost`` are simply other origins
(SECURITY.md T37). Anything outside the grammar is treated as foreign.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
"""The names a loopback-bound app always answers to (any port)."""
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})
"""Bind addresses that listen on every interface."""

_DEFAULT_PORTS = {"http": 80, "https": 443}
_NAME = r"\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?"
_HOST = re.compile(rf"^({_NAME})(?::([0-9]{{1,5}}))?$")
_ORIGIN = re.compile(rf"^(https?)://({_NAME})(?::([0-9]{{1,5}}))?$")


@dataclass(frozen=True, slots=True)
class Origin:
    """A scheme, a host name (lower case, IPv6 without brackets) and a port."""

    scheme: str
    host: str
    port: int


def bare_host(text: str) -> str:
    """``text`` in lower case, an IPv6 address without its brackets."""
    text = text.lower()
    return text[1:-1] if text.startswith("[") else text


def parse_host(value: str, scheme: str) -> tuple[str, int] | None:
    """``Host`` → ``(name, port)``, the port defaulting by ``scheme``; None if malformed."""
    match = _HOST.match(value.lower())
    if match is None:
        return None
    port = int(match[2]) if match[2] else _DEFAULT_PORTS.get(scheme, 80)
    return bare_host(match[1]), port


def parse_origin(value: str) -> Origin | None:
    """``Origin`` → its parts; None for ``null`` or anything not ``scheme://host[:port]``."""
    match = _ORIGIN.match(value.lower())
    if match is None:
        return None
    scheme = match[1]
    port = int(match[3]) if match[3] else _DEFAULT_PORTS[scheme]
    return Origin(scheme, bare_host(match[2]), port)


def is_loopback(name: str) -> bool:
    """Whether ``name`` (lower case, no brackets) is this machine: ``localhost``, 127/8, ::1.

    ``0.0.0.0`` counts too, as in Gradio: browsers reach a wildcard bind through it.
    """
    if name in LOOPBACK_NAMES or name == "0.0.0.0":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback


def is_loopback_bind(server_name: str) -> bool:
    """Whether an app bound to ``server_name`` is reachable only from this machine."""
    return is_loopback(bare_host(server_name)) and server_name not in WILDCARD_BINDS
