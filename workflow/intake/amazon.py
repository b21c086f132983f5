"""The Selling Partner API as this product uses it: request the seller feedback report for one
marketplace, poll it, and download its document.

Built on Amazon's own client (amzn-sp-api), whose constructor takes both the Login-with-Amazon
token endpoint and the API endpoint, so tests point both at a local stand-in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from typing import BinaryIO

import requests

REPORT_TYPE = "GET_SELLER_FEEDBACK_DATA"
TOKEN_ENDPOINT = "https://api.amazon.com/auth/o2/token"
REGION_ENDPOINTS = {
    "na": "https://sellingpartnerapi-na.amazon.com",
    "eu": "https://sellingpartnerapi-eu.amazon.com",
    "fe": "https://sellingpartnerapi-fe.amazon.com",
}
# Amazon's marketplace ids, by the country codes the product uses, and the region serving each.
MARKETPLACE_IDS = {
    "US": "ATVPDKIKX0DER", "CA": "A2EUQ1WTGCTBG2", "MX": "A1AM78C64UM0Y8", "BR": "A2Q3Y263D00KWC",
    "UK": "A1F83G8C2ARO7P", "IE": "A28R8C7NBKEWEA", "DE": "A1PA6795UKMFR9", "FR": "A13V1IB3VIYZZH",
    "IT": "APJ6JRA9NG5V4", "ES": "A1RKKUPIHCS9HS", "NL": "A1805IZSGTT6HS", "BE": "AMEN7PMS3EDWL",
    "SE": "A2NODRKZP88ZB9", "PL": "A1C3SOZRARQ6R3", "TR": "A33AVAJ2PDY3EV", "AE": "A2VIGQ35RCS4UG",
    "SA": "A17E79C6D8DWNP", "EG": "ARBP9OOSHTCHU", "IN": "A21TJRUUN4KGV", "JP": "A1VC38T7YXB528",
    "AU": "A39IBJ37TRP1C6", "SG": "A19VAU5U5O7RUS",
}  # fmt: skip
REGION_MARKETPLACES = {
    "na": ("US", "CA", "MX", "BR"),
    "eu": ("UK", "IE", "DE", "FR", "IT", "ES", "NL", "BE", "SE", "PL", "TR", "AE", "SA", "EG", "IN"),
    "fe": ("JP", "AU", "SG"),
}
PROCESSING_STATUSES = ("IN_QUEUE", "IN_PROGRESS", "DONE", "CANCELLED", "FATAL")
DOWNLOAD_TIMEOUT_SECONDS = 60


class AmazonUnavailable(Exception):
    """Amazon (or the network to it) refused or failed a call; the message says which and why."""


@dataclass(frozen=True)
class AmazonAccount:
    client_id: str
    client_secret: str
    refresh_token: str
    region: str


@dataclass(frozen=True)
class ReportStatus:
    processing_status: str
    report_document_id: str | None


@dataclass(frozen=True)
class Document:
    stream: BinaryIO
    charset: str | None
    compression: str | None


class ReportsClient:
    def __init__(self, account: AmazonAccount, *, api_endpoint: str = "", token_endpoint: str = "") -> None:
        # Imported here: the SDK configures logging when imported, which only the worker needs.
        from spapi.api.reports_v2021_06_30.reports_api import ReportsApi
        from spapi.auth.credentials import SPAPIConfig
        from spapi.auth.lwa_exception import LwaException
        from spapi.client import SPAPIClient
        from spapi.rest import ApiException

        self._errors = (ApiException, LwaException, OSError)
        config = SPAPIConfig(
            client_id=account.client_id,
            client_secret=account.client_secret,
            refresh_token=account.refresh_token,
            region=account.region.upper(),
        )
        with self._translated("Login with Amazon"):
            client = SPAPIClient(
                config,
                oauth_endpoint=token_endpoint or TOKEN_ENDPOINT,
                endpoint=api_endpoint or REGION_ENDPOINTS[account.region],
            )
        self._api = ReportsApi(client.api_client)

    @contextmanager
    def _translated(self, what: str) -> Iterator[None]:
        """The SDK's errors as one AmazonUnavailable that says which call failed and why."""
        try:
            yield
        except self._errors as error:
            detail = getattr(error, "body", None) or getattr(error, "error_message", None) or error
            status = getattr(error, "status", None)
            raise AmazonUnavailable(f"{what} failed{f' ({status})' if status else ''}: {detail!s:.300}") from error

    def create_report(self, marketplace: str, data_start_time: datetime) -> str:
        """Request the feedback report of one marketplace from `data_start_time` on (no end time:
        Amazon has been seen to cancel requests that give one)."""
        from spapi.models.reports_v2021_06_30 import CreateReportSpecification

        body = CreateReportSpecification(
            report_type=REPORT_TYPE, marketplace_ids=[MARKETPLACE_IDS[marketplace]], data_start_time=data_start_time
        )
        with self._translated("createReport"):
            return self._api.create_report(body).report_id

    def get_report(self, report_id: str) -> ReportStatus:
        with self._translated("getReport"):
            report = self._api.get_report(report_id)
        return ReportStatus(report.processing_status, report.report_document_id)

    def download(self, report_document_id: str) -> Document:
        """The report document: its pre-signed URL fetched as a stream, with the charset of its
        Content-Type and the compression getReportDocument declares."""
        with self._translated("getReportDocument"):
            document = self._api.get_report_document(report_document_id)
        try:
            response = requests.get(document.url, stream=True, timeout=DOWNLOAD_TIMEOUT_SECONDS)
            response.raise_for_status()
        except requests.RequestException as error:
            raise AmazonUnavailable(f"downloading report document {report_document_id} failed: {error}") from error
        response.raw.decode_content = True  # a transfer encoding, not the document's own GZIP
        return Document(
            response.raw, _charset(response.headers.get("Content-Type", "")), document.compression_algorithm
        )


def _charset(content_type: str) -> str | None:
    message = Message()
    message["Content-Type"] = content_type
    return message.get_param("charset")
