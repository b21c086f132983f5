"""The scheduled pull against the local Amazon stand-in: one report a day per connected
marketplace, polled with backoff, imported through the same use case as an upload."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from api.extensions import db
from tests.helpers import Row, order_id, report_bytes
from workflow.clock import utcnow
from workflow.intake.models import AmazonReportRequest

# Every test here runs the app against the stand-in.
pytestmark = pytest.mark.usefixtures("app_calls_amazon")


@pytest.fixture
def connect(client, seller, amazon):
    def _connect(region="eu", marketplaces=("DE",)) -> dict:
        body = {
            "region": region,
            "marketplaces": list(marketplaces),
            "client_id": amazon.client_id,
            "client_secret": amazon.client_secret,
            "refresh_token": amazon.refresh_token,
        }
        response = client.post("/v1/amazon-connections", json=body, headers=seller.headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return _connect


def run_until_idle(worker, start: datetime, hours: float = 6) -> datetime:
    """Worker passes every 10 minutes of clock until nothing is pending any more."""
    now = start
    while now <= start + timedelta(hours=hours):
        worker.run_once(now)
        with worker.app.app_context():
            pending = db.session.scalar(select(AmazonReportRequest.id).where(AmazonReportRequest.status == "pending"))
            db.session.rollback()
        if pending is None:
            return now
        now += timedelta(minutes=10)
    raise AssertionError("a report request stayed pending")


def requests_of(app) -> list[AmazonReportRequest]:
    with app.app_context():
        found = list(db.session.scalars(select(AmazonReportRequest).order_by(AmazonReportRequest.requested_at)))
        db.session.expunge_all()
        db.session.rollback()
        return found


def cases_of(client, seller) -> dict[str, dict]:
    return {c["order_id"]: c for c in client.get("/v1/cases", headers=seller.headers).get_json()["items"]}


def test_a_connected_marketplace_is_pulled_and_imported_with_its_period(app, client, seller, connect, amazon, worker):
    now = utcnow()
    day = now.date()
    document = report_bytes(
        [Row(day - timedelta(days=9), 1, "Karton zerdrückt, Inhalt beschädigt.", order_id(1))], "DE", encoding="cp1252"
    )
    amazon.script("IN_QUEUE", "IN_QUEUE", "IN_PROGRESS", "DONE", document=document, charset="Cp1252", compressed=True)
    connect()
    run_until_idle(worker, now)
    start = datetime.combine(day - timedelta(days=100), time(), tzinfo=UTC)
    assert amazon.create_requests == [
        {
            "reportType": "GET_SELLER_FEEDBACK_DATA",
            "marketplaceIds": ["A1PA6795UKMFR9"],
            "dataStartTime": start.isoformat(),
        }
    ]
    (request,) = requests_of(app)
    assert (request.status, request.attempts, request.error) == ("imported", 4, None)
    summary = client.get(f"/v1/feedback-imports/{request.import_id}", headers=seller.headers).get_json()
    assert (summary["origin"], summary["cases_opened"], summary["encoding"]) == ("amazon", 1, "cp1252")
    assert (summary["covers_from"], summary["covers_to"]) == ((day - timedelta(days=100)).isoformat(), day.isoformat())
    case = cases_of(client, seller)[order_id(1)]
    assert (case["source"], case["comment"]) == ("amazon_report", "Karton zerdrückt, Inhalt beschädigt.")
    (connection,) = client.get("/v1/amazon-connections", headers=seller.headers).get_json()["items"]
    (pull,) = connection["latest_pulls"]
    assert (pull["marketplace"], pull["status"], pull["feedback_import_id"]) == ("DE", "imported", request.import_id)


def test_polls_back_off(app, connect, amazon, worker):
    amazon.script(*["IN_QUEUE"] * 3, "DONE", document=report_bytes([], "DE"))
    connect()
    now = utcnow()
    worker.run_once(now)
    polled = []
    for minutes in range(0, 30):
        instant = now + timedelta(minutes=minutes)
        before = requests_of(app)[0].attempts
        worker.run_once(instant)
        if requests_of(app)[0].attempts > before:
            polled.append(minutes)
    # First poll a minute after the request, then 1, 2, 4 minutes apart.
    assert polled == [1, 2, 4, 8]


def test_one_request_per_marketplace_a_day_and_japan_in_cp932(app, client, seller, connect, amazon, worker):
    now = utcnow()
    document = report_bytes(
        [Row(now.date() - timedelta(days=3), 2, "梱包がひどいです。", order_id(5))], "JP", encoding="cp932"
    )
    amazon.script("DONE", document=document, charset="Shift_JIS", compressed=True)
    amazon.script("DONE", document=report_bytes([], "AU"))
    connect(region="fe", marketplaces=("JP", "AU"))
    later = run_until_idle(worker, now)
    assert [r["marketplaceIds"] for r in amazon.create_requests] == [["A1VC38T7YXB528"], ["A39IBJ37TRP1C6"]]
    assert cases_of(client, seller)[order_id(5)]["comment"] == "梱包がひどいです。"
    worker.run_once(later + timedelta(hours=12))
    assert len(amazon.create_requests) == 2  # not again the same day
    worker.run_once(now + timedelta(days=1, minutes=1))
    assert len(amazon.create_requests) == 4  # the next day, both again


def test_cancelled_means_no_rows_and_closes_what_disappeared(app, client, seller, open_case, connect, amazon, worker):
    gone = open_case(marketplace="DE", published_at=(utcnow() - timedelta(days=20)).isoformat())
    other = open_case(
        order_id="305-5555555-6666666", marketplace="FR", published_at=(utcnow() - timedelta(days=20)).isoformat()
    )
    amazon.script("IN_PROGRESS", "CANCELLED")
    connect()
    run_until_idle(worker, utcnow())
    (request,) = requests_of(app)
    assert request.status == "no_rows" and request.import_id
    cases = cases_of(client, seller)
    assert cases[gone["order_id"]]["outcome"] == "removed_by_customer"
    assert cases[other["order_id"]]["state"] == "new"


def test_fatal_is_given_up_and_the_next_day_tries_again(app, connect, amazon, worker):
    amazon.script("IN_PROGRESS", "FATAL")
    connect()
    now = utcnow()
    run_until_idle(worker, now)
    (request,) = requests_of(app)
    assert (request.status, request.error) == ("failed", "Amazon could not produce the report (FATAL)")
    assert request.import_id is None
    worker.run_once(now + timedelta(days=1, minutes=1))
    assert len(amazon.create_requests) == 2


def test_a_report_stuck_in_the_queue_is_abandoned_after_hours(app, connect, amazon, worker):
    amazon.script("IN_QUEUE")
    connect()
    now = utcnow()
    run_until_idle(worker, now, hours=8)
    (request,) = requests_of(app)
    assert request.status == "abandoned"
    assert request.error == "still IN_QUEUE after 4 hours"
    assert timedelta(hours=4) < request.finished_at - request.requested_at < timedelta(hours=5)


def test_a_revoked_authorisation_fails_the_request_with_amazons_reason(app, client, seller, amazon, worker):
    body = {
        "region": "eu",
        "marketplaces": ["DE"],
        "client_id": amazon.client_id,
        "client_secret": "wrong",
        "refresh_token": amazon.refresh_token,
    }
    assert client.post("/v1/amazon-connections", json=body, headers=seller.headers).status_code == 201
    worker.run_once(utcnow())
    (request,) = requests_of(app)
    assert request.status == "failed"
    assert "Login with Amazon failed" in request.error
    (connection,) = client.get("/v1/amazon-connections", headers=seller.headers).get_json()["items"]
    assert connection["latest_pulls"][0]["status"] == "failed"
    assert "Login with Amazon failed" in connection["latest_pulls"][0]["error"]


def test_the_dry_run_names_the_pull_and_the_triage_and_changes_nothing(app, client, seller, connect, amazon, worker):
    connect(marketplaces=("DE", "FR"))
    data = report_bytes([Row(utcnow().date() - timedelta(days=2), 1, "Karton zerdrückt.", order_id(1))], "DE")
    client.post(
        "/v1/feedback-imports",
        query_string={"marketplace": "DE"},
        data=data,
        headers={**seller.headers, "Content-Type": "text/tab-separated-values"},
    )
    lines = worker.describe_due(utcnow())
    assert sum(line.startswith("request the DE feedback report of seller") for line in lines) == 1
    assert sum(line.startswith("request the FR feedback report of seller") for line in lines) == 1
    assert any(line.startswith("triage the comment of case_") for line in lines)
    assert amazon.create_requests == [] and requests_of(app) == []
    assert cases_of(client, seller)[order_id(1)]["needs_classification"] is True
