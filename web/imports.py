"""Importing a feedback report: upload it, then read the import's summary and its refused rows."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from pydantic import ValidationError

from api.auth import current_settings
from api.extensions import db
from api.schemas.cases import Marketplace
from api.schemas.imports import ImportQuery
from web.auth import seller_only
from web.blueprint import blueprint
from web.display import problem_of
from workflow.clock import utcnow
from workflow.errors import DomainError, InvalidInput
from workflow.intake import use_cases as intake

MARKETPLACES = Marketplace.__args__
RECENT = 20


def import_page(*, problem=None, status: int = 200):
    imports, _ = intake.list_imports(db.session(), current_user.account_id, limit=RECENT)
    return render_template(
        "import.html", imports=imports, marketplaces=MARKETPLACES, problem=problem, form=request.form
    ), status


@blueprint.get("/import")
@seller_only
def imports():
    return import_page()


@blueprint.post("/import")
@seller_only
def upload_report():
    form = request.form
    upload = request.files.get("file")
    try:
        query = ImportQuery.model_validate(
            {
                "marketplace": form.get("marketplace"),
                "covers_from": form.get("covers_from") or None,
                "covers_to": form.get("covers_to") or None,
            }
        )
        if upload is None or not upload.filename:
            raise InvalidInput([{"field": "file", "message": "choose the report file to import"}])
        feedback_import = intake.import_report(
            db.session(), current_user.account_id, upload.stream, query.marketplace, query.covers_from,
            query.covers_to, current_settings(), utcnow(),
            charset=upload.mimetype_params.get("charset"), filename=upload.filename,
        )  # fmt: skip
    except (DomainError, ValidationError) as error:
        problem = problem_of(error)
        return import_page(problem=problem, status=problem.status)
    return redirect(url_for("web.feedback_import", import_id=feedback_import.id))


@blueprint.get("/imports/<import_id>")
@seller_only
def feedback_import(import_id: str):
    found = intake.get_import(db.session(), current_user.account_id, import_id)
    return render_template("import_summary.html", found=found, rejected=found.rejections)
