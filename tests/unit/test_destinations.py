"""Webhook destinations: spellings that could reach inward are refused, and a checked
destination is connected to at the address that was checked, not at a later DNS answer.
Names are resolved by resolvers the tests pass in, never by the network."""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading

import pytest
import requests

from workflow.webhooks.destinations import UnsafeWebhookUrl, post, resolve_destination, session_for

PUBLIC = "93.184.215.14"


def public_resolver(host: str, port: int) -> list[str]:
    return [PUBLIC]


def resolver_answering(*addresses: str):
    return lambda host, port: list(addresses)


REFUSED_SPELLINGS = [
    # what requests/urllib3 and the standard library read differently
    r"http://127.0.0.1:8431\@hooks.example.net/x",
    "http://hooks.example.net\\@127.0.0.1/x",
    "http://hooks.example.net@127.0.0.1/x",
    "http://user:secret@hooks.example.net/x",
    "http://127.0.0.1%2f@hooks.example.net/x",
    "http://hooks.example.net /x",
    "http://hooks.example.net\t.evil/x",
    "http://hooks.example.net\r\nHost: 127.0.0.1/x",
    "http://hooks.example.net\x00.127.0.0.1/",
    "http://%31%32%37.0.0.1/",
    "http://hooks.example.net%2e127.0.0.1/",
    # IPv4 in unusual forms (the C resolver reads all of these as loopback)
    "http://0/",
    "http://127.1/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0x7f.0.0.1/",
    "http://0177.0.0.1/",
    "http://017700000001/",
    "http://127.0.0.1./",
    # loopback, private, link-local, shared, reserved, multicast, unspecified
    "http://127.0.0.1:8431/x",
    "http://0.0.0.0/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://224.0.0.1/",
    "http://[::1]/",
    "http://[::]/",
    "http://[fe80::1]/",
    "http://[fe80::1%25eth0]/",
    "http://[fd00::1]/",
    "http://[ff02::1]/",
    # IPv6 forms wrapping an IPv4 loopback or private address
    "http://[::ffff:127.0.0.1]/",
    "http://[0:0:0:0:0:ffff:7f00:1]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::127.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[64:ff9b:1::5db8:d70e]/",
    "http://[2002:7f00:1::]/",
    "http://[2002:c0a8:101::1]/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
    "http://[::ffff:93.184.215.14]/",
    # local names, trailing dots, IDNA tricks
    "http://localhost/",
    "http://LOCALHOST:8080/",
    "http://localhost./",
    "http://api.localhost/",
    "http://printer.local/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://intranet/",
    "http://hooks.example.net./x",
    "http://hooks..example.net/x",
    "http://ⓛocalhost/",
    "http://１２７.０.０.１/",
    "http://ｌｏｃａｌｈｏｓｔ/",
    # schemes and ports
    "file:///etc/passwd",
    "gopher://hooks.example.net:70/_x",
    "ftp://hooks.example.net/x",
    "//hooks.example.net/x",
    "http:/hooks.example.net/x",
    "http://hooks.example.net:25/x",
    "http://hooks.example.net:22/x",
    "http://hooks.example.net:0/x",
    "http://hooks.example.net:99999/x",
]


@pytest.mark.parametrize("url", REFUSED_SPELLINGS)
def test_spellings_that_could_reach_inward_are_refused(url):
    with pytest.raises(UnsafeWebhookUrl) as refusal:
        resolve_destination(url, allow_private=False, resolver=public_resolver)
    assert refusal.value.status == 422 and refusal.value.detail


@pytest.mark.parametrize(
    "answer",
    [
        ["127.0.0.1"],
        [PUBLIC, "127.0.0.1"],  # any address, not only the first
        ["10.0.0.5"],
        ["::ffff:127.0.0.1"],
        ["64:ff9b::7f00:1"],
        ["2002:a9fe:a9fe::1"],  # 6to4 around 169.254.169.254
        ["fe80::1%eth0"],
    ],
)
def test_a_name_resolving_to_any_inward_address_is_refused(answer):
    with pytest.raises(UnsafeWebhookUrl, match="resolves to"):
        resolve_destination("https://hooks.example.net/x", allow_private=False, resolver=resolver_answering(*answer))


def test_a_name_that_does_not_resolve_is_refused():
    def failing(host, port):
        raise OSError("Name or service not known")

    with pytest.raises(UnsafeWebhookUrl, match="does not resolve"):
        resolve_destination("https://hooks.example.net/x", allow_private=False, resolver=failing)


