"""Email templates: one page per template and language, previewed and checked before saving."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from api.extensions import db
from web.auth import seller_only
from web.blueprint import blueprint
from web.display import problem_of
from workflow.errors import DomainError, NotFound
from workflow.outreach import use_cases as outreach
from workflow.outreach.compliance import LANGUAGES
from workflow.outreach.messages import TEMPLATE_NAMES


def _check_names(name: str, language: str) -> None:
    if name not in TEMPLATE_NAMES or language not in LANGUAGES:
        raise NotFound(f"no template {name!r} in {language!r}")


@blueprint.get("/templates")
@seller_only
def templates():
    overrides = {(o.name, o.language): o for o in outreach.list_overrides(db.session(), current_user.account_id)}
    return render_template("templates.html", names=TEMPLATE_NAMES, languages=LANGUAGES, overrides=overrides)


def editor_page(
    name: str, language: str, source: str | None = None, *, problem=None, status: int = 200, fragment=False
):
    _check_names(name, language)
    session = db.session()
    saved, overridden = outreach.template_source(session, current_user.account_id, name, language)
    source = saved if source is None else source
    preview = None
    try:
        preview = outreach.preview_template(session, current_user.account_id, name, language, source)
    except DomainError as error:
        problem = problem or problem_of(error)
    page = "template_preview.html" if fragment else "template_edit.html"
    return render_template(
        page, name=name, language=language, source=source, overridden=overridden, preview=preview, problem=problem
    ), status


@blueprint.get("/templates/<name>/<language>")
@seller_only
def edit_template(name: str, language: str):
    return editor_page(name, language)


@blueprint.post("/templates/<name>/<language>")
@seller_only
def save_template(name: str, language: str):
    source = request.form.get("source", "").replace("\r\n", "\n")
    if request.form.get("action") == "preview":
        # The live preview asks for the preview alone; without JavaScript the whole page comes back.
        return editor_page(name, language, source, fragment=request.headers.get("X-Preview") == "1")
    try:
        _check_names(name, language)
        outreach.save_override(db.session(), current_user.account_id, name, language, source)
    except DomainError as error:
        return editor_page(name, language, source, problem=problem_of(error), status=error.status)
    flash(f"Your {name} template in {language} is saved and used from now on.")
    return redirect(url_for("web.edit_template", name=name, language=language))


@blueprint.post("/templates/<name>/<language>/reset")
@seller_only
def reset_template(name: str, language: str):
    outreach.delete_override(db.session(), current_user.account_id, name, language)
    flash(f"The built-in {name} template in {language} applies again.")
    return redirect(url_for("web.edit_template", name=name, language=language))
