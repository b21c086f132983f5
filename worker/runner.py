"""The worker: delivers the email outbox over SMTP (Flask-Mail) and the webhook outbox over
HTTP, and runs the deadline sweep, deadline notices and overdue documentation requests, each in
its own loop."""

from __future__ import annotations

import logging
import signal
import smtplib
import socket
import threading
import time
from collections.abc import Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime
from email.utils import parsedate_to_datetime

import requests
from flask import Flask
from flask_mail import BadHeaderError, Message

from api.extensions import db, mail
from workflow import deadlines
from workflow.clock import iso_utc, utcnow
from workflow.delivery import email, outbox, webhook
from workflow.intake import amazon_pull, classify
from workflow.models import OutboxMessage, WebhookDelivery
from workflow.settings import Settings
from workflow.webhooks import destinations

log = logging.getLogger(__name__)
SMTP_TIMEOUT_SECONDS = 30
# Pinned webhook sessions one delivery thread keeps open.
MAX_SESSIONS_PER_THREAD = 64
# The effects of sent messages (the case moving on, webhook events) are applied at the end of
# each batch, and at least this often while a slow mail server makes a batch long.
EFFECTS_EVERY_SECONDS = 2.0


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


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds the receiver asks us to wait: Retry-After as seconds or as an HTTP date."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - utcnow()).total_seconds())
    except (TypeError, ValueError):
        return None


class RenderedMessage(Message):
    """A Flask-Mail message whose bytes were rendered before its send."""

    rendered: bytes | None = None

    def as_bytes(self) -> bytes:
        return self.rendered if self.rendered is not None else super().as_bytes()


