"""Amazon connections and the scheduled pull of the seller feedback report.

Once a day per connected marketplace the worker requests the report for the last
`amazon_report_days` days, polls it with a growing pause, and imports the document through the
same use case as an upload, with the requested period as the import's period. CANCELLED is how
Amazon says the period has no 1-3 star feedback; FATAL, or a report still queued after
`amazon_report_give_up_hours`, is given up, and the next day's request tries again.

Calls to Amazon happen outside database transactions: a slow answer holds no lock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workflow.accounts import require_seller
from workflow.errors import DomainError, InvalidInput, NotFound
from workflow.intake import credentials
from workflow.intake.amazon import REGION_MARKETPLACES, AmazonAccount, AmazonUnavailable, ReportsClient
from workflow.intake.models import AmazonConnection, AmazonReportRequest
from workflow.intake.report import MalformedReport
from workflow.intake.use_cases import import_no_rows, import_report
from workflow.settings import Settings
from workflow.transactions import read_transaction, write_transaction

REQUEST_EVERY = timedelta(days=1)
# Pauses between polls of one report: 1, 2, 4 ... minutes, at most 30.
FIRST_POLL_SECONDS = 60.0
MAX_POLL_SECONDS = 1800.0

ClientFactory = Callable[[AmazonAccount, Settings], ReportsClient]


def default_client(account: AmazonAccount, settings: Settings) -> ReportsClient:
    return ReportsClient(
        account, api_endpoint=settings.amazon_api_endpoint, token_endpoint=settings.amazon_token_endpoint
    )


# --- connections ----------------------------------------------------------------------------


class MarketplaceAlreadyConnected(DomainError):
    status = 409
    slug = "marketplace-already-connected"
    title = "The marketplace is pulled by another connection"


def connect(
    session: Session,
    seller_id: str,
    *,
    region: str,
    marketplaces: list[str],
    client_id: str,
    client_secret: str,
    refresh_token: str,
    settings: Settings,
    now: datetime,
) -> AmazonConnection:
    """Store a seller's Selling Partner API authorisation, its secrets encrypted."""
    served = REGION_MARKETPLACES.get(region)
    errors = []
    if served is None:
        errors.append({"field": "region", "message": f"must be one of {', '.join(REGION_MARKETPLACES)}"})
    else:
        outside = [m for m in marketplaces if m not in served]
        if outside:
            errors.append(
                {
                    "field": "marketplaces",
                    "message": f"{', '.join(outside)} not served by region {region} (it serves {', '.join(served)})",
                }
            )
    if not marketplaces:
        errors.append({"field": "marketplaces", "message": "name at least one marketplace"})
    if errors:
        raise InvalidInput(errors)
    connection = AmazonConnection(
        seller_id=seller_id,
        region=region,
        marketplaces_csv=",".join(dict.fromkeys(marketplaces)),
        client_id=client_id,
        encrypted_client_secret=credentials.encrypt(settings.credentials_key, client_secret),
        encrypted_refresh_token=credentials.encrypt(settings.credentials_key, refresh_token),
        created_at=now,
    )
    with write_transaction(session):
        require_seller(session, seller_id)
        # A second pull of one marketplace would only double the calls to Amazon.
        for existing in session.scalars(select(AmazonConnection).where(AmazonConnection.seller_id == seller_id)):
            shared = [m for m in connection.marketplaces if m in existing.marketplaces]
            if shared:
                raise MarketplaceAlreadyConnected(
                    f"{', '.join(shared)} is pulled by connection {existing.id} already: "
                    "delete that connection first to connect it again",
                    connection_id=existing.id,
                    marketplaces=shared,
                )
        session.add(connection)
    return connection


def list_connections(session: Session, seller_id: str) -> list[tuple[AmazonConnection, list[AmazonReportRequest]]]:
    """The seller's connections, each with the latest report request of each of its marketplaces
    (how the daily pull fares)."""
    with read_transaction(session):
        require_seller(session, seller_id)
        connections = list(
            session.scalars(
                select(AmazonConnection).where(AmazonConnection.seller_id == seller_id).order_by(AmazonConnection.id)
            )
        )
        latest = (
            select(
                AmazonReportRequest.connection_id,
                AmazonReportRequest.marketplace,
                func.max(AmazonReportRequest.requested_at).label("requested_at"),
            )
            .where(AmazonReportRequest.seller_id == seller_id)
            .group_by(AmazonReportRequest.connection_id, AmazonReportRequest.marketplace)
            .subquery()
        )
        requests = session.scalars(
            select(AmazonReportRequest)
            .join(
                latest,
                (AmazonReportRequest.connection_id == latest.c.connection_id)
                & (AmazonReportRequest.marketplace == latest.c.marketplace)
                & (AmazonReportRequest.requested_at == latest.c.requested_at),
            )
            .order_by(AmazonReportRequest.marketplace)
        )
        by_connection: dict[str, list[AmazonReportRequest]] = {c.id: [] for c in connections}
        for request in requests:
            by_connection[request.connection_id].append(request)
    return [(connection, by_connection[connection.id]) for connection in connections]


def disconnect(session: Session, seller_id: str, connection_id: str) -> None:
    with write_transaction(session):
        connection = session.scalar(
            select(AmazonConnection).where(
                AmazonConnection.id == connection_id, AmazonConnection.seller_id == seller_id
            )
        )
        if connection is None:
            raise NotFound(f"no Amazon connection {connection_id!r}")
        session.delete(connection)


