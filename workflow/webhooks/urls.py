"""Where webhooks may go: http(s) URLs of public addresses only."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from workflow.errors import DomainError


class UnsafeWebhookUrl(DomainError):
    status = 422
    slug = "unsafe-webhook-url"
    title = "The webhook URL is not allowed"


def check_url(url: str, allow_private: bool) -> None:
    """http(s) only; every address the host resolves to must be public, unless private
    networks are allowed (tests, local set-ups). Called on save and before every delivery."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeWebhookUrl(f"{url!r} is not an http(s) URL with a host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)}
    except (OSError, ValueError, UnicodeError) as error:
        raise UnsafeWebhookUrl(f"the host of {url!r} does not resolve: {error}") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise UnsafeWebhookUrl(
                f"{parts.hostname} resolves to {ip}, a loopback, link-local or private address; "
                "webhooks go to public addresses only"
            )
