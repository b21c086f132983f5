"""POST/GET /v1/feedback-imports: every negative row a case once, updates recorded, raised
ratings and disappearance closing cases, malformed files changing nothing."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select

from api.extensions import db
from tests.helpers import Row, days_ago, order_id, report_bytes
from workflow.clock import utcnow
from workflow.insights import insights
from workflow.intake import use_cases
from workflow.intake.models import FeedbackImport
from workflow.models import Case

TSV = "text/tab-separated-values"


def today() -> date:
    return utcnow().date()


def ago(days: int) -> date:
    return today() - timedelta(days=days)


def german_rows() -> list[Row]:
    return [
        Row(ago(20), 1, "Paket kam zerdrückt an, Ware beschädigt.", order_id(1), "ab12@marketplace.amazon.de"),
        Row(ago(15), 2, "Lieferung zu spät.", order_id(2)),
        Row(ago(10), 3, "Geht so.", order_id(3)),
    ]


def upload(client, seller, data: bytes, marketplace="DE", content_type=TSV, **period):
    query = {"marketplace": marketplace, **{k: v.isoformat() for k, v in period.items()}}
    return client.post(
        "/v1/feedback-imports", query_string=query, data=data, headers={**seller.headers, "Content-Type": content_type}
    )


def cases_of(client, seller) -> dict[str, dict]:
    items = client.get("/v1/cases", headers=seller.headers).get_json()["items"]
    return {case["order_id"]: case for case in items}


def test_a_report_opens_one_case_per_negative_row(client, seller):
    response = upload(client, seller, report_bytes(german_rows(), "DE", encoding="cp1252"))
    assert response.status_code == 201, response.get_json()
    summary = response.get_json()
    assert response.headers["Location"] == f"/v1/feedback-imports/{summary['id']}"
    assert {k: summary[k] for k in ("rows_read", "negative_rows", "neutral_rows", "cases_opened", "cases_known")} == {
        "rows_read": 3, "negative_rows": 2, "neutral_rows": 1, "cases_opened": 2, "cases_known": 0,
    }  # fmt: skip
    assert (summary["encoding"], summary["layout_columns"], summary["rejected"]) == ("cp1252", 6, [])
    cases = cases_of(client, seller)
    assert set(cases) == {order_id(1), order_id(2)}
    first = cases[order_id(1)]
    assert first["source"] == "amazon_report" and first["feedback_import_id"] == summary["id"]
    assert first["comment"] == "Paket kam zerdrückt an, Ware beschädigt."
    assert first["published_at"].startswith(ago(20).isoformat())
    assert first["marketplace"] == "DE"
    assert first["buyer"]["email"] == "ab12@marketplace.amazon.de" and first["buyer"]["language"] == "de"
    assert cases[order_id(2)]["buyer"]["email"] is None
    # No triage yet: the seller classifies imported cases before anything goes out.
    assert first["feedback_types"] == [] and first["needs_classification"] is True


def test_the_same_report_twice_changes_nothing(client, seller):
    data = report_bytes(german_rows(), "DE")
    upload(client, seller, data)
    before = cases_of(client, seller)
    again = upload(client, seller, data).get_json()
    assert (again["cases_opened"], again["cases_known"], again["cases_updated"]) == (0, 2, 0)
    assert cases_of(client, seller) == before


def test_a_changed_feedback_updates_its_open_case_and_its_history(client, seller):
    upload(client, seller, report_bytes(german_rows(), "DE"))
    changed = german_rows()
    changed[0].comment, changed[0].rating = "Händler hat sich gemeldet, trotzdem ärgerlich.", 2
    summary = upload(client, seller, report_bytes(changed, "DE")).get_json()
    assert (summary["cases_updated"], summary["cases_known"], summary["cases_opened"]) == (1, 1, 0)
    case = cases_of(client, seller)[order_id(1)]
    assert (case["rating"], case["comment"]) == (2, "Händler hat sich gemeldet, trotzdem ärgerlich.")
    history = client.get(f"/v1/cases/{case['id']}/history", headers=seller.headers).get_json()["items"]
    assert [(h["event"], h["from_state"], h["to_state"], h["actor"]) for h in history] == [
        ("feedback_changed", "new", "new", f"import:{summary['id']}")
    ]
    assert "rating 1 → 2 stars" in history[0]["note"] and "Paket kam zerdrückt an" in history[0]["note"]


def test_a_raised_rating_closes_the_case(client, seller):
    upload(client, seller, report_bytes(german_rows(), "DE"))
    raised = german_rows()
    raised[1].rating = 3
    summary = upload(client, seller, report_bytes(raised, "DE")).get_json()
    assert summary["cases_closed_by_rating"] == 1
    case = cases_of(client, seller)[order_id(2)]
    assert (case["state"], case["outcome"]) == ("closed", "removed_by_customer")
    history = client.get(f"/v1/cases/{case['id']}/history", headers=seller.headers).get_json()["items"]
    assert history[-1]["event"] == "customer_removed_feedback"
    assert "the buyer raised the rating to 3 stars" in history[-1]["note"]


def test_feedback_missing_from_a_report_with_a_period_was_removed(client, seller, open_case):
    upload(client, seller, report_bytes(german_rows(), "DE"))
    cases = cases_of(client, seller)
    # A case with a removal request at Amazon, typed in by hand, also in the period.
    at_amazon = open_case(
        order_id="305-1111111-2222222", marketplace="DE", published_at=days_ago(12).isoformat(),
        feedback_types=["product_review"], buyer=None, comment="Das Produkt ist schlecht.",
    )  # fmt: skip
    moved = client.post(
        f"/v1/cases/{at_amazon['id']}/events", json={"event": "request_amazon_removal"}, headers=seller.headers
    )
    assert moved.status_code == 200, moved.get_json()
    outside = open_case(order_id="305-3333333-4444444", marketplace="DE", published_at=days_ago(60).isoformat())
    elsewhere = open_case(order_id="305-5555555-6666666", marketplace="FR", published_at=days_ago(12).isoformat())

    without_period = upload(client, seller, report_bytes(german_rows()[1:], "DE")).get_json()
    assert without_period["cases_closed_by_disappearance"] == 0
    assert cases_of(client, seller)[order_id(1)]["state"] == "new"

    summary = upload(client, seller, report_bytes(german_rows()[1:], "DE"), covers_from=ago(30), covers_to=today())
    summary = summary.get_json()
    assert summary["cases_closed_by_disappearance"] == 2
    after = cases_of(client, seller)
    assert (after[order_id(1)]["state"], after[order_id(1)]["outcome"]) == ("closed", "removed_by_customer")
    assert after[at_amazon["order_id"]]["outcome"] == "removed_by_amazon"
    assert after[order_id(2)]["state"] == "new"  # still in the file
    assert after[outside["order_id"]]["state"] == "new"  # published before the period
    assert after[elsewhere["order_id"]]["state"] == "new"  # another marketplace
    history = client.get(f"/v1/cases/{cases[order_id(1)]['id']}/history", headers=seller.headers).get_json()
    last = history["items"][-1]
    assert last["actor"] == f"import:{summary['id']}"
    assert last["note"] == (
        f"the feedback is no longer in the DE report for {ago(30).isoformat()} to {today().isoformat()}: "
        "the buyer removed it"
    )


def test_a_malformed_file_is_refused_and_nothing_is_written(app, client, seller, open_case):
    existing = open_case(marketplace="DE", published_at=days_ago(5).isoformat())
    response = upload(
        client, seller, b"Datum;Bewertung;Kommentar\n1.11.26;1;schlecht\n", covers_from=ago(30), covers_to=today()
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert response.mimetype == "application/problem+json"
    assert problem["type"] == "/problems/malformed-report"
    assert "line 1 has 1 tab-separated columns (is it comma-separated?" in problem["detail"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FeedbackImport)) == 0
    assert cases_of(client, seller)[existing["order_id"]]["state"] == "new"


def test_bad_rows_are_listed_with_line_and_reason(client, seller):
    data = report_bytes(german_rows(), "DE") + "\t".join(["31/12/26", "1", "x", "", order_id(7), ""]).encode() + b"\n"
    summary = upload(client, seller, data).get_json()
    assert summary["rejected_rows"] == 1
    assert summary["rejected"] == [{"line": 5, "reason": "date '31/12/26' is not written D.M.YY (the DE format)"}]
    assert summary["cases_opened"] == 2


def test_an_import_brings_its_rejected_rows_and_shows_them_in_one_transaction(app, client, seller, session):
    bad = [["31/12/26", "1", "x", "", order_id(7), ""], ["1.1.26", "9", "x", "", order_id(8), ""]]
    data = report_bytes(german_rows(), "DE") + b"".join("\t".join(row).encode() + b"\n" for row in bad)
    transactions = []
    event.listen(session, "after_begin", lambda *_: transactions.append(1))
    settings = app.config["SETTINGS"]

    done = use_cases.import_report(session, seller.id, io.BytesIO(data), "DE", None, None, settings, utcnow())
    imported_in = len(transactions)
    expected = [
        (5, "date '31/12/26' is not written D.M.YY (the DE format)"),
        (6, "rating '9' is not a number of stars from 1 to 5"),
    ]
    assert [(r.line, r.reason) for r in done.rejections] == expected
    session.expunge_all()  # shown as a later request would: read afresh
    shown = use_cases.get_import(session, seller.id, done.id)
    assert [(r.line, r.reason) for r in shown.rejections] == expected
    assert (shown.status, shown.rejected_rows) == ("completed", 2)
    assert len(transactions) == imported_in + 1
    answer = client.get(f"/v1/feedback-imports/{done.id}", headers=seller.headers).get_json()
    assert [(r["line"], r["reason"]) for r in answer["rejected"]] == expected


def test_multipart_upload_and_the_period_in_the_summary(client, seller):
    data = report_bytes(german_rows(), "UK", layout=9)
    response = client.post(
        "/v1/feedback-imports",
        query_string={"marketplace": "UK", "covers_from": ago(30).isoformat(), "covers_to": today().isoformat()},
        data={"file": (io.BytesIO(data), "Feedback.txt")},
        headers=seller.headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.get_json()
    summary = response.get_json()
    assert (summary["filename"], summary["layout_columns"], summary["cases_opened"]) == ("Feedback.txt", 9, 2)
    assert (summary["covers_from"], summary["covers_to"]) == (ago(30).isoformat(), today().isoformat())


@pytest.mark.parametrize(
    ("query", "content_type", "status", "field"),
    [
        ({}, TSV, 422, "marketplace"),
        ({"marketplace": "XX"}, TSV, 422, "marketplace"),
        ({"marketplace": "DE", "covers_from": "2026-13-01"}, TSV, 422, "covers_from"),
        ({"marketplace": "DE"}, "application/json", 415, None),
    ],
)
def test_requests_it_cannot_take_get_problem_bodies(client, seller, query, content_type, status, field):
    response = client.post(
        "/v1/feedback-imports", query_string=query, data=b"x", headers={**seller.headers, "Content-Type": content_type}
    )
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    if field:
        assert field in response.get_json()["detail"]


def test_a_period_ending_in_the_future_or_half_given_is_refused(client, seller):
    future = upload(
        client, seller, report_bytes(german_rows(), "DE"), covers_from=ago(3), covers_to=today() + timedelta(days=2)
    )
    assert future.status_code == 422 and "covers_to: is in the future" in future.get_json()["detail"]
    half = upload(client, seller, report_bytes(german_rows(), "DE"), covers_from=ago(3))
    assert half.status_code == 422 and "covers_to: give both ends" in half.get_json()["detail"]


def test_an_unclassified_case_cannot_go_out_until_it_has_a_type(client, seller):
    upload(client, seller, report_bytes(german_rows(), "DE"))
    case = cases_of(client, seller)[order_id(1)]
    assert "contact_customer" not in case["allowed_events"]
    refused = client.post(f"/v1/cases/{case['id']}/events", json={"event": "contact_customer"}, headers=seller.headers)
    assert refused.status_code == 409
    assert "the case has no feedback type yet" in refused.get_json()["detail"]
    assert "set feedback_types with PATCH first" in refused.get_json()["detail"]
    amazon = client.post(
        f"/v1/cases/{case['id']}/events", json={"event": "request_amazon_removal"}, headers=seller.headers
    )
    assert "the case has no feedback type yet" in amazon.get_json()["detail"]
    patched = client.patch(
        f"/v1/cases/{case['id']}", json={"feedback_types": ["poor_packaging"]}, headers=seller.headers
    )
    assert patched.get_json()["needs_classification"] is False
    assert "contact_customer" in patched.get_json()["allowed_events"]


def test_manual_cases_say_where_they_came_from(open_case):
    case = open_case()
    assert (case["source"], case["feedback_import_id"], case["needs_classification"]) == ("manual", None, False)


def test_imports_are_the_sellers_own(client, seller, other_seller):
    mine = upload(client, seller, report_bytes(german_rows(), "DE")).get_json()
    assert client.get(f"/v1/feedback-imports/{mine['id']}", headers=other_seller.headers).status_code == 404
    assert client.get("/v1/feedback-imports", headers=other_seller.headers).get_json()["items"] == []
    listed = client.get("/v1/feedback-imports", headers=seller.headers).get_json()
    assert [i["id"] for i in listed["items"]] == [mine["id"]] and "rejected" not in listed["items"][0]
    # The other seller's import of the same orders opens cases of its own.
    theirs = upload(client, other_seller, report_bytes(german_rows(), "DE")).get_json()
    assert theirs["cases_opened"] == 2


def test_an_import_is_scoped_to_its_seller_for_disappearance(app, client, seller, other_seller):
    upload(client, other_seller, report_bytes(german_rows(), "DE"))
    upload(client, seller, report_bytes([], "DE"), covers_from=ago(30), covers_to=today())
    assert {c["state"] for c in cases_of(client, other_seller).values()} == {"new"}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case).where(Case.outcome.is_not(None))) == 0


def test_the_worker_triages_imported_comments(client, seller, worker):
    rows = german_rows()
    rows[2] = Row(ago(8), 1, "Hmm.", order_id(3))  # nothing to recognise in it
    upload(client, seller, report_bytes(rows, "DE"))
    worker.run_once(utcnow())
    cases = cases_of(client, seller)
    damaged = cases[order_id(1)]
    assert damaged["feedback_types"] == ["poor_packaging", "damaged_item"]
    assert (damaged["feedback_types_source"], damaged["needs_classification"]) == ("triage", False)
    assert damaged["triage"] is not None
    assert "contact_customer" in damaged["allowed_events"]
    assert cases[order_id(2)]["feedback_types"] == ["late_delivery"]
    assert cases[order_id(3)]["needs_classification"] is True
    history = client.get(f"/v1/cases/{damaged['id']}/history", headers=seller.headers).get_json()["items"]
    assert [(h["event"], h["actor"], h["note"]) for h in history] == [
        ("triaged", "system", "triage of the comment: poor_packaging, damaged_item")
    ]
    # A changed comment is triaged again; types the seller chose stay.
    client.patch(f"/v1/cases/{cases[order_id(2)]['id']}", json={"feedback_types": ["mistake"]}, headers=seller.headers)
    rows[0].comment, rows[1].comment = "Lieferung kam zu spät.", "Lieferung viel zu spät, Karton zerdrückt."
    upload(client, seller, report_bytes(rows, "DE"))
    worker.run_once(utcnow())
    after = cases_of(client, seller)
    assert after[order_id(1)]["feedback_types"] == ["late_delivery"]
    assert after[order_id(2)]["feedback_types"] == ["mistake"]


def test_a_report_may_be_larger_than_other_request_bodies(app, client, seller, monkeypatch):
    rows = [Row(ago(2 + n % 20), 1, "Arrived late, the box was crushed. " * 6, order_id(n)) for n in range(8000)]
    data = report_bytes(rows, "UK")
    assert len(data) > app.config["MAX_CONTENT_LENGTH"]
    response = upload(client, seller, data, marketplace="UK")
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["cases_opened"] == 8000
    monkeypatch.setitem(app.config, "MAX_REPORT_LENGTH", 1000)
    refused = upload(client, seller, data, marketplace="UK")
    assert refused.status_code == 413
    assert "(MAX_REPORT_LENGTH)" in refused.get_json()["detail"]


def test_a_raised_rating_while_amazon_has_a_removal_request_closes_it_as_amazons(client, seller, open_case):
    at_amazon = open_case(
        order_id=order_id(1), marketplace="DE", published_at=days_ago(12).isoformat(),
        feedback_types=["product_review"], buyer=None, comment="Das Produkt ist schlecht.",
    )  # fmt: skip
    client.post(f"/v1/cases/{at_amazon['id']}/events", json={"event": "request_amazon_removal"}, headers=seller.headers)
    summary = upload(client, seller, report_bytes([Row(ago(12), 4, "Doch gut.", order_id(1))], "DE")).get_json()
    assert summary["cases_closed_by_rating"] == 1 and summary["positive_rows"] == 1
    assert cases_of(client, seller)[order_id(1)]["outcome"] == "removed_by_amazon"


def test_a_multipart_upload_without_its_file_part_says_so(client, seller):
    response = client.post(
        "/v1/feedback-imports",
        query_string={"marketplace": "DE"},
        data={"report": (io.BytesIO(b"x"), "Feedback.txt")},
        headers=seller.headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"field": "file", "message": "send the report in a form part named 'file'"}
    ]


def test_triaged_imports_are_found_by_the_type_filter(client, seller, worker):
    upload(client, seller, report_bytes(german_rows(), "DE"))
    worker.run_once(utcnow())
    late = client.get("/v1/cases?feedback_type=late_delivery", headers=seller.headers).get_json()["items"]
    assert [case["order_id"] for case in late] == [order_id(2)]


def test_an_imported_case_closed_before_it_was_classified_counts_in_the_insights_under_no_type(app, client, seller):
    upload(client, seller, report_bytes(german_rows(), "DE"))
    untyped = cases_of(client, seller)[order_id(1)]
    closed = client.post(
        f"/v1/cases/{untyped['id']}/events", json={"event": "close", "resolution": "withdrawn"}, headers=seller.headers
    )
    assert closed.status_code == 200, closed.get_json()

    with app.app_context():
        seen = insights(db.session(), seller.id, utcnow())
    assert "" not in seen.feedback_by_week
    assert "" not in {rate.label for rate in seen.removal_by_type}
