"""The worker loop: delivers the email outbox over SMTP (Flask-Mail) and the webhook outbox over
HTTP, and runs the deadline sweep, deadline notices and overdue documentation requests."""

from __future__ import annotations

import logging
import signal
import smtplib
import socket
import time
from datetime import datetime
from email.utils import parsedate_to_datetime

import requests
from flask import Flask
from flask_mail import BadHeaderError, Message

from api.extensions import db, mail
from workflow import deadlines
from workflow.clock import iso_utc, utcnow
from workflow.delivery import email as email_delivery
from workflow.delivery import webhook as webhook_delivery
from workflow.intake import amazon_pull, classify
from workflow.settings import Settings
from workflow.webhooks.destinations import UnsafeWebhookUrl, resolve_destination

log = logging.getLogger(__name__)
SMTP_TIMEOUT_SECONDS = 30
WEBHOOK_TIMEOUT_SECONDS = 10


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer is final; anything else (4xx, a dropped connection) is worth retrying."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return isinstance(error, BadHeaderError)


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {text.decode(errors='replace')}" for address, (code, text) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{error.smtp_code} {message}"
    return f"{type(error).__name__}: {error}"


def _retry_after(response: requests.Response) -> float | None:
    """Seconds the receiver asks us to wait: Retry-After as seconds or as an HTTP date."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - utcnow()).total_seconds())
    except (TypeError, ValueError):
        return None


class Worker:
    def __init__(self, app: Flask, *, batch_size: int = 100, poll_seconds: float = 1.0) -> None:
        self.app = app
        self.http = requests.Session()  # keeps connections to receivers open between deliveries
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.stopping = False

    @property
    def settings(self) -> Settings:
        return self.app.config["SETTINGS"]

    def stop(self, *_signal_args) -> None:
        """Finish the message in hand, then exit."""
        self.stopping = True

    def run(self, *, once: bool, as_of: datetime | None) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        socket.setdefaulttimeout(SMTP_TIMEOUT_SECONDS)  # Flask-Mail opens SMTP without a timeout
        while not self.stopping:
            done = self.run_once(as_of or utcnow())
            if once and done == 0:
                return
            if done == 0:
                self._sleep(self.poll_seconds)

    def run_once(self, now: datetime) -> int:
        """One pass: deliver what is due (emails, webhooks), expire hopeless cases, queue
        deadline notices, mark unanswered documentation requests overdue, request, poll and
        import Amazon's feedback reports, triage imported comments. Returns the work done."""
        with self.app.app_context():
            return (
                self.deliver(now)
                + self.deliver_webhooks(now)
                + self.sweep(now)
                + self.notify(now)
                + deadlines.lapse_overdue(db.session(), now, self.batch_size)
                + amazon_pull.request_due_reports(db.session(), self.settings, now)
                + amazon_pull.poll_reports(db.session(), self.settings, now, self.batch_size)
                + classify.triage_imported(db.session(), now, self.batch_size)
            )

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.05)

    def deliver(self, now: datetime) -> int:
        session = db.session()
        batch = email_delivery.claim_due(session, now, self.batch_size, self.settings)
        if not batch:
            return 0
        try:
            connection = mail.connect().__enter__()
        except (OSError, smtplib.SMTPException) as error:
            reason = f"cannot reach the mail server: {_describe(error)}"
            outcomes = [email_delivery.EmailOutcome(d.id, reason) for d in batch]
        else:
            outcomes = self._send_batch(connection, batch)
            try:
                connection.__exit__(None, None, None)
            except (OSError, smtplib.SMTPException):
                pass  # the server went away after the batch; every outcome is known already
        email_delivery.record_outcomes(session, outcomes, self.settings, now)
        for outcome in outcomes:
            if outcome.error:
                log.warning("message %s not delivered: %s", outcome.email_id, outcome.error)
        return len(batch)

    def _send_batch(self, connection, batch: list[email_delivery.ClaimedEmail]) -> list[email_delivery.EmailOutcome]:
        """Send each message over one connection. Outcomes are recorded together afterwards,
        so a crash in between re-sends at most this batch, with the same Message-IDs."""
        outcomes: list[email_delivery.EmailOutcome] = []
        for index, claimed in enumerate(batch):
            if self.stopping:
                return outcomes + [email_delivery.EmailOutcome(d.id, attempted=False) for d in batch[index:]]
            message = Message(
                subject=claimed.subject,
                recipients=[claimed.recipient],
                body=claimed.text_body,
                html=claimed.html_body,
                sender=self.app.config["MAIL_DEFAULT_SENDER"],
            )
            message.msgId = claimed.message_id
            try:
                connection.send(message)
            except (OSError, smtplib.SMTPException, BadHeaderError) as error:
                permanent = _is_permanent(error)
                bounce = permanent and isinstance(error, smtplib.SMTPRecipientsRefused)
                outcomes.append(email_delivery.EmailOutcome(claimed.id, _describe(error), permanent, bounce))
                if isinstance(error, (OSError, smtplib.SMTPServerDisconnected)):
                    # The connection is gone: hand the rest back for the next pass to reconnect.
                    return outcomes + [email_delivery.EmailOutcome(d.id, attempted=False) for d in batch[index + 1 :]]
            else:
                outcomes.append(email_delivery.EmailOutcome(claimed.id))
        return outcomes

    def deliver_webhooks(self, now: datetime) -> int:
        session = db.session()
        batch = webhook_delivery.claim_due(session, now, self.batch_size, self.settings)
        results: list[webhook_delivery.WebhookResult] = []
        failed_keys: set[tuple[str, str | None]] = set()
        for request in batch:
            if self.stopping or (request.order_key[1] is not None and request.order_key in failed_keys):
                # Later events of a case wait for the earlier one that failed: order per case.
                results.append(webhook_delivery.WebhookResult(request.delivery_id, None, 0, attempted=False))
                continue
            result = self._post(request)
            if not result.delivered:
                failed_keys.add(request.order_key)
            results.append(result)
        webhook_delivery.record_results(session, results, now)
        return len(batch)

    def _post(self, request: webhook_delivery.WebhookRequest) -> webhook_delivery.WebhookResult:
        try:
            resolve_destination(request.url, self.settings.webhook_allow_private_networks)
        except UnsafeWebhookUrl as refusal:
            return webhook_delivery.WebhookResult(request.delivery_id, None, 0, error=refusal.detail)
        body = request.payload.encode()
        headers = webhook_delivery.signed_headers(request, int(time.time()))
        started = time.perf_counter()
        try:
            response = self.http.post(
                request.url, data=body, headers=headers, timeout=WEBHOOK_TIMEOUT_SECONDS, allow_redirects=False
            )
        except requests.RequestException as error:
            elapsed = round((time.perf_counter() - started) * 1000)
            return webhook_delivery.WebhookResult(
                request.delivery_id, None, elapsed, error=f"{type(error).__name__}: {error}"
            )
        elapsed = round((time.perf_counter() - started) * 1000)
        ok = 200 <= response.status_code < 300
        return webhook_delivery.WebhookResult(
            request.delivery_id,
            response.status_code,
            elapsed,
            error=None if ok else f"HTTP {response.status_code}: {response.text[:200]}",
            retry_after_seconds=_retry_after(response) if response.status_code in (429, 503) else None,
        )

    def notify(self, now: datetime) -> int:
        session = db.session()
        due = deadlines.due_for_notice(session, now, self.batch_size)
        for case_id in due:
            deadlines.send_notices(session, case_id, now)
        return len(due)

    def sweep(self, now: datetime) -> int:
        return deadlines.expire_due(db.session(), self.settings, now, self.batch_size)

    def describe_due(self, now: datetime) -> list[str]:
        """What a run at `now` would do, one line each, changing nothing (for --dry-run): the
        emails and webhook deliveries due, the cases the sweep expires, the deadline notices,
        the documentation requests that go overdue, the Amazon report requests and polls due, and
        the imported cases whose comments are triaged. The webhook events these changes queue
        are named with them; a real run delivers those in the same run."""
        with self.app.app_context():
            session = db.session()
            lines = [
                f"block {m.id} to {m.recipient}: {m.blocked_because}"
                if m.blocked_because
                else f"send {m.id} to {m.recipient}: {m.subject!r} (attempt {m.attempt})"
                for m in email_delivery.due_messages(session, now)
            ]
            lines += [
                f"deliver webhook {d.id} ({d.event_type}) to {d.url} (attempt {d.attempt})"
                for d in webhook_delivery.due_deliveries(session, now)
            ]
            lines += [
                f"expire {case.id} (order {case.order_id}, {case.state}): nothing more can be done since "
                f"{iso_utc(deadlines.hopeless_from(case))}; events case.transitioned, case.closed"
                for case in deadlines.sweep_would_expire(session, now)
            ]
            lines += [
                f"notify {case.id} (order {case.order_id}): {deadline} is {iso_utc(getattr(case, deadline))}, "
                f"notice {days} {'day' if days == 1 else 'days'} ahead; event case.deadline_approaching"
                for case, deadline, days in deadlines.notices_would_send(session, now)
            ]
            lines += [
                f"mark documentation request {r.id} (case {r.case_id}) overdue: no answer by {iso_utc(r.respond_by)}; "
                "event documentation.overdue"
                for r in deadlines.overdue_requests(session, now)
            ]
            lines += [
                f"request the {marketplace} feedback report of seller {connection.seller_id} from Amazon "
                f"(connection {connection.id})"
                for connection, marketplace in amazon_pull.reports_due(session, now)
            ]
            lines += [
                f"poll Amazon report {request.report_id} ({request.marketplace}, seller {request.seller_id}), "
                f"attempt {request.attempts + 1}; import it if Amazon is done"
                for request, _connection in amazon_pull.polls_due(session, now, self.batch_size)
            ]
            lines += [
                f"triage the comment of {case.id} (order {case.order_id}), imported without a type"
                for case in classify.awaiting_triage(session, self.batch_size)
            ]
            return lines
