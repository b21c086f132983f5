"""/v1/webhooks: endpoints that receive signed events (Standard Webhooks)."""

from __future__ import annotations

from flask import Response, g, url_for
from flask_openapi3 import Tag

from api.auth import authenticated_blueprint, current_settings
from api.extensions import db
from api.schemas.common import PROBLEM_RESPONSE, json_response
from api.schemas.webhooks import (
    AttemptOut,
    DeliveryList,
    DeliveryOut,
    DeliveryPath,
    SecretOut,
    WebhookCreated,
    WebhookIn,
    WebhookList,
    WebhookOut,
    WebhookPatch,
    WebhookPath,
)
from workflow.clock import utcnow
from workflow.models import WebhookEndpoint
from workflow.webhooks import endpoints

blueprint = authenticated_blueprint("webhooks", Tag(name="webhooks"))


def _out(endpoint: WebhookEndpoint, model: type[WebhookOut] = WebhookOut) -> WebhookOut:
    return model.model_validate(endpoint, from_attributes=True)


@blueprint.post("/webhooks", responses={201: WebhookCreated})
def create_webhook(body: WebhookIn):
    """Register an endpoint; the answer carries its signing secret, shown only this once."""
    endpoint = endpoints.create_endpoint(
        db.session(), g.seller_id, body.url, body.events, body.enabled, current_settings()
    )
    location = url_for("webhooks.get_webhook", webhook_id=endpoint.id)
    return json_response(_out(endpoint, WebhookCreated), 201, {"Location": location})


@blueprint.get("/webhooks", responses={200: WebhookList})
def list_webhooks():
    """List the seller's webhook endpoints."""
    return json_response(WebhookList(items=[_out(e) for e in endpoints.list_endpoints(db.session(), g.seller_id)]))


@blueprint.get("/webhooks/<webhook_id>", responses={200: WebhookOut, 404: PROBLEM_RESPONSE})
def get_webhook(path: WebhookPath):
    """Show one webhook endpoint."""
    return json_response(_out(endpoints.get_endpoint(db.session(), g.seller_id, path.webhook_id)))


@blueprint.patch("/webhooks/<webhook_id>", responses={200: WebhookOut, 404: PROBLEM_RESPONSE})
def patch_webhook(path: WebhookPath, body: WebhookPatch):
    """Change an endpoint's URL, event types or whether it is enabled."""
    endpoint = endpoints.update_endpoint(
        db.session(),
        g.seller_id,
        path.webhook_id,
        current_settings(),
        url=body.url,
        event_types=body.events,
        enabled=body.enabled,
    )
    return json_response(_out(endpoint))


@blueprint.delete("/webhooks/<webhook_id>", responses={204: None, 404: PROBLEM_RESPONSE})
def delete_webhook(path: WebhookPath):
    """Delete an endpoint: nothing more is sent to it."""
    endpoints.delete_endpoint(db.session(), g.seller_id, path.webhook_id)
    return Response(status=204)


@blueprint.post("/webhooks/<webhook_id>/rotate-secret", responses={200: SecretOut, 404: PROBLEM_RESPONSE})
def rotate_secret(path: WebhookPath):
    """Issue a new signing secret; until previous_secret_expires_at every delivery is signed with both."""
    endpoint = endpoints.rotate_secret(db.session(), g.seller_id, path.webhook_id, current_settings(), utcnow())
    return json_response(
        SecretOut(secret=endpoint.secret, previous_secret_expires_at=endpoint.previous_secret_expires_at)
    )


@blueprint.get("/webhooks/<webhook_id>/deliveries", responses={200: DeliveryList, 404: PROBLEM_RESPONSE})
def list_deliveries(path: WebhookPath):
    """List the latest 100 deliveries, newest first, each with its attempts (status, duration, error)."""
    pairs = endpoints.deliveries_of(db.session(), g.seller_id, path.webhook_id)
    return json_response(
        DeliveryList(
            items=[
                DeliveryOut(
                    id=d.id,
                    event_type=d.event_type,
                    status=d.status,
                    attempts=d.attempts,
                    next_attempt_at=d.next_attempt_at,
                    created_at=d.created_at,
                    delivered_at=d.delivered_at,
                    log=[AttemptOut.model_validate(a, from_attributes=True) for a in attempts],
                )  # fmt: skip
                for d, attempts in pairs
            ]
        )
    )


@blueprint.post(
    "/webhooks/<webhook_id>/deliveries/<delivery_id>/redeliver", responses={202: None, 404: PROBLEM_RESPONSE}
)
def redeliver(path: DeliveryPath):
    """Queue the delivery again (same webhook-id) for a new round of attempts."""
    endpoints.redeliver(db.session(), g.seller_id, path.webhook_id, path.delivery_id, utcnow())
    return Response(status=202)
