"""The seller's and the shipper's pages, through a client that behaves like a browser."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta

from tests.helpers import case_body, days_ago, free_port
from workflow.clock import utcnow


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_inbox_lists_open_cases_by_next_deadline_with_what_each_waits_for(client, seller, seller_browser, open_case):
    open_case(order_id="111-0000000-0000001", published_at=days_ago(2).isoformat())
    open_case(order_id="111-0000000-0000002", published_at=days_ago(50).isoformat())
    # Past the buyer's window, with a ground: only Amazon can still remove it.
    open_case(order_id="111-0000000-0000003", published_at=days_ago(85).isoformat(), feedback_types=["product_review"])
    page = _text(seller_browser.get("/app/"))
    order = list(dict.fromkeys(re.findall(r"111-0000000-000000\d", page)))
    assert order == ["111-0000000-0000003", "111-0000000-0000002", "111-0000000-0000001"]
    assert "Amazon window closes in 4 days" in page
    assert "9 days left to ask the buyer" in page
    assert "57 days left to ask the buyer" in page


def test_inbox_filters_search_and_pages(seller, seller_browser, open_case):
    for i in range(55):
        open_case(order_id=f"222-0000000-{i:07d}", marketplace="DE" if i % 2 else "US")
    first = _text(seller_browser.get("/app/"))
    assert "55 open cases" in first and "Page 1 of 2" in first
    assert len(re.findall(r'name="case_id"', first)) == 50
    second = _text(seller_browser.get("/app/?page=2"))
    assert len(re.findall(r'name="case_id"', second)) == 5
    german = _text(seller_browser.get("/app/?marketplace=DE"))
    assert "27 open cases" in german
    found = _text(seller_browser.get("/app/?q=0000054"))
    assert "1 open case," in found and "222-0000000-0000054" in found
    assert "0 open cases" in _text(seller_browser.get("/app/?state=awaiting_removal"))
    assert "55 open cases" in _text(seller_browser.get("/app/?type=late_delivery"))
    assert "0 open cases" in _text(seller_browser.get("/app/?type=product_review"))
    assert "0 open cases" in _text(seller_browser.get("/app/?due=week&type=late_delivery"))


def test_due_this_week_keeps_only_cases_whose_next_deadline_is_within_7_days(seller_browser, open_case):
    open_case(order_id="333-0000000-0000001", published_at=days_ago(55).isoformat())
    open_case(order_id="333-0000000-0000002", published_at=days_ago(10).isoformat())
    page = _text(seller_browser.get("/app/?due=week"))
    assert "333-0000000-0000001" in page and "333-0000000-0000002" not in page


def test_several_cases_are_withdrawn_at_once(client, seller, seller_browser, open_case):
    ids = [open_case(order_id=f"444-0000000-000000{i}")["id"] for i in range(3)]
    seller_browser.get("/app/")
    done = seller_browser.post("/app/cases/close", {"resolution": "withdrawn", "case_id": ids[:2]})
    assert done.status_code == 302
    assert "2 cases withdrawn" in _text(seller_browser.get("/app/"))
    outcomes = [client.get(f"/v1/cases/{i}", headers=seller.headers).get_json()["outcome"] for i in ids]
    assert outcomes == ["withdrawn", "withdrawn", None]


def test_case_page_shows_allowed_events_and_refused_ones_with_the_guards_sentence(seller_browser, open_case):
    case = open_case(feedback_types=["product_review"])
    page = _text(seller_browser.get(f"/app/cases/{case['id']}"))
    assert "Contact the buyer…" in page
    refused = page.split('aria-describedby="why-request_amazon_removal"')[1][:600]
    assert "the customer can still be asked" in refused
    assert '<button type="button" disabled' in page


def test_a_refused_event_shows_its_reason_and_changes_nothing(client, seller, seller_browser, open_case):
    case = open_case(feedback_types=["late_delivery"])
    seller_browser.get(f"/app/cases/{case['id']}")
    refused = seller_browser.post(f"/app/cases/{case['id']}/events", {"event": "request_amazon_removal"})
    assert refused.status_code == 409
    assert "the case has no Amazon removal grounds" in _text(refused)
    assert client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()["version"] == case["version"]


def test_contact_preview_asks_for_action_taken_then_sends(client, seller, seller_browser, open_case):
    case = open_case(feedback_types=["late_delivery"])
    preview = _text(seller_browser.get(f"/app/cases/{case['id']}/contact"))
    assert "Passes every rule" in preview and "What you did about it" in preview and "required" in preview
    assert 'Subject:</strong> <span id="mail-subject">' in preview

    missing = seller_browser.post(f"/app/cases/{case['id']}/events", {"event": "contact_customer"})
    assert missing.status_code == 422
    assert 'id="action_taken-error"' in _text(missing)

    sent = seller_browser.post(
        f"/app/cases/{case['id']}/events",
        {
            "event": "contact_customer",
            "action_taken": "We sent a replacement by express delivery.",
            "expected_version": str(case["version"]),
        },
    )
    assert sent.status_code == 302
    after = client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()
    assert after["state"] == "contacting_customer" and after["outreach"]["status"] == "queued"


def test_a_preview_that_breaks_the_rules_is_shown_with_the_violation(seller_browser, open_case):
    case = open_case(feedback_types=["late_delivery"])
    page = _text(
        seller_browser.post(f"/app/cases/{case['id']}/contact", {"action_taken": "We will refund you in full."})
    )
    assert "It would not be sent" in page and "refund" in page


def test_correcting_a_case_shows_field_errors_and_saves_valid_changes(client, seller, seller_browser, open_case):
    case = open_case()
    seller_browser.get(f"/app/cases/{case['id']}")
    bad = seller_browser.post(
        f"/app/cases/{case['id']}/correct",
        {"form": "correct", "feedback_types": [], "buyer.email": "not-an-address"},
    )
    assert bad.status_code == 422
    assert 'id="buyer-email-error"' in _text(bad) and 'id="feedback_types-error"' in _text(bad)
    good = seller_browser.post(
        f"/app/cases/{case['id']}/correct",
        {
            "form": "correct",
            "feedback_types": ["product_review"],
            "asserted_grounds": ["obscene_language"],
            "buyer.email": "new@marketplace.amazon.com",
            "expected_version": str(case["version"]),
        },
    )
    assert good.status_code == 302
    after = client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()
    assert after["feedback_types"] == ["product_review"]
    assert after["asserted_grounds"] == ["obscene_language"]
    assert after["buyer"]["email"] == "new@marketplace.amazon.com"


def test_another_sellers_case_is_not_found(app, client, other_seller, seller_browser):
    other = client.post("/v1/cases", json=case_body(), headers=other_seller.headers).get_json()
    assert seller_browser.get(f"/app/cases/{other['id']}").status_code == 404
    assert seller_browser.get(f"/app/cases/{other['id']}/contact").status_code == 404
    seller_browser.get("/app/")
    refused = seller_browser.post("/app/cases/close", {"resolution": "withdrawn", "case_id": [other["id"]]})
    assert refused.status_code == 302
    assert client.get(f"/v1/cases/{other['id']}", headers=other_seller.headers).get_json()["outcome"] is None


def test_a_shipper_answers_and_the_seller_sees_the_penalty(
    client, seller, shipper, shipper_browser, seller_browser, open_case
):
    case = open_case(feedback_types=["damaged_item"])
    seller_browser.get(f"/app/cases/{case['id']}")
    assert seller_browser.post(f"/app/cases/{case['id']}/documentation", {"note": "Photos please"}).status_code == 302

    worklist = _text(shipper_browser.get("/app/shipper/"))
    request_id = re.search(r"/app/shipper/requests/(doc_\w+)", worklist).group(1)
    form = _text(shipper_browser.get(f"/app/shipper/requests/{request_id}"))
    assert 'name="item_condition"' in form and 'name="packaging_description"' in form
    assert 'name="tracking_number"' not in form

    missing = shipper_browser.post(
        f"/app/shipper/requests/{request_id}",
        {"decision": "provided", "fault": "fulfillment_center", "item_condition": "new"},
    )
    assert missing.status_code == 422 and 'id="evidence-packaging_description-error"' in _text(missing)

    answered = shipper_browser.post(
        f"/app/shipper/requests/{request_id}",
        {
            "decision": "provided",
            "fault": "fulfillment_center",
            "item_condition": "New, sealed",
            "packaging_description": "A thin mailer, no padding",
        },
    )
    assert answered.status_code == 302
    case_page = _text(seller_browser.get(f"/app/cases/{case['id']}"))
    assert "Penalty" in case_page and "fulfillment center" in case_page
    assert "Penalties by feedback type" in _text(seller_browser.get("/app/insights"))
    assert "Item damaged" in _text(shipper_browser.get("/app/shipper/scorecard"))


def test_shippers_and_sellers_only_reach_their_own_pages(shipper_browser, seller_browser):
    assert shipper_browser.get("/app/insights").status_code == 404
    assert seller_browser.get("/app/shipper/").status_code == 404
    assert shipper_browser.get("/app/").status_code == 302


RULE_BREAKING_SERVICE_PART = (
    "{% macro body() %}We are sorry. Use coupon SAVE10 on your next order.{% endmacro %}"
    "{% macro closing() %}Thank you.{% endmacro %}"
)


def test_a_template_that_breaks_a_rule_is_refused_with_the_reason(seller_browser):
    page = _text(seller_browser.get("/app/templates/service/en"))
    assert "Passes every messaging rule" in page
    refused = seller_browser.post("/app/templates/service/en", {"action": "save", "source": RULE_BREAKING_SERVICE_PART})
    assert refused.status_code == 422
    assert "offers or promises something" in _text(refused) and "coupon" in _text(refused)
    assert "built-in" in _text(seller_browser.get("/app/templates"))
    assert "edited" not in _text(seller_browser.get("/app/templates"))


def test_a_compliant_template_is_previewed_then_saved(seller_browser):
    seller_browser.get("/app/templates/subject/en")
    preview = seller_browser.post(
        "/app/templates/subject/en", {"action": "preview", "source": "About order {{ order_id }}"}
    )
    assert preview.status_code == 200 and "About order 111-2223334-4445556" in _text(preview)
    saved = seller_browser.post("/app/templates/subject/en", {"action": "save", "source": "About order {{ order_id }}"})
    assert saved.status_code == 302
    assert "edited" in _text(seller_browser.get("/app/templates"))


def test_insights_draw_charts_on_the_server(seller_browser, open_case):
    open_case(feedback_types=["late_delivery", "damaged_item"])
    page = _text(seller_browser.get("/app/insights"))
    assert page.count("<svg") >= 3 and "Late delivery" in page and '<script src="http' not in page


def test_times_show_in_the_persons_zone_with_utc_on_hover(seller_browser, open_case):
    open_case()
    seller_browser.get("/app/settings")
    assert seller_browser.post("/app/settings/time-zone", {"time_zone": "Asia/Tokyo"}).status_code == 302
    page = _text(seller_browser.get("/app/"))
    assert re.search(r'<time datetime="[^"]+" title="\d{4}-\d\d-\d\d \d\d:\d\d UTC">[^<]+JST</time>', page)
    refused = seller_browser.post("/app/settings/time-zone", {"time_zone": "Mars/Olympus"})
    assert refused.status_code == 422 and "not an IANA time zone" in _text(refused)


def test_suppressions_and_webhooks_are_managed_from_settings(seller_browser, client, seller):
    seller_browser.get("/app/settings/suppressions")
    assert seller_browser.post("/app/settings/suppressions", {"email": "x@example.com"}).status_code == 302
    assert "x@example.com" in _text(seller_browser.get("/app/settings/suppressions"))
    bad = seller_browser.post("/app/settings/suppressions", {"email": "nope"})
    assert bad.status_code == 422 and 'id="email-error"' in _text(bad)

    seller_browser.get("/app/settings/webhooks")
    created = seller_browser.post(
        "/app/settings/webhooks", {"url": "http://127.0.0.1:9999/hook", "events": ["case.created"]}
    )
    assert created.status_code == 201 and "whsec_" in _text(created)
    listed = client.get("/v1/webhooks", headers=seller.headers).get_json()["items"]
    assert [e["events"] for e in listed] == [["case.created"]]
    endpoint_page = _text(seller_browser.get(f"/app/settings/webhooks/{listed[0]['id']}"))
    assert "Nothing delivered" in endpoint_page


def test_a_refusal_on_a_page_is_a_sentence_never_a_trace(seller_browser):
    page = seller_browser.get("/app/cases/case_doesnotexist")
    assert page.status_code == 404 and "Traceback" not in _text(page) and "no case" in _text(page)


def test_an_unknown_page_is_a_page_saying_so(seller_browser):
    page = seller_browser.get("/app/no/such/page")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "There is no such page" in _text(page)


def test_the_delivery_log_shows_a_failed_attempt_and_redelivers_it(client, seller, seller_browser, open_case, worker):
    nobody = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens there
    endpoint = client.post("/v1/webhooks", json={"url": nobody, "events": ["case.created"]}, headers=seller.headers)
    endpoint_id = endpoint.get_json()["id"]
    open_case()
    worker.run_once(utcnow())

    log = _text(seller_browser.get(f"/app/settings/webhooks/{endpoint_id}"))
    assert "case.created" in log and "no answer" in log and "ConnectionError" in log
    delivery_id = re.search(r"/deliveries/(msg_\w+)/redeliver", log).group(1)
    deliveries = f"/v1/webhooks/{endpoint_id}/deliveries"
    [waiting] = client.get(deliveries, headers=seller.headers).get_json()["items"]
    assert datetime.fromisoformat(waiting["next_attempt_at"]) > utcnow()  # the retry waits its backoff
    redeliver = f"/app/settings/webhooks/{endpoint_id}/deliveries/{delivery_id}/redeliver"
    assert seller_browser.post(redeliver).status_code == 302
    [again] = client.get(deliveries, headers=seller.headers).get_json()["items"]
    assert again["status"] == "queued" and datetime.fromisoformat(again["next_attempt_at"]) <= utcnow()


def test_the_triage_evidence_is_highlighted_and_the_amazon_text_is_ready_to_copy(client, seller, seller_browser):
    body = case_body(comment="The jacket runs small and the zip is flimsy.", order_id="555-0000000-0000001")
    del body["feedback_types"]
    triaged = client.post("/v1/cases", json=body, headers=seller.headers).get_json()
    client.post("/v1/cases", json=case_body(order_id="555-0000000-0000002"), headers=seller.headers)

    page = _text(seller_browser.get(f"/app/cases/{triaged['id']}"))
    assert re.search(r'<mark title="Product review[^"]*">runs small</mark>', page)
    assert "The types below are the triage" in page
    removal = page.split('id="removal-text">')[1].split("</pre>")[0]
    assert "555-0000000-0000001" in removal and "runs small" in removal
    assert 'data-copy="#removal-text"' in page

    to_check = _text(seller_browser.get("/app/?typed=triage"))
    assert "555-0000000-0000001" in to_check and "555-0000000-0000002" not in to_check


def test_the_contact_page_says_why_the_buyer_cannot_be_contacted(seller_browser, open_case):
    case = open_case(buyer=None)
    page = _text(seller_browser.get(f"/app/cases/{case['id']}/contact"))
    assert "The buyer cannot be contacted now" in page and "has no buyer email address" in page
    assert re.search(r"<button type=\"submit\"\s+disabled\s*>Send to the buyer", page)


def test_a_report_is_imported_from_the_page_and_its_summary_shown(seller_browser):
    from tests.helpers import Row, order_id, report_bytes

    today = utcnow().date()
    rows = [
        Row(today - timedelta(days=5), 1, "Arrived two weeks late.", order_id(1)),
        Row(today - timedelta(days=4), 5, "Great, thanks!", order_id(2)),
    ]
    seller_browser.get("/app/import")
    done = seller_browser.post(
        "/app/import",
        {"marketplace": "US", "file": (io.BytesIO(report_bytes(rows, "US")), "feedback.txt")},
        content_type="multipart/form-data",
    )
    assert done.status_code == 302
    summary = _text(seller_browser.get(done.headers["Location"]))
    assert "feedback.txt" in summary and re.search(r"<b>1</b><span>new cases</span>", summary)
    assert order_id(1) in _text(seller_browser.get("/app/"))

    missing = seller_browser.post("/app/import", {"marketplace": "US"}, content_type="multipart/form-data")
    assert missing.status_code == 422 and 'id="file-error"' in _text(missing)
