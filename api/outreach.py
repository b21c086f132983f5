"""Removal-request emails: a case's messages and previews, template overrides, suppressions."""

from __future__ import annotations

from flask import Response, g, url_for
from flask_openapi3 import Tag

from api.auth import authenticated_blueprint
from api.extensions import db
from api.schemas.cases import CasePath
from api.schemas.common import PROBLEM_RESPONSE, json_response
from api.schemas.outreach import (
    MessageList,
    MessageOut,
    MessagePath,
    OverrideOut,
    PreviewIn,
    PreviewOut,
    SuppressionIn,
    SuppressionList,
    SuppressionOut,
    SuppressionPath,
    TemplateIn,
    TemplateList,
    TemplateOut,
    TemplatePath,
)
from workflow.clock import utcnow
from workflow.delivery import email as email_delivery
from workflow.outreach import use_cases
from workflow.outreach.compliance import LANGUAGES
from workflow.outreach.messages import TEMPLATE_NAMES

blueprint = authenticated_blueprint("outreach", Tag(name="outreach"))


@blueprint.get("/cases/<case_id>/messages", responses={200: MessageList, 404: PROBLEM_RESPONSE})
def list_messages(path: CasePath):
    """List every email of the case: queued, sending, sent, failed or blocked, with attempts and the last error."""
    messages = use_cases.messages_of(db.session(), g.seller_id, path.case_id)
    return json_response(MessageList(items=[MessageOut.model_validate(m, from_attributes=True) for m in messages]))


@blueprint.post(
    "/cases/<case_id>/messages/<message_id>/retry",
    responses={200: MessageOut, 404: PROBLEM_RESPONSE, 409: PROBLEM_RESPONSE},
)
def retry_message(path: MessagePath):
    """Queue a failed removal request again, to be sent at once.

    Accepted while the case is contacting the customer, the customer window is open and the
    buyer can be emailed; otherwise a 409 problem says which of these is not so."""
    message = email_delivery.retry(db.session(), g.seller_id, path.case_id, path.message_id, utcnow())
    return json_response(MessageOut.model_validate(message, from_attributes=True))


@blueprint.post("/cases/<case_id>/messages/preview", responses={200: PreviewOut, 404: PROBLEM_RESPONSE})
def preview_message(path: CasePath, body: PreviewIn):
    """Render the removal request contact_customer would send, without queueing it."""
    rendered = use_cases.preview(db.session(), g.seller_id, path.case_id, body.action_taken, body.language)
    return json_response(
        PreviewOut(
            language=rendered.language,
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            compliant=not rendered.violations,
            violations=[str(v) for v in rendered.violations],
        )
    )


@blueprint.get("/templates", responses={200: TemplateList})
def list_templates():
    """List the template names and languages, and which ones the seller has overridden."""
    overrides = use_cases.list_overrides(db.session(), g.seller_id)
    return json_response(
        TemplateList(
            names=list(TEMPLATE_NAMES),
            languages=list(LANGUAGES),
            overrides=[OverrideOut.model_validate(o, from_attributes=True) for o in overrides],
        )
    )


@blueprint.get("/templates/<name>/<language>", responses={200: TemplateOut, 404: PROBLEM_RESPONSE})
def get_template(path: TemplatePath):
    """Show the template in force for this seller: the seller's override or the built-in one."""
    source, overridden = use_cases.template_source(db.session(), g.seller_id, path.name, path.language)
    return json_response(TemplateOut(name=path.name, language=path.language, source=source, overridden=overridden))


@blueprint.put("/templates/<name>/<language>", responses={200: TemplateOut, 201: TemplateOut})
def put_template(path: TemplatePath, body: TemplateIn):
    """Override a template for this seller.

    It must compile in Jinja's sandbox and every sample message rendered with it must pass
    Amazon's messaging rules (422 otherwise)."""
    replaced = use_cases.save_override(db.session(), g.seller_id, path.name, path.language, body.source)
    return json_response(
        TemplateOut(name=path.name, language=path.language, source=body.source, overridden=True),
        200 if replaced else 201,
    )


@blueprint.delete("/templates/<name>/<language>", responses={204: None, 404: PROBLEM_RESPONSE})
def delete_template(path: TemplatePath):
    """Drop the seller's override, so that the built-in template applies again."""
    use_cases.delete_override(db.session(), g.seller_id, path.name, path.language)
    return Response(status=204)


@blueprint.get("/suppressions", responses={200: SuppressionList})
def list_suppressions():
    """List the addresses this seller never emails."""
    items = use_cases.list_suppressions(db.session(), g.seller_id)
    return json_response(SuppressionList(items=[SuppressionOut.model_validate(s, from_attributes=True) for s in items]))


@blueprint.post("/suppressions", responses={201: SuppressionOut})
def add_suppression(body: SuppressionIn):
    """Never email this address again (a bounce, a complaint, or the seller's choice)."""
    suppression = use_cases.suppress(db.session(), g.seller_id, body.email, body.reason, utcnow())
    location = url_for("outreach.delete_suppression", email=suppression.email)
    return json_response(SuppressionOut.model_validate(suppression, from_attributes=True), 201, {"Location": location})


# `path`: an address may contain "/" (and any other character its local part allows).
@blueprint.delete("/suppressions/<path:email>", responses={204: None, 404: PROBLEM_RESPONSE})
def delete_suppression(path: SuppressionPath):
    """Take an address off the suppression list."""
    use_cases.unsuppress(db.session(), g.seller_id, path.email)
    return Response(status=204)
