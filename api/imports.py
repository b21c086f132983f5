"""/v1/feedback-imports and /v1/amazon-connections: feedback brought in from Amazon's report."""

from __future__ import annotations

from flask import Response, g, request, url_for
from flask_openapi3 import Tag

from api.auth import authenticated_blueprint, current_settings
from api.extensions import db
from api.problems import problem
from api.schemas.common import PROBLEM_RESPONSE, json_response
from api.schemas.imports import (
    AmazonConnectionIn,
    AmazonConnectionList,
    AmazonConnectionOut,
    AmazonConnectionPath,
    ImportList,
    ImportOut,
    ImportPath,
    ImportQuery,
    ImportSummary,
    PageQuery,
    PullOut,
    RejectedRowOut,
)
from workflow.clock import utcnow
from workflow.errors import InvalidInput
from workflow.intake import amazon_pull, use_cases
from workflow.intake.models import AmazonConnection, AmazonReportRequest, FeedbackImport

blueprint = authenticated_blueprint("imports", Tag(name="feedback imports"))

TSV = "text/tab-separated-values"
REPORT_BODY = {
    "description": "The report: the file itself as the body, or a multipart form with the file in a part named `file`.",
    "content": {
        TSV: {"schema": {"type": "string", "format": "binary"}},
        "text/plain": {"schema": {"type": "string", "format": "binary"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
    },
}


def _report_upload():
    """The uploaded report as (binary stream, file name, charset), or a problem response."""
    if request.mimetype in (TSV, "text/plain", "text/tsv"):
        return request.stream, None, request.mimetype_params.get("charset")
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise InvalidInput([{"field": "file", "message": "send the report in a form part named 'file'"}])
        return upload.stream, upload.filename, upload.mimetype_params.get("charset")
    return problem(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        f"send the report as the body with Content-Type: {TSV}, or as multipart/form-data with the file in a part "
        f"named 'file' (got {request.mimetype or 'no Content-Type'})",
    )


def _summary(feedback_import: FeedbackImport, model: type[ImportSummary] = ImportSummary, **extra) -> ImportSummary:
    return model.model_validate({**{k: getattr(feedback_import, k) for k in ImportSummary.model_fields}, **extra})


@blueprint.post(
    "/feedback-imports",
    responses={201: ImportOut, 415: PROBLEM_RESPONSE},
    openapi_extensions={"requestBody": REPORT_BODY},
)
def create_import(query: ImportQuery):
    """Import a seller feedback report file (GET_SELLER_FEEDBACK_DATA, as downloaded from Seller Central)."""
    upload = _report_upload()
    if isinstance(upload, Response):
        return upload
    stream, filename, charset = upload
    feedback_import = use_cases.import_report(
        db.session(),
        g.seller_id,
        stream,
        query.marketplace,
        query.covers_from,
        query.covers_to,
        current_settings(),
        utcnow(),
        charset=charset,
        filename=filename,
    )
    return json_response(
        _out(feedback_import), 201, {"Location": url_for("imports.get_import", import_id=feedback_import.id)}
    )


def _out(feedback_import: FeedbackImport) -> ImportOut:
    rejected = [RejectedRowOut(line=r.line, reason=r.reason) for r in feedback_import.rejections]
    return _summary(feedback_import, ImportOut, rejected=rejected)


@blueprint.get("/feedback-imports", responses={200: ImportList})
def list_imports(query: PageQuery):
    """List the seller's feedback imports, newest first."""
    found, next_cursor = use_cases.list_imports(db.session(), g.seller_id, limit=query.limit, after_id=query.cursor)
    return json_response(ImportList(items=[_summary(i) for i in found], next_cursor=next_cursor))


@blueprint.get("/feedback-imports/<import_id>", responses={200: ImportOut, 404: PROBLEM_RESPONSE})
def get_import(path: ImportPath):
    """Show one feedback import: its summary and its rejected rows."""
    return json_response(_out(use_cases.get_import(db.session(), g.seller_id, path.import_id)))


def _connection(connection: AmazonConnection, requests: list[AmazonReportRequest] = ()) -> AmazonConnectionOut:
    return AmazonConnectionOut(
        id=connection.id,
        region=connection.region,
        marketplaces=connection.marketplaces,
        client_id=connection.client_id,
        created_at=connection.created_at,
        latest_pulls=[
            PullOut(
                marketplace=r.marketplace,
                status=r.status,
                requested_at=r.requested_at,
                finished_at=r.finished_at,
                covers_from=r.covers_from,
                covers_to=r.covers_to,
                feedback_import_id=r.import_id,
                error=r.error,
            )
            for r in requests
        ],
    )


@blueprint.post(
    "/amazon-connections", responses={201: AmazonConnectionOut, 409: PROBLEM_RESPONSE, 503: PROBLEM_RESPONSE}
)
def create_connection(body: AmazonConnectionIn):
    """Connect an Amazon seller account: the worker then pulls its feedback report daily."""
    connection = amazon_pull.connect(
        db.session(), g.seller_id, **body.model_dump(), settings=current_settings(), now=utcnow()
    )
    return json_response(_connection(connection), 201)


@blueprint.get("/amazon-connections", responses={200: AmazonConnectionList})
def list_connections():
    """List the seller's Amazon connections and how each marketplace's latest pull went (secrets are never shown)."""
    return json_response(
        AmazonConnectionList(
            items=[_connection(c, requests) for c, requests in amazon_pull.list_connections(db.session(), g.seller_id)]
        )
    )


@blueprint.delete("/amazon-connections/<connection_id>", responses={204: None, 404: PROBLEM_RESPONSE})
def delete_connection(path: AmazonConnectionPath):
    """Disconnect an Amazon account: its daily pull stops and its stored credentials are deleted."""
    amazon_pull.disconnect(db.session(), g.seller_id, path.connection_id)
    return Response(status=204)
