"""Whether a URL may carry a secret, and URLs made safe to show.

A key or a password sent over plain `http://` can be read by anyone on the way, unless the
server is this very machine (loopback never leaves it). So a secret goes only over TLS
(`https://`, `wss://`) or to loopback: 127.0.0.0/8, ::1 or `localhost`. Anything else needs
the person's explicit permission (`--allow-http` on the command line, a question in the
wizard), asked with the `transport.plain-http` error this module raises.

A URL can also hold a password itself (`http://user:pass@host`): `shown_url` masks it
wherever a URL is displayed.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from wizard.core.errors import WizardError
from wizard.core.record import record
from wizard.core.sanitize import clean_text

_TLS_SCHEMES = frozenset({"https", "wss"})
_PLAIN_SCHEMES = frozenset({"http", "ws"})
_MASK = "***"


@record
class SecretTransport:
    """How a secret would travel to a URL."""

    safe: bool  # TLS, or a loopback address
    encrypted: bool  # https/wss
    loopback: bool
    host: str  # for messages (cleaned)


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 (with or without brackets) or the name `localhost` (and `*.localhost`,
    which RFC 6761 reserves for this machine)."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def secret_transport(url: str) -> SecretTransport:
    """How a secret sent to `url` would travel. An address that cannot be read is not safe."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return SecretTransport(False, False, False, "")
    scheme = parts.scheme.lower()
    encrypted = scheme in _TLS_SCHEMES
    loopback = bool(host) and is_loopback_host(host)
    safe = bool(host) and (encrypted or (scheme in _PLAIN_SCHEMES and loopback))
    return SecretTransport(safe, encrypted, loopback, clean_text(host, limit=200))


def secret_may_go_to(url: str) -> bool:
    """True when a key or password may be sent to `url` without asking: https, or loopback."""
    return secret_transport(url).safe


def require_safe_transport(url: str, *, allow_plain_http: bool = False) -> None:
    """Raise `transport.plain-http` unless a secret may go to `url` (or the person allowed it).

    Call it before sending a key or a password; the faces catch the code, ask the person
    (CLI: `--allow-http`), and call again with `allow_plain_http=True` once they agree.
    """
    if allow_plain_http or secret_may_go_to(url):
        return
    raise WizardError("transport.plain-http", url=shown_url(url))


def shown_url(url: str) -> str:
    """`url` as it may be displayed: `user:password@` masked, control characters removed."""
    try:
        parts = urlsplit(url)
        has_credentials = parts.username is not None or parts.password is not None
    except ValueError:
        has_credentials = "@" in url
        parts = None
    if has_credentials:
        if parts is not None and "@" in parts.netloc:
            netloc = _MASK + "@" + parts.netloc.rsplit("@", 1)[1]
            url = parts._replace(netloc=netloc).geturl()
        else:
            url = _MASK + "@" + url.rsplit("@", 1)[1]
    return clean_text(url, limit=300)
