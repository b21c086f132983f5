"""In-process listeners: the example plug-in, loaded by path and through its entry point,
vetoes and writes in the transition's transaction; a failing listener rolls everything back."""

from __future__ import annotations

import dataclasses
import importlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from api.extensions import db
from tests.helpers import assert_problem, case_body, free_port
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


def test_a_plugin_installed_and_named_in_listeners_is_attached_once(tmp_path, monkeypatch, plugin):
    dist_info = tmp_path / "feedback_desk_hold-1.0.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: feedback-desk-hold\nVersion: 1.0.0\n")
    (dist_info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nhold = feedback_desk_hold:HoldListener\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    loaded = load_listeners(["feedback_desk_hold:HoldListener", "feedback_desk_hold:HoldListener"])
    assert [i.name for i in loaded if type(i.listener).__name__ == "HoldListener"] == ["hold"]


def _run(*command, env, **options) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, **options)
    assert result.returncode == 0, result.stderr
    return result


def _call(base: str, method: str, path: str, token: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@pytest.mark.slow
def test_the_example_plugin_works_as_documented(tmp_path):
    """pip install the example, `feedback-desk db upgrade`, run: transitions succeed and the
    plug-in's own table is written, once per transition although LISTENERS names it too."""
    source = shutil.copytree(PLUGIN_DIR, tmp_path / "listener-plugin")
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
    _run(*pip, "--target", str(site), str(source), env=os.environ)
    database = tmp_path / "plugin.db"
    env = {
        **os.environ, "PYTHONPATH": str(site), "DATABASE_URL": f"sqlite:///{database}",
        "LISTENERS": "feedback_desk_hold:HoldListener",
    }  # fmt: skip
    feedback_desk = str(Path(sys.executable).with_name("feedback-desk"))
    _run(feedback_desk, "db", "upgrade", env=env, cwd=tmp_path)
    token = _run(feedback_desk, "sellers", "create", "Acme Outdoor", env=env, cwd=tmp_path).stdout.split()[-1]

    port = free_port()
    server = subprocess.Popen(
        [feedback_desk, "run", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        # The server loads the triage's models before it listens: seconds on a busy machine.
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "the server did not answer within 90 s"
                time.sleep(0.05)
        status, case = _call(base, "POST", "/v1/cases", token, case_body(feedback_types=["product_review"], buyer=None))
        assert status == 201, case
        events = f"/v1/cases/{case['id']}/events"
        status, vetoed = _call(base, "POST", events, token, {"event": "request_amazon_removal", "note": "#hold"})
        assert status == 409 and vetoed["type"] == "/problems/vetoed"
        status, moved = _call(base, "POST", events, token, {"event": "request_amazon_removal"})
        assert status == 200 and moved["state"] == "amazon_removal_requested", moved
    finally:
        server.terminate()
        server.wait(timeout=30)
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT case_id, event, to_state, actor FROM hold_plugin_transition_log").fetchall()
    assert rows == [(case["id"], "request_amazon_removal", "amazon_removal_requested", "seller")]


def test_the_example_in_the_docs_is_the_plugin():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "listeners.md").read_text()
    for path in (
        "pyproject.toml",
        "feedback_desk_hold/__init__.py",
        "feedback_desk_hold/migrations/hold_0001_transition_log.py",
    ):
        assert (PLUGIN_DIR / path).read_text().strip() in docs, path
