"""Webhook destinations that cannot be steered inward.

A URL is parsed once, strictly, the way the HTTP client (requests on urllib3) will read it;
its host is resolved once; every address is checked; and the request then connects to the
checked address itself, so neither a second DNS answer nor a spelling that two parsers read
differently can change where it goes.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import idna
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

from workflow.errors import DomainError

Resolver = Callable[[str, int], list[str]]
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}
# Besides 80 and 443, only unprivileged ports: the ports below 1024 belong to other protocols
# (SMTP, SSH, LDAP...) that a crafted POST could talk to.
LOWEST_FREE_PORT = 1024
# Names that never leave the machine or the site, whatever the resolver says.
LOCAL_NAME_SUFFIXES = ("localhost", "local", "internal", "localdomain", "home.arpa")
# What the delivery log keeps of a reply.
REPLY_TEXT_BYTES = 4096

_NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")
_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
_UNSAFE_CHARACTER = re.compile(r"[\x00-\x20\x7f-\x9f\\\s]")
_HOST_NAME = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")
_DOTTED_QUAD = re.compile(r"^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$")
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")


class UnsafeWebhookUrl(DomainError):
    status = 422
    slug = "unsafe-webhook-url"
    title = "The webhook URL is not allowed"


@dataclass(frozen=True)
class Destination:
    """A checked webhook target: where to connect (`address`) and what to say (`url`, `host`)."""

    url: str  # normalised: scheme://host[:port]/path?query, no user-info, no fragment
    scheme: str
    host: str  # lower-case ASCII (IDNA) name, or an IP address without brackets
    port: int
    address: str  # the checked IP address every connection goes to
    addresses: tuple[str, ...]  # every address the host resolved to (all of them checked)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def system_resolver(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def resolve_destination(url: str, allow_private: bool, resolver: Resolver = system_resolver) -> Destination:
    """Check a webhook URL and resolve its host once; raise UnsafeWebhookUrl saying why not.

    The contract, for saving an endpoint and for every delivery attempt:
    - Refused spellings: anything but http(s); control characters, whitespace or a backslash
      anywhere; user-info (`user:pass@`); a port other than 80, 443 or 1024-65535; an empty
      or malformed host; an IPv6 zone; a host that is a number but not a dotted-quad IPv4
      address (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`); a name with an empty label
      (including a trailing dot); a URL that urllib3 (what requests uses) and the standard
      library parse to different hosts. Non-ASCII host names are IDNA-encoded (UTS 46) as
      requests does and then checked like any other host.
    - Unless `allow_private`: local names (`localhost`, `*.localhost`, `*.local`,
      `*.internal`, ...) and single-label names are refused, and if ANY address the host
      resolves to is loopback, private, shared (100.64/10), link-local, multicast, reserved
      or unspecified, or an IPv4-mapped or -compatible, NAT64, 6to4 or Teredo address that
      wraps such an address, or in the local-use NAT64 prefix, the URL is refused.
    - With `allow_private` (tests, local set-ups) only multicast and unspecified addresses
      are refused.
    The returned Destination pins the first checked address: send with `post()` (or a
    `session_for()` session), which connect there and nowhere else.
    """
    scheme, host, port, target = _parse(url)
    if not allow_private:
        _refuse_local_name(host)
    if _is_ip_literal(host):
        addresses = [host]
    else:
        try:
            addresses = list(dict.fromkeys(a.split("%")[0] for a in resolver(host, port)))
        except (OSError, UnicodeError, ValueError) as error:
            raise UnsafeWebhookUrl(
                f"the host {host!r} does not resolve: {error}; use a host with a public DNS record"
            ) from None
        if not addresses:
            raise UnsafeWebhookUrl(f"the host {host!r} does not resolve to any address")
    for address in addresses:
        reason = _unsafe_reason(ipaddress.ip_address(address), allow_private)
        if reason:
            shown = host if host == address else f"{host} resolves to {address}, which"
            raise UnsafeWebhookUrl(f"{shown} is {reason}; webhooks go to public addresses only")
    shown_host = f"[{host}]" if ":" in host else host
    netloc = shown_host if port == DEFAULT_PORTS[scheme] else f"{shown_host}:{port}"
    return Destination(f"{scheme}://{netloc}{target}", scheme, host, port, addresses[0], tuple(addresses))


def _parse(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path?query) as the HTTP client will use them, or a refusal."""
    if _UNSAFE_CHARACTER.search(url):
        raise UnsafeWebhookUrl(
            f"{url!r} contains a space, control character or backslash; "
            "percent-encode it (%20, %5C) if it belongs in the path"
        )
    try:
        parsed = parse_url(url)
        split = urlsplit(url)
        split_port = split.port
    except (LocationParseError, ValueError) as error:
        raise UnsafeWebhookUrl(f"{url!r} is not a valid URL: {error}") from None
    scheme = (parsed.scheme or "").lower()
    if scheme not in DEFAULT_PORTS:
        raise UnsafeWebhookUrl(f"{url!r} is not an http or https URL")
    if parsed.auth is not None or "@" in split.netloc:
        raise UnsafeWebhookUrl("webhook URLs carry no user name or password (the part before '@'); remove it")
    raw_host = parsed.host or ""
    if not raw_host:
        raise UnsafeWebhookUrl(f"{url!r} has no host")
    if _ascii_host(split.hostname or "") != raw_host.strip("[]").lower() or split_port != parsed.port:
        raise UnsafeWebhookUrl(f"{url!r} is read differently by different URL parsers; write it plainly")
    host = _normal_host(raw_host)
    port = parsed.port if parsed.port is not None else DEFAULT_PORTS[scheme]
    if port not in DEFAULT_PORTS.values() and not LOWEST_FREE_PORT <= port <= 65535:
        raise UnsafeWebhookUrl(f"port {port} is not allowed: use 80, 443 or a port from {LOWEST_FREE_PORT} to 65535")
    target = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query is not None else "")
    return scheme, host, port, target


def _ascii_host(host: str) -> str:
    """The host as requests sends it: IDNA-encoded (UTS 46) when it is not ASCII."""
    if host.isascii():
        return host.lower()
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as error:
        raise UnsafeWebhookUrl(f"the host {host!r} is not a valid international domain name: {error}") from None


def _normal_host(raw_host: str) -> str:
    if raw_host.startswith("["):
        literal = raw_host[1:-1]
        if "%" in literal:
            raise UnsafeWebhookUrl("IPv6 zone identifiers (%...) are not allowed in webhook URLs")
        try:
            return str(ipaddress.IPv6Address(literal))
        except ValueError:
            raise UnsafeWebhookUrl(f"{raw_host!r} is not an IPv6 address") from None
    host = _ascii_host(raw_host)
    labels = host.split(".")
    if _NUMERIC_LABEL.match(labels[-1]):
        if not _DOTTED_QUAD.match(host):
            raise UnsafeWebhookUrl(
                f"the host {raw_host!r} looks like an IPv4 address in an unusual form; write it as four decimal numbers"
            )
        try:
            return str(ipaddress.IPv4Address(host))
        except ValueError:
            raise UnsafeWebhookUrl(f"{raw_host!r} is not an IPv4 address") from None
    if not _HOST_NAME.match(host):
        raise UnsafeWebhookUrl(
            f"the host {raw_host!r} is not a valid host name "
            "(letters, digits, hyphens; no empty labels or trailing dot)"
        )
    return host


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _refuse_local_name(host: str) -> None:
    if _is_ip_literal(host):
        return
    if "." not in host:
        raise UnsafeWebhookUrl(f"the host {host!r} is a single-label (local) name; use a fully qualified public name")
    if any(host == suffix or host.endswith("." + suffix) for suffix in LOCAL_NAME_SUFFIXES):
        raise UnsafeWebhookUrl(f"the host {host!r} is a local name; webhooks go to public addresses only")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 transition address carries."""
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip in _NAT64_WELL_KNOWN or int(ip) >> 32 == 0:  # NAT64, or IPv4-compatible (::a.b.c.d)
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)
    return []


def _unsafe_reason(ip: Address, allow_private: bool) -> str | None:
    """Why connecting to `ip` could reach inward, or None."""
    if ip.is_unspecified:
        return "the unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if allow_private:
        return None
    if ip.is_loopback:
        return "a loopback address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64_LOCAL_USE:
            return "in the local-use NAT64 prefix 64:ff9b:1::/48"
        wrapped = _embedded_ipv4(ip)
        for inner in wrapped:
            reason = _unsafe_reason(inner, allow_private)
            if reason:
                return f"an IPv6 address wrapping {inner}, {reason}"
        if ip.ipv4_mapped is not None or int(ip) >> 32 == 0:
            return "an IPv4-mapped or IPv4-compatible IPv6 address; write the IPv4 address itself"
        if wrapped:  # NAT64, 6to4 or Teredo around public addresses only
            return None
    if ip.is_link_local:
        return "a link-local address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED_ADDRESS_SPACE:
        return "in the shared (carrier-grade NAT) address space"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved or not ip.is_global:
        return "a reserved address"
    return None


class PinnedAdapter(HTTPAdapter):
    """Connects every request to the destination's checked address, while the request keeps
    the host name in its Host header, TLS server name (SNI) and certificate check."""

    def __init__(self, destination: Destination) -> None:
        self.destination = destination
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        if (host_params["scheme"], host_params["host"].strip("[]"), host_params["port"]) != (
            self.destination.scheme,
            self.destination.host,
            self.destination.port,
        ):
            raise requests.exceptions.InvalidURL(f"this session only sends to {self.destination.url}")
        host_params["host"] = self.destination.address
        if self.destination.scheme == "https":
            pool_kwargs["server_hostname"] = self.destination.host
            pool_kwargs["assert_hostname"] = self.destination.host
        return host_params, pool_kwargs

    def add_headers(self, request, **kwargs) -> None:
        request.headers["Host"] = self.destination.host_header


def session_for(destination: Destination) -> requests.Session:
    """A session that sends to `destination` only, over its checked address. It ignores proxy
    settings of the environment (a proxy would resolve the name again)."""
    session = requests.Session()
    session.trust_env = False
    adapter = PinnedAdapter(destination)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@dataclass(frozen=True)
class Reply:
    status_code: int
    headers: Mapping[str, str]
    text: str  # at most REPLY_TEXT_BYTES of the body, decoded leniently


def post(
    destination: Destination,
    body: bytes,
    headers: Mapping[str, str],
    timeout: float | tuple[float, float],
    session: requests.Session | None = None,
    verify: bool | str = True,
) -> Reply:
    """POST `body` to the checked destination: over its pinned address, redirects not
    followed, at most REPLY_TEXT_BYTES of the reply read. `timeout` is requests' (connect,
    read) per socket operation. `session` may be one from `session_for(destination)` kept for
    reuse; `verify` is requests' (a CA bundle path in tests). Raises requests'
    RequestException when the far side cannot be reached or does not answer in time."""
    sender = session or session_for(destination)
    try:
        with sender.post(
            destination.url,
            data=body,
            headers=dict(headers),
            timeout=timeout,
            allow_redirects=False,
            stream=True,
            verify=verify,
        ) as response:
            start = response.raw.read(REPLY_TEXT_BYTES, decode_content=True) or b""
            return Reply(response.status_code, response.headers, start.decode(response.encoding or "utf-8", "replace"))
    finally:
        if session is None:
            sender.close()
