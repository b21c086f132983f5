"""The Selling Partner API client against the local stand-in: token, createReport, getReport,
getReportDocument and the document download."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest

from tests.amazon_standin import AmazonStandIn
from tests.helpers import Row, order_id, report_bytes
from workflow.intake.amazon import AmazonAccount, AmazonUnavailable, ReportsClient
from workflow.intake.report import FeedbackReport, FeedbackRow


def client_for(standin: AmazonStandIn, **changes) -> ReportsClient:
    account = {
        "client_id": standin.client_id,
        "client_secret": standin.client_secret,
        "refresh_token": standin.refresh_token,
        "region": "fe",
    } | changes
    return ReportsClient(AmazonAccount(**account), api_endpoint=standin.url, token_endpoint=standin.token_endpoint)


def test_a_report_is_requested_polled_and_downloaded_gzip_in_cp932(amazon):
    document = report_bytes([Row(date(2026, 11, 13), 1, "梱包がひどいです。", order_id(1))], "JP", encoding="cp932")
    amazon.script("IN_QUEUE", "IN_PROGRESS", "DONE", document=document, charset="Cp932", compressed=True)
    client = client_for(amazon)
    start = datetime(2026, 8, 12, tzinfo=UTC)
    report_id = client.create_report("JP", start)
    assert amazon.create_requests == [
        {
            "reportType": "GET_SELLER_FEEDBACK_DATA",
            "marketplaceIds": ["A1VC38T7YXB528"],
            "dataStartTime": start.isoformat(),
        }
    ]
    statuses = [client.get_report(report_id) for _ in range(3)]
    assert [s.processing_status for s in statuses] == ["IN_QUEUE", "IN_PROGRESS", "DONE"]
    assert statuses[0].report_document_id is None and statuses[2].report_document_id
    downloaded = client.download(statuses[2].report_document_id)
    assert (downloaded.charset, downloaded.compression) == ("Cp932", "GZIP")
    rows = list(FeedbackReport(downloaded.stream, "JP", today=date(2026, 11, 20), charset=downloaded.charset))
    assert rows == [FeedbackRow(2, date(2026, 11, 13), 1, "梱包がひどいです。", order_id(1), None)]


@pytest.mark.parametrize("final", ["CANCELLED", "FATAL"])
def test_cancelled_and_fatal_reports_have_no_document(amazon, final):
    amazon.script("IN_QUEUE", final)
    client = client_for(amazon)
    report_id = client.create_report("DE", datetime(2026, 8, 12, tzinfo=UTC))
    client.get_report(report_id)
    assert client.get_report(report_id).processing_status == final
    assert client.get_report(report_id).report_document_id is None


def test_a_revoked_refresh_token_is_one_clear_error(amazon):
    with pytest.raises(AmazonUnavailable, match="Login with Amazon failed"):
        client_for(amazon, refresh_token="Atzr|revoked")


def test_an_unknown_report_is_a_clear_error(amazon):
    with pytest.raises(AmazonUnavailable, match=r"getReport failed \(404\).*not found"):
        client_for(amazon).get_report("999")


def test_the_document_stream_is_not_read_whole_up_front(amazon):
    amazon.script("DONE", document=b"x" * 10)
    client = client_for(amazon)
    status = client.get_report(client.create_report("US", datetime(2026, 8, 12, tzinfo=UTC)))
    assert isinstance(client.download(status.report_document_id).stream, io.IOBase)
