"""What tests share: builders of accounts and cases, a real SMTP handler and webhook
receiver, assertions on problem bodies, and worker drains. Test modules import from here,
never from each other."""

from __future__ import annotations

import email
import email.policy
import gzip
import socket
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook

from api.extensions import db
from worker.runner import Worker
from workflow import accounts
from workflow.accounts import create_seller
from workflow.clock import utcnow


class RecordingSMTPHandler:
    """A real SMTP server's handler (aiosmtpd): keeps what it receives, and refuses on demand."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.received: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse_recipients: dict[str, str] = {}  # address -> SMTP reply, e.g. "550 no such user"
        self.sessions: set[tuple] = set()  # the client's address of every SMTP session seen

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.sessions.add(session.peer)
        if address in self.refuse_recipients:
            return self.refuse_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.received.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class SellerAccount:
    id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_seller(app, name: str) -> SellerAccount:
    with app.app_context():
        seller, token = create_seller(db.session(), name)
        return SellerAccount(seller.id, token)


def forget_failures(app) -> None:
    """Every count of refused sign-ins and authentications starts again from zero."""
    app.extensions["failure_counter"].storage.reset()


def days_ago(days: float) -> datetime:
    return utcnow() - timedelta(days=days)


def case_body(**overrides) -> dict:
    body = {
        "order_id": "114-3941689-8772232",
        "rating": 1,
        "comment": "Arrived two weeks late.",
        "published_at": days_ago(3).isoformat(),
        "feedback_types": ["late_delivery"],
        "buyer": {"email": "q7x2mz@marketplace.amazon.com", "name": "Jo Buyer", "language": "en"},
        "marketplace": "US",
    }
    body.update(overrides)
    return body


def assert_problem(response, status: int, *fields: str) -> dict:
    assert response.status_code == status, response.get_json()
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status and body["detail"]
    if fields:
        assert {e["field"] for e in body["errors"]} == set(fields)
    return body


ACTION = {"action_taken": "We sent a replacement by express delivery."}


def messages(client, seller, case_id) -> list[dict]:
    response = client.get(f"/v1/cases/{case_id}/messages", headers=seller.headers)
    assert response.status_code == 200
    return response.get_json()["items"]


def get_case(client, seller, case_id) -> dict:
    return client.get(f"/v1/cases/{case_id}", headers=seller.headers).get_json()


def outbox_instant(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class Receiver:
    """An HTTP endpoint that verifies Standard Webhooks signatures and answers as told."""

    def __init__(self) -> None:
        self.secrets: list[str] = []
        self.received: list[dict] = []  # every verified request, in arrival order
        self.rejected: list[str] = []  # requests whose signature did not verify
        self.answers: list[tuple[int, dict]] = []  # scripted answers, used first
        self.fail_first_attempt_of_every: int | None = None
        self._attempts: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's hook name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status, headers = receiver.answer(body, dict(self.headers))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, body: bytes, headers: dict) -> tuple[int, dict]:
        headers = {name.lower(): value for name, value in headers.items()}
        with self._lock:
            verified = None
            for secret in self.secrets:
                try:
                    verified = Webhook(secret).verify(body, headers)
                    break
                except Exception:  # noqa: BLE001 - try the next secret
                    continue
            if verified is None:
                self.rejected.append(headers.get("webhook-id", "?"))
                return 401, {}
            webhook_id = headers["webhook-id"]
            self._attempts[webhook_id] += 1
            self.received.append(
                {"id": webhook_id, "attempt": self._attempts[webhook_id], "headers": headers, "raw": body, **verified}
            )
            if self.answers:
                return self.answers.pop(0)
            every = self.fail_first_attempt_of_every
            if every and self._attempts[webhook_id] == 1 and len(self._attempts) % every == 0:
                return 500, {}
            return 204, {}


def drain(app, start=None, hours=48):
    """Run worker passes, moving the clock on, until nothing more is due."""
    worker = Worker(app, batch_size=20)
    now = start or utcnow()
    for _ in range(200):
        if not worker.run_once(now):
            now += timedelta(minutes=30)
            if now > (start or utcnow()) + timedelta(hours=hours):
                return
    raise AssertionError("the worker never ran dry")


def deliveries(client, seller, webhook_id) -> list[dict]:
    response = client.get(f"/v1/webhooks/{webhook_id}/deliveries", headers=seller.headers)
    assert response.status_code == 200
    return response.get_json()["items"]


# Evidence that satisfies every kind a request can ask for: shipped on time, with Buy Shipping.
FULL_EVIDENCE = {
    "shipped_on": "2026-11-02",
    "ship_by": "2026-11-03",
    "carrier": "UPS",
    "tracking_number": "1Z999AA10123456784",
    "buy_shipping_label": True,
    "contents_verified": True,
    "packaging_description": "Double-wall carton, air pillows on all sides",
    "item_condition": "New, sealed in the manufacturer's packaging",
    "notes": "Pick and pack video reviewed",
    "attachments": ["wms://orders/114-3941689-8772232/packing-photo-1.jpg"],
}


def new_shipper(app, name, *sellers):
    with app.app_context():
        created, token = accounts.create_shipper(db.session(), name)
        for s in sellers:
            accounts.link_shipper(db.session(), created.id, s.id)
        return SellerAccount(created.id, token)


def ask(client, seller, case_id, **body):
    return client.post(f"/v1/cases/{case_id}/documentation-requests", json=body, headers=seller.headers)


def answer(client, shipper, request_id, **body):
    return client.post(f"/v1/shipper/documentation-requests/{request_id}/response", json=body, headers=shipper.headers)


def provide(client, shipper, request_id, fault="none", **evidence):
    return answer(client, shipper, request_id, decision="provided", fault=fault, evidence={**FULL_EVIDENCE, **evidence})


# --- seller feedback report files, as Amazon writes them ---------------------------------
# Header lines per marketplace (ES and MX are only half translated, as Amazon ships them).
HEADERS = {
    "US": ["Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"],
    "UK": ["Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"],
    "DE": ["Datum", "Bewertung", "Kommentar", "Ihre Antwort", "Transaktionsnummer", "E-Mail des Bewertenden"],
    "FR": ["Date", "Évaluation", "Commentaires", "Votre réponse", "Numéro de commande", "E-mail de l'évaluateur"],
    "ES": ["Fecha", "Calificación", "Comentarios", "Your Response", "Order ID", "Rater Email"],
    "JP": ["日付", "評価", "コメント", "あなたの返答", "注文番号", "評価者のメールアドレス"],
}
OLDER_HEADER = [
    "Date", "Rating", "Comments", "Your Response", "Arrived on Time", "Item as Described",
    "Customer Service", "Order ID", "Rater Email",
]  # fmt: skip


def written(day: date, marketplace: str) -> str:
    """A date as the marketplace's report writes it."""
    yy = f"{day.year % 100:02d}"
    return {
        "US": f"{day.month}/{day.day}/{yy}",
        "DE": f"{day.day}.{day.month}.{yy}",
        "SE": day.isoformat(),
        "JP": f"{yy}/{day.month}/{day.day}",
    }.get(marketplace, f"{day.day}/{day.month}/{yy}")