@pytest.mark.parametrize(
    "url, normalised, host_header",
    [
        ("https://hooks.example.net/x", "https://hooks.example.net/x", "hooks.example.net"),
        ("HTTPS://Hooks.Example.NET:8443/p?q=1#frag", "https://hooks.example.net:8443/p?q=1", "hooks.example.net:8443"),
        ("http://bücher.example/hook", "http://xn--bcher-kva.example/hook", "xn--bcher-kva.example"),
        ("http://93.184.215.14:8080", "http://93.184.215.14:8080/", "93.184.215.14:8080"),
        ("http://[64:ff9b::5db8:d70e]/", "http://[64:ff9b::5db8:d70e]/", "[64:ff9b::5db8:d70e]"),
    ],
)
def test_public_destinations_are_normalised_as_the_client_sends_them(url, normalised, host_header):
    destination = resolve_destination(url, allow_private=False, resolver=public_resolver)
    assert (destination.url, destination.host_header) == (normalised, host_header)


def test_private_networks_allowed_still_refuse_unusual_spellings():
    assert resolve_destination("http://127.0.0.1:8431/x", allow_private=True).address == "127.0.0.1"
    for url in (r"http://127.0.0.1:8431\@hooks.example.net/x", "http://127.1:8431/", "http://0.0.0.0:8431/"):
        with pytest.raises(UnsafeWebhookUrl):
            resolve_destination(url, allow_private=True)


# --- the connection goes to the checked address ------------------------------------------


class Receiver:
    """A real HTTP server on one loopback address, recording the Host header of each POST."""

    def __init__(self, address: str, port: int, context: ssl.SSLContext | None = None) -> None:
        self.hosts: list[str] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's hook name
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.hosts.append(self.headers["Host"])
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((address, port), Handler)
        if context is not None:
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def two_receivers_on_one_port(context: ssl.SSLContext | None = None) -> tuple[Receiver, Receiver]:
    """Receivers on 127.0.0.1 and 127.0.0.2 with the same port: only the address tells them apart."""
    for _ in range(20):
        first = Receiver("127.0.0.1", 0, context)
        try:
            return first, Receiver("127.0.0.2", first.port, context)
        except OSError:
            first.close()
    pytest.skip("no port free on both loopback addresses")


def test_the_connection_goes_to_the_checked_address_not_to_a_second_answer():
    checked, other = two_receivers_on_one_port()
    answers = iter([["127.0.0.1"], ["127.0.0.2"]])  # a DNS answer that changes after the check
    try:
        destination = resolve_destination(
            f"http://hooks.example.test:{checked.port}/x", allow_private=True, resolver=lambda h, p: next(answers)
        )
        reply = post(destination, b"{}", {"content-type": "application/json"}, timeout=5)
        assert reply.status_code == 204
        assert checked.hosts == [f"hooks.example.test:{checked.port}"]  # the name, not the address
        assert other.hosts == []
        assert next(answers) == ["127.0.0.2"], "the resolver was asked once, at the check"
    finally:
        checked.close()
        other.close()


def test_a_public_then_loopback_answer_is_checked_once_and_pinned_to_the_public_address():
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    destination = resolve_destination(
        "https://hooks.example.net/x", allow_private=False, resolver=lambda h, p: next(answers)
    )
    assert (destination.address, destination.addresses) == (PUBLIC, (PUBLIC,))
    assert next(answers) == ["127.0.0.1"], "no second resolution happened"


def test_a_session_sends_nowhere_but_its_destination():
    receiver = Receiver("127.0.0.1", 0)
    try:
        destination = resolve_destination(
            f"http://hooks.example.test:{receiver.port}/x", True, lambda h, p: ["127.0.0.1"]
        )
        with pytest.raises(requests.exceptions.InvalidURL):
            session_for(destination).post(f"http://elsewhere.example.test:{receiver.port}/x", timeout=5)
        assert receiver.hosts == []
    finally:
        receiver.close()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for hooks.example.test (openssl, as shipped with the system)."""
    directory = tmp_path_factory.mktemp("tls")
    key, cert = directory / "key.pem", directory / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=hooks.example.test",
         "-addext", "subjectAltName=DNS:hooks.example.test", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


def test_tls_keeps_the_server_name_and_checks_the_certificate_for_it(certificate):
    key, cert = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    checked, other = two_receivers_on_one_port(context)
    answers = iter([["127.0.0.1"], ["127.0.0.2"]])
    try:
        destination = resolve_destination(
            f"https://hooks.example.test:{checked.port}/x", allow_private=True, resolver=lambda h, p: next(answers)
        )
        assert post(destination, b"{}", {}, timeout=5, verify=str(cert)).status_code == 204
        assert names == ["hooks.example.test"] and other.hosts == []

        # A certificate that does not name the host is refused, even on the checked address.
        wrong = resolve_destination(f"https://other.example.test:{checked.port}/x", True, lambda h, p: ["127.0.0.1"])
        with pytest.raises(requests.exceptions.SSLError):
            post(wrong, b"{}", {}, timeout=5, verify=str(cert))
        assert len(checked.hosts) == 1
    finally:
        checked.close()
        other.close()
