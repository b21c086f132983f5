"""In-process listeners: the example plug-in, loaded by path and through its entry point,
vetoes and writes in the transition's transaction; a failing listener rolls everything back."""

from __future__ import annotations

import dataclasses
import importlib
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from api.extensions import db
from tests.helpers import (
    assert_problem,
)
from workflow.plugins import ENTRY_POINT_GROUP, InstalledListener, load_listeners

PLUGIN_DIR = Path(__file__).resolve().parents[2] / "examples" / "listener-plugin"


@pytest.fixture
def plugin(monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))
    module = importlib.import_module("feedback_desk_hold")
    return module


@pytest.fixture
def with_listeners(app, monkeypatch, plugin):
    """Attach listeners to every machine of the app, and give the plug-in its own table."""
    with app.app_context():
        plugin.metadata.create_all(db.engine)

    def attach(*listeners: InstalledListener):
        settings = dataclasses.replace(app.config["SETTINGS"], listeners=listeners)
        monkeypatch.setitem(app.config, "SETTINGS", settings)

    yield attach
    with app.app_context():
        plugin.metadata.drop_all(db.engine)


def plugin_log(app, plugin) -> list[tuple]:
    with app.app_context():
        rows = db.session().execute(select(plugin.transition_log.c.event, plugin.transition_log.c.actor)).all()
        db.session.rollback()
    return [tuple(r) for r in rows]


def history(client, seller, case_id):
    return client.get(f"/v1/cases/{case_id}/history", headers=seller.headers).get_json()["items"]


def test_plugin_loaded_by_path_logs_in_the_same_transaction(app, client, seller, open_case, plugin, with_listeners):
    with_listeners(*load_listeners(["feedback_desk_hold:HoldListener"]))
    case = open_case(feedback_types=["product_review"], buyer=None)
    response = client.post(
        f"/v1/cases/{case['id']}/events", json={"event": "request_amazon_removal"}, headers=seller.headers
    )
    assert response.status_code == 200
    assert plugin_log(app, plugin) == [("request_amazon_removal", "seller")]


def test_veto_is_a_409_with_the_listeners_reason_and_writes_nothing(
    app, client, seller, open_case, plugin, with_listeners
):
    with_listeners(*load_listeners(["feedback_desk_hold:HoldListener"]))
    case = open_case(feedback_types=["product_review"], buyer=None)
    response = client.post(
        f"/v1/cases/{case['id']}/events",
        json={"event": "request_amazon_removal", "note": "#hold legal"},
        headers=seller.headers,
    )
    body = assert_problem(response, 409)
    assert body["detail"] == "order 114-3941689-8772232 is on hold: send the request without #hold in the note"
    assert history(client, seller, case["id"]) == []
    assert plugin_log(app, plugin) == []
    assert client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json() == case


class Exploding:
    def after_transition(self, event):
        raise RuntimeError("secret internals: db password is hunter2")


def test_a_failing_listener_rolls_back_everything_and_answers_a_bare_500(
    app, client, seller, open_case, plugin, with_listeners, caplog
):
    hold = load_listeners(["feedback_desk_hold:HoldListener"])[0]
    with_listeners(hold, InstalledListener("acme.exploding", Exploding()))
    case = open_case(feedback_types=["product_review"])
    with caplog.at_level(logging.ERROR):
        response = client.post(
            f"/v1/cases/{case['id']}/events", json={"event": "contact_customer"}, headers=seller.headers
        )
    body = assert_problem(response, 500)
    assert "hunter2" not in response.get_data(as_text=True) and "RuntimeError" not in body["detail"]
    assert "acme.exploding" in caplog.text
    assert history(client, seller, case["id"]) == []
    assert plugin_log(app, plugin) == []  # the plug-in's own row went with the transaction
    assert client.get(f"/v1/cases/{case['id']}/messages", headers=seller.headers).get_json()["items"] == []
    assert client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()["state"] == "new"


def test_installed_package_is_found_through_its_entry_point(tmp_path, monkeypatch, plugin):
    dist_info = tmp_path / "feedback_desk_hold-1.0.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: feedback-desk-hold\nVersion: 1.0.0\n")
    (dist_info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nhold = feedback_desk_hold:HoldListener\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    [installed] = [i for i in load_listeners([]) if i.name == "hold"]
    assert type(installed.listener).__name__ == "HoldListener"


def test_the_example_in_the_docs_is_the_plugin():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "listeners.md").read_text()
    source = (PLUGIN_DIR / "feedback_desk_hold" / "__init__.py").read_text()
    assert source.strip() in docs
