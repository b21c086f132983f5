"""Policy, workflow description, OpenAPI document and docs page."""

from __future__ import annotations

import re
import subprocess
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from api.meta import workflow_description
from workflow.cases.machine import EVENTS, STATES, CaseMachine
from workflow.policy import FEEDBACK_TYPES

README = Path(__file__).resolve().parents[2] / "README.md"


def test_policy_serves_every_row_of_the_table(client):
    policy = client.get("/v1/policy").get_json()
    assert [t["code"] for t in policy["feedback_types"]] == [t.code for t in FEEDBACK_TYPES]
    assert {t["code"]: t["shipper_duty"] for t in policy["feedback_types"]} == {
        t.code: t.shipper_duty for t in FEEDBACK_TYPES
    }
    assert (policy["customer_removal_days"], policy["amazon_removal_days"]) == (60, 90)
    assert {g["code"] for g in policy["removal_grounds"]} == {
        "product_review_only",
        "obscene_language",
        "personal_information",
        "buy_shipping_on_time",
    }


def test_workflow_describes_the_machine_itself(client):
    workflow = client.get("/v1/workflow").get_json()
    assert workflow["states"] == list(STATES)
    assert set(workflow["events"]) | set(workflow["system_events"]) == set(EVENTS)
    assert workflow["mermaid"] == format(CaseMachine, "mermaid")
    from_new = {(t["event"], t["to_state"]) for t in workflow["transitions"] if t["from_state"] == "new"}
    assert ("contact_customer", "contacting_customer") in from_new
    assert ("customer_contacted", "awaiting_removal") not in from_new
    guarded = next(
        t for t in workflow["transitions"] if t["event"] == "request_amazon_removal" and t["from_state"] == "new"
    )
    assert guarded["guards"] == [
        "is_classified",
        "amazon_window_open",
        "has_removal_grounds",
        "customer_cannot_be_asked",
    ]


def test_readme_diagram_is_the_machines(client):
    block = re.search(r"```mermaid\n(.*?)```", README.read_text(), re.S)
    assert block, "README has no mermaid block"
    assert block.group(1).strip() == workflow_description().mermaid.strip()


def test_openapi_document_and_docs_page(client):
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    assert {"/v1/cases", "/v1/cases/{case_id}", "/v1/cases/{case_id}/events", "/v1/cases/{case_id}/history"} <= set(
        spec["paths"]
    )
    event_schema = spec["components"]["schemas"]["EventIn"]["properties"]["event"]
    assert "expire" not in str(event_schema) and "contact_customer" in str(event_schema)


# An operation's summary is one whole sentence: capital first, full stop last, a verb first.
SUMMARY = re.compile(r"[A-Z][a-z]+ [^\n]+[a-z0-9)]\.")


def test_every_operation_has_a_summary_that_is_a_whole_sentence(client):
    spec = client.get("/openapi.json").get_json()
    summaries = {
        f"{method.upper()} {path}": operation.get("summary") or ""
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    assert len(summaries) > 30
    assert {op: s for op, s in summaries.items() if not SUMMARY.fullmatch(s)} == {}
    assert all(s.split()[0] not in ("The", "A", "An", "Every", "This") for s in summaries.values())


@pytest.fixture
def served_app(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_docs_is_the_interactive_ui_in_a_real_browser(served_app):
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=15000", "--dump-dom",
         f"{served_app}/docs"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert 'class="swagger-ui' in dom
    assert "Open a case for one negative feedback." in dom and "/v1/cases/{case_id}/events" in dom


def test_unknown_route_is_a_problem(client):
    response = client.get("/v2/everything")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_wrong_method_is_a_problem(client, seller):
    response = client.delete("/v1/cases", headers=seller.headers)
    assert response.status_code == 405 and response.mimetype == "application/problem+json"
