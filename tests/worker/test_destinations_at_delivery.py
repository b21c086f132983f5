"""A webhook URL stored before the destination rules (or written to the database by other
means) is checked again when the worker delivers: a spelling that the HTTP client would read
as the receiver on loopback never reaches it."""

from __future__ import annotations

from sqlalchemy import update

from api.extensions import db
from tests.helpers import deliveries
from worker.runner import Worker
from workflow.clock import utcnow
from workflow.models import WebhookEndpoint


def test_a_stored_backslash_url_is_refused_at_delivery(app, client, seller, open_case, endpoint, receiver):
    hook = endpoint()
    port = receiver.server.server_port
    with app.app_context():
        with db.session.begin():
            db.session.execute(
                update(WebhookEndpoint)
                .where(WebhookEndpoint.id == hook["id"])
                .values(url=f"http://127.0.0.1:{port}\\@hooks.example.net/hooks")
            )
        db.session.remove()
    open_case()
    Worker(app).run_once(utcnow())
    assert receiver.received == [] and receiver.rejected == []
    [delivery] = deliveries(client, seller, hook["id"])
    assert "backslash" in delivery["log"][0]["error"]