def _account(connection: AmazonConnection, settings: Settings) -> AmazonAccount:
    return AmazonAccount(
        client_id=connection.client_id,
        client_secret=credentials.decrypt(settings.credentials_key, connection.encrypted_client_secret),
        refresh_token=credentials.decrypt(settings.credentials_key, connection.encrypted_refresh_token),
        region=connection.region,
    )


# --- the pull -------------------------------------------------------------------------------


def reports_due(session: Session, now: datetime) -> list[tuple[AmazonConnection, str]]:
    """(connection, marketplace) pairs whose last report request is a day old, or that have none."""
    with read_transaction(session):
        # Asked on every pass of the worker: only the last day's requests are read, not the
        # whole history of the pulls.
        requested_lately = {
            (connection_id, marketplace)
            for connection_id, marketplace in session.execute(
                select(AmazonReportRequest.connection_id, AmazonReportRequest.marketplace)
                .where(AmazonReportRequest.requested_at > now - REQUEST_EVERY)
                .distinct()
            )
        }
        due = [
            (connection, marketplace)
            for connection in session.scalars(select(AmazonConnection).order_by(AmazonConnection.id))
            for marketplace in connection.marketplaces
            if (connection.id, marketplace) not in requested_lately
        ]
        session.expunge_all()  # handed to the calls to Amazon, outside any transaction
    return due


def polls_due(session: Session, now: datetime, limit: int) -> list[tuple[AmazonReportRequest, AmazonConnection]]:
    """Pending report requests whose next poll has come, each with its connection."""
    with read_transaction(session):
        due = list(
            session.scalars(
                select(AmazonReportRequest)
                .where(AmazonReportRequest.status == "pending", AmazonReportRequest.next_poll_at <= now)
                .order_by(AmazonReportRequest.next_poll_at)
                .limit(limit)
            )
        )
        connections = {
            c.id: c
            for c in session.scalars(
                select(AmazonConnection).where(AmazonConnection.id.in_({r.connection_id for r in due}))
            )
        }
        session.expunge_all()  # handed to the calls to Amazon, outside any transaction
    return [(request, connections[request.connection_id]) for request in due]


def request_due_reports(
    session: Session, settings: Settings, now: datetime, client_for: ClientFactory = default_client
) -> int:
    """createReport for every connected marketplace whose last request is a day old (or none)."""
    due = reports_due(session, now)
    covers_to = now.date()
    covers_from = covers_to - timedelta(days=settings.amazon_report_days)
    for connection, marketplace in due:
        report_id, error = None, None
        try:
            client = client_for(_account(connection, settings), settings)
            report_id = client.create_report(marketplace, datetime.combine(covers_from, time(), tzinfo=UTC))
        except (AmazonUnavailable, credentials.CredentialsKeyMissing) as failure:
            error = str(failure)
        with write_transaction(session):
            session.add(
                AmazonReportRequest(
                    connection_id=connection.id,
                    seller_id=connection.seller_id,
                    marketplace=marketplace,
                    report_id=report_id,
                    status="pending" if report_id else "failed",
                    covers_from=covers_from,
                    covers_to=covers_to,
                    next_poll_at=now + timedelta(seconds=FIRST_POLL_SECONDS) if report_id else None,
                    requested_at=now,
                    finished_at=None if report_id else now,
                    error=error,
                )
            )
    return len(due)


def poll_reports(
    session: Session, settings: Settings, now: datetime, limit: int, client_for: ClientFactory = default_client
) -> int:
    """getReport for each pending request due a poll; import what is done."""
    due = polls_due(session, now, limit)
    for request, connection in due:
        outcome = _poll(session, request, connection, settings, now, client_for)
        with write_transaction(session):
            session.merge(outcome)
    return len(due)


def _poll(
    session: Session,
    request: AmazonReportRequest,
    connection: AmazonConnection,
    settings: Settings,
    now: datetime,
    client_for: ClientFactory,
) -> AmazonReportRequest:
    """The request as it stands after one poll (and the import, if Amazon is done)."""
    request.attempts += 1
    try:
        client = client_for(_account(connection, settings), settings)
        status = client.get_report(request.report_id)
        if status.processing_status == "DONE":
            document = client.download(status.report_document_id)
            imported = import_report(
                session,
                request.seller_id,
                document.stream,
                request.marketplace,
                request.covers_from,
                request.covers_to,
                settings,
                now,
                charset=document.charset,
                filename=f"amazon-report-{request.report_id}.tsv",
                origin="amazon",
            )
            return _finished(request, "imported", now, import_id=imported.id)
        if status.processing_status == "CANCELLED":
            imported = import_no_rows(
                session, request.seller_id, request.marketplace, request.covers_from, request.covers_to, settings, now
            )
            return _finished(request, "no_rows", now, import_id=imported.id)
        if status.processing_status == "FATAL":
            return _finished(request, "failed", now, error="Amazon could not produce the report (FATAL)")
    except (AmazonUnavailable, MalformedReport, credentials.CredentialsKeyMissing) as failure:
        return _finished(request, "failed", now, error=str(failure))
    if now - request.requested_at > timedelta(hours=settings.amazon_report_give_up_hours):
        hours = settings.amazon_report_give_up_hours
        return _finished(request, "abandoned", now, error=f"still {status.processing_status} after {hours:g} hours")
    pause = min(FIRST_POLL_SECONDS * 2 ** (request.attempts - 1), MAX_POLL_SECONDS)
    request.next_poll_at = now + timedelta(seconds=pause)
    return request


def _finished(
    request: AmazonReportRequest, status: str, now: datetime, *, import_id: str | None = None, error: str | None = None
) -> AmazonReportRequest:
    request.status, request.finished_at, request.next_poll_at = status, now, None
    request.import_id, request.error = import_id, error
    return request