@dataclass
class Row:
    published_on: date
    rating: int
    comment: str
    order_id: str
    rater_email: str = ""
    response: str = ""

    def fields(self, marketplace: str, layout: int) -> list[str]:
        head = [written(self.published_on, marketplace), str(self.rating), self.comment, self.response]
        middle = ["No", "No", "No"] if layout == 9 else []
        return [*head, *middle, self.order_id, self.rater_email]


def quoted(field: str) -> str:
    if any(c in field for c in '\t"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def report_text(rows: list[Row], marketplace: str, *, layout: int = 6, header: bool = True, newline: str = "\n") -> str:
    lines = []
    if header:
        lines.append(OLDER_HEADER if layout == 9 else HEADERS.get(marketplace, HEADERS["US"]))
    lines += [row.fields(marketplace, layout) for row in rows]
    return "".join("\t".join(quoted(f) for f in line) + newline for line in lines)


def report_bytes(
    rows: list[Row],
    marketplace: str,
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    compress: bool = False,
    trailing_blank_lines: int = 0,
    **layout,
) -> bytes:
    newline = layout.get("newline", "\n")
    data = (report_text(rows, marketplace, **layout) + newline * trailing_blank_lines).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return gzip.compress(data) if compress else data


def order_id(n: int) -> str:
    return f"{100 + n % 900:03d}-{n % 10_000_000:07d}-{(n * 7919) % 10_000_000:07d}"
