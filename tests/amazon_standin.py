"""A local stand-in for Amazon: the Login-with-Amazon token endpoint and the three Reports API
operations (2021-06-30) as Amazon's published models define them, plus the pre-signed document
URLs they hand out. Real HTTP on 127.0.0.1, in a thread.

Tests script each report: the processing statuses successive getReport calls see, and the
document (bytes, charset of its Content-Type, GZIP or not) it ends with."""

from __future__ import annotations

import gzip
import itertools
import json
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

REPORTS = "/reports/2021-06-30"


@dataclass
class ScriptedReport:
    statuses: list[str]
    document: bytes = b""
    charset: str = "UTF-8"
    compressed: bool = False


@dataclass
class Report:
    report_id: str
    marketplace_ids: list[str]
    data_start_time: str
    created_time: str
    script: ScriptedReport
    polls: int = 0
    document_id: str | None = None

    @property
    def status(self) -> str:
        return self.script.statuses[min(self.polls, len(self.script.statuses) - 1)]


@dataclass
class AmazonStandIn:
    client_id: str = "amzn1.application-oa2-client.standin"
    client_secret: str = "standin-client-secret"
    refresh_token: str = "Atzr|standin-refresh-token"
    # What the next createReport calls get, in order; a request beyond them stays IN_QUEUE.
    scripts: list[ScriptedReport] = field(default_factory=list)
    reports: dict[str, Report] = field(default_factory=dict)
    create_requests: list[dict] = field(default_factory=list)
    access_tokens: set[str] = field(default_factory=set)
    token_requests: int = 0
    _ids: itertools.count = field(default_factory=lambda: itertools.count(50_001))

    def __post_init__(self) -> None:
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def token_endpoint(self) -> str:
        return self.url + "/auth/o2/token"

    def start(self) -> AmazonStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        self.scripts.clear()
        self.reports.clear()
        self.create_requests.clear()
        self.access_tokens.clear()
        self.token_requests = 0

    def script(self, *statuses: str, document: bytes = b"", charset: str = "UTF-8", compressed: bool = False) -> None:
        self.scripts.append(ScriptedReport(list(statuses), document, charset, compressed))

    # --- HTTP --------------------------------------------------------------------------------

    def _app(self, environ, start_response):
        request = Request(environ)
        try:
            response = self._route(request)
        except Exception as error:  # the stand-in reports its own faults as Amazon's 500
            response = _errors(500, "InternalFailure", repr(error))
        return response(environ, start_response)

    def _route(self, request: Request) -> Response:
        path = request.path
        if path == "/auth/o2/token" and request.method == "POST":
            return self._token(request)
        if path.startswith("/documents/") and request.method == "GET":
            return self._document(path.removeprefix("/documents/"))
        if not path.startswith(REPORTS):
            return _errors(404, "NotFound", f"no resource {path}")
        if request.headers.get("x-amz-access-token") not in self.access_tokens:
            return _errors(403, "Unauthorized", "Access to requested resource is denied.")
        if path == REPORTS + "/reports" and request.method == "POST":
            return self._create_report(request)
        if path.startswith(REPORTS + "/reports/") and request.method == "GET":
            return self._get_report(path.rsplit("/", 1)[1])
        if path.startswith(REPORTS + "/documents/") and request.method == "GET":
            return self._get_report_document(path.rsplit("/", 1)[1])
        return _errors(404, "NotFound", f"no resource {request.method} {path}")

    def _token(self, request: Request) -> Response:
        """Login with Amazon: grant_type=refresh_token with the app's client id and secret."""
        self.token_requests += 1
        form = request.form
        if form.get("grant_type") != "refresh_token":
            return _json(400, {"error": "unsupported_grant_type", "error_description": "grant_type"})
        if (form.get("client_id"), form.get("client_secret")) != (self.client_id, self.client_secret):
            return _json(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
        if form.get("refresh_token") != self.refresh_token:
            return _json(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "The request has an invalid grant parameter : refresh_token",
                },
            )
        token = "Atza|" + secrets.token_urlsafe(24)
        self.access_tokens.add(token)
        return _json(
            200,
            {"access_token": token, "refresh_token": self.refresh_token, "token_type": "bearer", "expires_in": 3600},
        )

    def _create_report(self, request: Request) -> Response:
        body = request.get_json(silent=True) or {}
        self.create_requests.append(body)
        missing = [name for name in ("reportType", "marketplaceIds") if not body.get(name)]
        if missing:
            return _errors(400, "InvalidInput", f"missing {', '.join(missing)}")
        script = self.scripts.pop(0) if self.scripts else ScriptedReport(["IN_QUEUE"])
        report = Report(
            report_id=str(next(self._ids)),
            marketplace_ids=body["marketplaceIds"],
            data_start_time=body.get("dataStartTime") or _now(),
            created_time=_now(),
            script=script,
        )
        self.reports[report.report_id] = report
        return _json(202, {"reportId": report.report_id})

    def _get_report(self, report_id: str) -> Response:
        report = self.reports.get(report_id)
        if report is None:
            return _errors(404, "NotFound", f"Report {report_id} not found")
        status = report.status
        report.polls += 1
        body = {
            "reportId": report.report_id,
            "reportType": "GET_SELLER_FEEDBACK_DATA",
            "marketplaceIds": report.marketplace_ids,
            "dataStartTime": report.data_start_time,
            "createdTime": report.created_time,
            "processingStatus": status,
        }
        if status in ("IN_PROGRESS", "DONE", "CANCELLED", "FATAL"):
            body["processingStartTime"] = report.created_time
        if status in ("DONE", "CANCELLED", "FATAL"):
            body["processingEndTime"] = _now()
        if status == "DONE":
            report.document_id = report.document_id or f"amzn1.spdoc.1.4.eu.{report.report_id}.standin"
            body["reportDocumentId"] = report.document_id
        return _json(200, body)

    def _get_report_document(self, document_id: str) -> Response:
        report = next((r for r in self.reports.values() if r.document_id == document_id), None)
        if report is None:
            return _errors(404, "NotFound", f"Report document {document_id} not found")
        body = {"reportDocumentId": document_id, "url": f"{self.url}/documents/{document_id}?X-Amz-Signature=standin"}
        if report.script.compressed:
            body["compressionAlgorithm"] = "GZIP"
        return _json(200, body)

    def _document(self, document_id: str) -> Response:
        report = next((r for r in self.reports.values() if r.document_id == document_id), None)
        if report is None:
            return Response(b"<Error><Code>NoSuchKey</Code></Error>", 404, content_type="application/xml")
        data = gzip.compress(report.script.document) if report.script.compressed else report.script.document
        return Response(data, 200, content_type=f"text/plain;charset={report.script.charset}")


def _json(status: int, body: dict) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")


def _errors(status: int, code: str, message: str) -> Response:
    """The Selling Partner API's ErrorList."""
    return _json(status, {"errors": [{"code": code, "message": message, "details": ""}]})


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