class Worker:
    """Emails, webhooks and the deadline housekeeping, each in its own loop (thread), so no
    one of them waits behind another; webhook deliveries to different endpoints run in
    parallel from a bounded pool."""

    def __init__(self, app: Flask, *, batch_size: int = 100, poll_seconds: float = 1.0) -> None:
        self.app = app
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.stopping = threading.Event()
        self._http = threading.local()  # per delivery thread, keep-alive sessions by destination
        self.pool = ThreadPoolExecutor(self.settings.webhook_delivery_threads, thread_name_prefix="webhook")
        self.renderer = ThreadPoolExecutor(1, thread_name_prefix="email-render")  # see _send_batch

    @property
    def settings(self) -> Settings:
        return self.app.config["SETTINGS"]

    def stop(self, *_signal_args) -> None:
        """Finish the messages in hand, then exit."""
        self.stopping.set()

    def run(self, *, once: bool, as_of: datetime | None) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        socket.setdefaulttimeout(SMTP_TIMEOUT_SECONDS)  # Flask-Mail opens SMTP without a timeout
        if once:
            while not self.stopping.is_set() and self.run_once(as_of or utcnow()):
                pass
            return
        loops = [
            threading.Thread(target=self._loop, args=(self.deliver_emails,), name="emails"),
            threading.Thread(target=self._webhook_loop, name="webhooks"),
            threading.Thread(target=self._loop, args=(self.housekeeping,), name="housekeeping"),
        ]
        for loop in loops:
            loop.start()
        while any(loop.is_alive() for loop in loops):
            for loop in loops:
                loop.join(timeout=0.2)  # the main thread stays free to take signals
        self.pool.shutdown()
        self.renderer.shutdown()

    def run_once(self, now: datetime) -> int:
        """One pass of everything, one after the other (for --once and tests): deliver what is
        due (emails, webhooks), expire hopeless cases, queue deadline notices, mark unanswered
        documentation requests overdue, request, poll and import Amazon's feedback reports,
        triage imported comments. Returns the work done."""
        with self.app.app_context():
            return self.deliver_emails(now) + self.deliver_webhooks(now) + self.housekeeping(now)

    def _loop(self, one_pass) -> None:
        """Run `one_pass` until stopped, resting when it found nothing to do. An error is
        logged and the loop goes on: one bad pass must not stop the worker."""
        while not self.stopping.is_set():
            try:
                with self.app.app_context():
                    done = one_pass(utcnow())
            except Exception:  # noqa: BLE001 - the worker outlives any one pass
                log.exception("%s pass failed; trying again", threading.current_thread().name)
                done = 0
            if done == 0:
                self.stopping.wait(self.poll_seconds)

    def housekeeping(self, now: datetime) -> int:
        """The deadline sweep, deadline notices, overdue documentation requests, Amazon's
        feedback reports (request, poll, import) and the triage of imported comments."""
        return (
            self.sweep(now)
            + self.notify(now)
            + deadlines.lapse_overdue(db.session(), now, self.batch_size)
            + amazon_pull.request_due_reports(db.session(), self.settings, now)
            + amazon_pull.poll_reports(db.session(), self.settings, now, self.batch_size)
            + classify.triage_imported(db.session(), now, self.batch_size)
        )

    # --- emails ---------------------------------------------------------------------------

    def deliver_emails(self, now: datetime) -> int:
        """Settle what an earlier pass left, claim a batch, send it over one SMTP connection
        recording each answer as it comes, and apply the batch's effects in groups."""
        session, clock = db.session(), outbox.Clock(now)
        settled = email.apply_effects(session, now, self.settings, self.batch_size)
        batch = email.claim_due(session, now, self.batch_size, self.settings)
        if not batch.emails:
            return settled
        held = outbox.HeldClaim(session, OutboxMessage, batch.claim, [e.id for e in batch.emails], clock, self.settings)
        # The outcomes are recorded on a connection of their own, held for the batch.
        with db.engine.connect() as outcomes:
            try:
                connection = mail.connect().__enter__()
            except (OSError, smtplib.SMTPException) as error:
                outcome = email.EmailOutcome(f"cannot reach the mail server: {_describe(error)}")
                for message in batch.emails:
                    self._record_email(outcomes, batch.claim, message, outcome, clock)
            else:
                try:
                    self._send_batch(session, outcomes, connection, batch, held, clock)
                finally:
                    try:
                        connection.__exit__(None, None, None)
                    except (OSError, smtplib.SMTPException):
                        pass  # the server went away after the batch; every outcome is recorded already
        while email.apply_effects(session, clock.now(), self.settings, self.batch_size):
            pass
        return settled + len(batch.emails)

    def _send_batch(
        self, session, outcomes, connection, batch: email.EmailBatch, held: outbox.HeldClaim, clock: outbox.Clock
    ) -> None:
        """Send each message and record its outcome at once; apply effects now and then. The
        next message is rendered while the server answers the one before (on a second core,
        that time is free); it goes out only once the one before is recorded."""
        settled_at = time.monotonic()
        rendering: dict[int, Future] = {}

        def render(index: int) -> None:
            if index < len(batch.emails) and index not in rendering:
                rendering[index] = self.renderer.submit(self._render, batch.emails[index])

        for index, message in enumerate(batch.emails):
            if self.stopping.is_set():
                outbox.release(session, OutboxMessage, batch.claim, [m.id for m in batch.emails[index:]])
                return
            if not held.still_ours(message.id):
                continue  # our claim lapsed and another worker took the message over
            render(index)
            render(index + 1)
            outcome, connection_gone = self._send(connection, rendering.pop(index))
            self._record_email(outcomes, batch.claim, message, outcome, clock)
            held.done(message.id)
            if connection_gone:
                # Hand the rest back for the next pass to reconnect.
                outbox.release(session, OutboxMessage, batch.claim, [m.id for m in batch.emails[index + 1 :]])
                return
            if time.monotonic() - settled_at > EFFECTS_EVERY_SECONDS:
                email.apply_effects(session, clock.now(), self.settings, self.batch_size)
                settled_at = time.monotonic()

    def _render(self, message: email.ClaimedEmail) -> RenderedMessage:
        """The message as Flask-Mail sends it, its bytes rendered now (unless a header is bad:
        the send refuses it then, as ever)."""
        with self.app.app_context():
            mime = RenderedMessage(
                subject=message.subject,
                recipients=[message.recipient],
                body=message.text_body,
                html=message.html_body,
                sender=self.app.config["MAIL_DEFAULT_SENDER"],
            )
            mime.msgId = message.message_id
            mime.date = time.time()
            if not mime.has_bad_headers():
                mime.rendered = mime.as_bytes()
            return mime

    def _send(self, connection, rendering: Future) -> tuple[email.EmailOutcome, bool]:
        """The server's answer, and whether the connection is gone. A refused message (550, a
        bad header) leaves the session usable for the next one."""
        try:
            connection.send(rendering.result())
        except BadHeaderError as error:
            return email.EmailOutcome(_describe(error), permanent=True), False
        except smtplib.SMTPServerDisconnected as error:
            return email.EmailOutcome(_describe(error)), True
        except smtplib.SMTPException as error:
            permanent = _is_permanent(error)
            bounce = permanent and isinstance(error, smtplib.SMTPRecipientsRefused)
            return email.EmailOutcome(_describe(error), permanent, bounce), False
        except OSError as error:
            return email.EmailOutcome(_describe(error)), True
        return email.EmailOutcome(), False

    def _record_email(
        self,
        outcomes,
        claim: outbox.Claim,
        message: email.ClaimedEmail,
        outcome: email.EmailOutcome,
        clock: outbox.Clock,
    ) -> None:
        if outcome.error:
            log.warning("message %s not delivered: %s", message.id, outcome.error)
        try:
            recorded = email.record_outcome(outcomes, claim, message, outcome, clock.now(), self.settings)
        except Exception as error:  # noqa: BLE001 - poison: isolate the message, keep the batch
            log.exception("recording message %s failed; it is marked failed", message.id)
            recorded = outbox.mark_failed(
                outcomes, OutboxMessage, claim, message.id, f"recording the outcome failed: {error!r}"
            )
        if not recorded:
            log.warning(
                "message %s: our claim lapsed and another worker holds it; its outcome is not ours to record",
                message.id,
            )

    # --- webhooks -------------------------------------------------------------------------

    def deliver_webhooks(self, now: datetime) -> int:
        """Claim one batch and deliver it, endpoints in parallel; returns the deliveries claimed."""
        batch = webhook.claim_due(db.session(), now, self.batch_size, self.settings)
        clock = outbox.Clock(now)
        futures = [
            self.pool.submit(self._deliver_to_endpoint, batch.claim, requests, clock)
            for requests in _by_endpoint(batch.requests).values()
        ]
        for future in futures:
            future.result()
        return len(batch.requests)

    def _webhook_loop(self) -> None:
        """Keep every pool thread busy with a different endpoint: an endpoint that hangs holds
        one thread, never the others' deliveries."""
        busy: dict[str, Future] = {}
        while not self.stopping.is_set():
            for endpoint_id, future in list(busy.items()):
                if future.done():
                    del busy[endpoint_id]
            claimed = 0
            if len(busy) < self.settings.webhook_delivery_threads:
                try:
                    with self.app.app_context():
                        now = utcnow()
                        batch = webhook.claim_due(db.session(), now, self.batch_size, self.settings, busy.keys())
                except Exception:  # noqa: BLE001 - the worker outlives any one pass
                    log.exception("claiming webhook deliveries failed; trying again")
                else:
                    claimed = len(batch.requests)
                    for endpoint_id, requests in _by_endpoint(batch.requests).items():
                        busy[endpoint_id] = self.pool.submit(
                            self._deliver_to_endpoint, batch.claim, requests, outbox.Clock(now)
                        )
            if not claimed:
                wait(list(busy.values()), timeout=self.poll_seconds, return_when=FIRST_COMPLETED)
                if not busy:
                    self.stopping.wait(self.poll_seconds)

    def _deliver_to_endpoint(
        self, claim: outbox.Claim, requests: list[webhook.WebhookRequest], clock: outbox.Clock
    ) -> None:
        """One endpoint's share of a claim, in order, each attempt recorded as it is answered.
        A case whose event failed keeps its later events back (order per case); an endpoint
        that cannot be reached gets no more attempts until its failed delivery is tried again. An error is logged, never
        raised: what this task did not record, its claim's lapse hands to a later pass."""
        try:
            with self.app.app_context():
                self._deliver_in_order(db.session(), claim, requests, clock)
        except Exception:  # noqa: BLE001 - a pool task must not take its errors down silently
            log.exception("delivering to webhook endpoint %s failed", requests[0].endpoint_id)

    def _deliver_in_order(
        self, session, claim: outbox.Claim, requests: list[webhook.WebhookRequest], clock: outbox.Clock
    ) -> None:
        held = outbox.HeldClaim(
            session, WebhookDelivery, claim, [r.delivery_id for r in requests], clock, self.settings
        )
        held_back: list[str] = []
        failed_cases: set[str | None] = set()
        for index, request in enumerate(requests):
            if self.stopping.is_set():
                held_back += [r.delivery_id for r in requests[index:]]
                break
            if request.case_id is not None and request.case_id in failed_cases:
                held_back.append(request.delivery_id)
                continue
            if not held.still_ours(request.delivery_id):
                continue
            result = self._post(request)
            recorded = self._record_webhook(session, claim, request, result, clock)
            held.done(request.delivery_id)
            if not result.delivered:
                failed_cases.add(request.case_id)
                if result.status_code is None:
                    # Unreachable: the rest waits until this one is tried again.
                    rest = held_back + [r.delivery_id for r in requests[index + 1 :]]
                    outbox.release(session, WebhookDelivery, claim, rest, recorded and recorded.retry_at)
                    return
        outbox.release(session, WebhookDelivery, claim, held_back)

    def _record_webhook(
        self, session, claim, request: webhook.WebhookRequest, result: webhook.WebhookResult, clock: outbox.Clock
    ) -> webhook.RecordedAttempt | None:
        try:
            recorded = webhook.record_result(session, claim, request, result, clock.now())
        except Exception:  # noqa: BLE001 - poison: isolate the delivery, keep the batch
            log.exception("recording webhook delivery %s failed; it is marked failed", request.delivery_id)
            with db.engine.connect() as connection:
                outbox.mark_failed(connection, WebhookDelivery, claim, request.delivery_id, None)
            return None
        if recorded is None:
            log.warning("webhook delivery %s: our claim lapsed and another worker holds it", request.delivery_id)
        return recorded

    def _post(self, request: webhook.WebhookRequest) -> webhook.WebhookResult:
        """One attempt: the URL checked and resolved again, then POSTed to the very address
        that was checked (a second DNS answer cannot steer it), within the attempt's timeouts."""
        settings = self.settings
        try:
            destination = destinations.resolve_destination(request.url, settings.webhook_allow_private_networks)
        except destinations.UnsafeWebhookUrl as refusal:
            return webhook.WebhookResult(None, 0, error=refusal.detail)
        headers = webhook.signed_headers(request, int(time.time()))
        started = time.perf_counter()
        try:
            reply = destinations.post(
                destination,
                request.payload.encode(),
                headers,
                timeout=(settings.webhook_connect_timeout_seconds, settings.webhook_attempt_timeout_seconds),
                session=self._session_for(destination),
            )
        except requests.RequestException as error:
            elapsed = round((time.perf_counter() - started) * 1000)
            return webhook.WebhookResult(None, elapsed, error=f"{type(error).__name__}: {error}")
        elapsed = round((time.perf_counter() - started) * 1000)
        ok = 200 <= reply.status_code < 300
        return webhook.WebhookResult(
            reply.status_code,
            elapsed,
            error=None if ok else f"HTTP {reply.status_code}: {reply.text[:200]}",
            retry_after_seconds=_retry_after(reply.headers) if reply.status_code in (429, 503) else None,
        )

    def _session_for(self, destination: destinations.Destination) -> requests.Session:
        """This thread's pinned session for the destination, kept so connections stay open
        between attempts; a few dozen at most (an address that changes makes a new one)."""
        sessions = self._http.__dict__.setdefault("sessions", {})
        if destination not in sessions:
            if len(sessions) >= MAX_SESSIONS_PER_THREAD:
                for session in sessions.values():
                    session.close()
                sessions.clear()
            sessions[destination] = destinations.session_for(destination)
        return sessions[destination]

    # --- deadlines ------------------------------------------------------------------------

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
                for m in email.due_messages(session, now)
            ]
            lines += [
                f"deliver webhook {d.id} ({d.event_type}) to {d.url} (attempt {d.attempt})"
                for d in webhook.due_deliveries(session, now)
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


def _by_endpoint(requests: list[webhook.WebhookRequest]) -> dict[str, list[webhook.WebhookRequest]]:
    grouped: dict[str, list[webhook.WebhookRequest]] = {}
    for request in requests:
        grouped.setdefault(request.endpoint_id, []).append(request)
    return grouped
