"""The triage through the API: answered without storing, kept with every case, the removal
request text for Feedback Manager, and the removal figures."""

from __future__ import annotations

import pytest

from tests.helpers import assert_problem, case_body

PRODUCT_ONLY = "Cheap plastic, the handle snapped off after two days. Poor quality."
WITH_EMAIL = "Nobody answers, write to me at anna.berg@example.com. Rude staff."


def test_triage_answers_with_evidence_and_stores_nothing(client, seller):
    comment = "Poor quality kettle and it arrived two weeks late."
    response = client.post("/v1/triage", json={"comment": comment, "rating": 1}, headers=seller.headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["language"] == "en" and body["language_covered"]
    assert {t["code"] for t in body["feedback_types"]} == {"product_review", "late_delivery"}
    assert body["grounds"] == []
    [blocking] = body["product_review_only"]["blocking"]
    assert blocking["code"] == "late_delivery"
    span = blocking["spans"][0]
    assert comment[span["start"] : span["end"]] == span["text"] == "two weeks late"
    assert "not removable" in body["explanation"]
    assert client.get("/v1/cases", headers=seller.headers).get_json()["items"] == []


def test_triage_reads_phone_numbers_for_the_marketplace(client, seller):
    body = {"comment": "Ruf mich an: 0171 2345678, keine Antwort vom Händler.", "rating": 1, "marketplace": "DE"}
    answer = client.post("/v1/triage", json=body, headers=seller.headers).get_json()
    [ground] = answer["grounds"]
    assert (ground["code"], ground["kinds"], ground["spans"][0]["text"]) == (
        "personal_information",
        ["phone number"],
        "0171 2345678",
    )


@pytest.mark.parametrize(
    "body, field",
    [
        ({"comment": "", "rating": 1}, "comment"),
        ({"comment": "   ", "rating": 1}, "comment"),
        ({"comment": "Late", "rating": 9}, "rating"),
        ({"comment": "Late", "rating": 1, "marketplace": "XX"}, "marketplace"),
        ({"rating": 1}, "comment"),
    ],
)
def test_a_bad_triage_request_is_a_problem(client, seller, body, field):
    assert_problem(client.post("/v1/triage", json=body, headers=seller.headers), 422, field)


def test_triage_needs_a_token(client):
    assert_problem(client.post("/v1/triage", json={"comment": "Late", "rating": 1}), 401)


def test_a_case_without_types_takes_the_triages_and_shows_its_evidence(client, seller):
    body = case_body(comment=PRODUCT_ONLY)
    del body["feedback_types"]
    case = client.post("/v1/cases", json=body, headers=seller.headers).get_json()
    assert case["feedback_types"] == ["product_review"]
    assert case["feedback_types_source"] == "triage"
    assert case["amazon_removal_grounds"] == ["product_review_only"]
    triage = case["triage"]
    assert [t["code"] for t in triage["feedback_types"]] == ["product_review"]
    assert all(PRODUCT_ONLY[s["start"] : s["end"]] == s["text"] for s in triage["feedback_types"][0]["spans"])
    assert triage["grounds"][0]["code"] == "product_review_only"
    assert "product review" in triage["explanation"]


def test_the_sellers_types_stand_and_the_triage_is_still_shown(client, seller, open_case):
    case = open_case(comment=PRODUCT_ONLY, feedback_types=["late_delivery"])
    assert (case["feedback_types"], case["feedback_types_source"]) == (["late_delivery"], "seller")
    assert [t["code"] for t in case["triage"]["feedback_types"]] == ["product_review"]
    assert case["amazon_removal_grounds"] == []


def test_a_comment_the_triage_cannot_type_needs_the_sellers_types(client, seller):
    body = case_body(comment="Hmm.")
    del body["feedback_types"]
    assert_problem(client.post("/v1/cases", json=body, headers=seller.headers), 422, "feedback_types")
    assert client.get("/v1/cases", headers=seller.headers).get_json()["items"] == []


def test_detected_grounds_are_offered_and_the_sellers_grounds_stand(client, seller, open_case):
    offered = open_case(comment=WITH_EMAIL, feedback_types=["poor_customer_service"])
    assert offered["asserted_grounds"] == ["personal_information"]
    assert offered["amazon_removal_grounds"] == ["personal_information"]
    declined = open_case(
        order_id="114-0000000-0000002",
        comment=WITH_EMAIL,
        feedback_types=["poor_customer_service"],
        asserted_grounds=[],
    )
    assert declined["asserted_grounds"] == [] and declined["amazon_removal_grounds"] == []


def test_corrections_of_types_and_grounds_are_in_the_history(client, seller):
    body = case_body(comment=WITH_EMAIL)
    del body["feedback_types"]
    case = client.post("/v1/cases", json=body, headers=seller.headers).get_json()
    assert case["feedback_types_source"] == "triage"
    patched = client.patch(
        f"/v1/cases/{case['id']}",
        json={"feedback_types": ["poor_customer_service", "seeking_response"], "asserted_grounds": []},
        headers=seller.headers,
    ).get_json()
    assert patched["feedback_types_source"] == "seller"
    assert patched["amazon_removal_grounds"] == []
    history = client.get(f"/v1/cases/{case['id']}/history", headers=seller.headers).get_json()["items"]
    notes = {item["event"]: item["note"] for item in history}
    assert notes["feedback_types_corrected"] == (
        "feedback types poor_customer_service -> poor_customer_service, seeking_response"
    )
    assert notes["grounds_changed"] == "withdrew personal_information"
    assert all(item["from_state"] == item["to_state"] == "new" and item["actor"] == "seller" for item in history)
    client.patch(f"/v1/cases/{case['id']}", json={"asserted_grounds": ["obscene_language"]}, headers=seller.headers)
    history = client.get(f"/v1/cases/{case['id']}/history", headers=seller.headers).get_json()["items"]
    assert history[-1]["note"] == "asserted obscene_language"


@pytest.mark.parametrize(
    "marketplace, language, words",
    [
        ("US", "en", "entire comment is a product review"),
        ("DE", "de", "Produktbewertung"),
        ("FR", "fr", "avis sur le produit"),
        ("ES", "es", "opinión sobre el producto"),
        ("IT", "it", "recensione del prodotto"),
        ("JP", "ja", "商品レビュー"),
    ],
)
def test_the_removal_request_is_in_the_marketplaces_language_and_quotes_the_evidence(
    client, seller, open_case, marketplace, language, words
):
    case = open_case(comment=PRODUCT_ONLY, feedback_types=["product_review"], marketplace=marketplace)
    response = client.get(f"/v1/cases/{case['id']}/amazon-removal-request", headers=seller.headers)
    assert response.status_code == 200, response.get_json()
    request = response.get_json()
    assert (request["language"], request["grounds"]) == (language, ["product_review_only"])
    assert words in request["text"] and case["order_id"] in request["text"]
    assert "snapped off" in request["text"]
    assert request["where_to_file"]["path"] == "Performance > Feedback > Feedback Manager > Request removal"
    assert request["where_to_file"]["seller_central"].startswith("https://sellercentral.amazon.")


def test_the_removal_request_names_every_ground(client, seller, open_case):
    case = open_case(comment=WITH_EMAIL, feedback_types=["poor_customer_service"], marketplace="DE")
    request = client.get(f"/v1/cases/{case['id']}/amazon-removal-request", headers=seller.headers).get_json()
    assert request["where_to_file"]["seller_central"] == "https://sellercentral.amazon.de"
    assert "personenbezogene Daten (" in request["text"] and "anna.berg@example.com" in request["text"]


def test_no_removal_request_for_a_case_without_grounds(client, seller, open_case):
    case = open_case()
    response = client.get(f"/v1/cases/{case['id']}/amazon-removal-request", headers=seller.headers)
    body = assert_problem(response, 409)
    assert body["type"] == "/problems/no-removal-grounds"
    assert "not 100% product-related" in body["detail"]


def _file_request(client, seller, order_id: str, comment: str, types: list[str], marketplace: str, answer: str):
    body = case_body(order_id=order_id, comment=comment, feedback_types=types, marketplace=marketplace, buyer=None)
    case = client.post("/v1/cases", json=body, headers=seller.headers).get_json()
    for event in ("request_amazon_removal", answer):
        response = client.post(f"/v1/cases/{case['id']}/events", json={"event": event}, headers=seller.headers)
        assert response.status_code == 200, response.get_json()


def test_removal_insights_count_requests_per_ground_and_marketplace(client, seller, other_seller):
    _file_request(client, seller, "111-0000000-0000001", PRODUCT_ONLY, ["product_review"], "DE", "amazon_declined")
    _file_request(
        client, seller, "111-0000000-0000002", WITH_EMAIL, ["poor_customer_service"], "DE", "amazon_removed_feedback"
    )
    _file_request(
        client, seller, "111-0000000-0000003", PRODUCT_ONLY, ["product_review"], "US", "amazon_removed_feedback"
    )
    insights = client.get("/v1/insights/removals", headers=seller.headers).get_json()
    assert insights["by_ground"]["product_review_only"] == {"filed": 2, "removed": 1, "declined": 1, "pending": 0}
    assert insights["by_ground"]["personal_information"] == {"filed": 1, "removed": 1, "declined": 0, "pending": 0}
    assert insights["by_marketplace"]["DE"] == {"filed": 2, "removed": 1, "declined": 1, "pending": 0}
    assert {
        (row["ground"], row["marketplace"]): row["counts"]["filed"] for row in insights["by_ground_and_marketplace"]
    } == {("personal_information", "DE"): 1, ("product_review_only", "DE"): 1, ("product_review_only", "US"): 1}
    others = client.get("/v1/insights/removals", headers=other_seller.headers).get_json()
    assert others["by_marketplace"] == {} and others["by_ground"]["product_review_only"]["filed"] == 0


def test_a_pending_request_is_counted_as_filed(client, seller):
    body = case_body(comment=PRODUCT_ONLY, feedback_types=["product_review"], buyer=None)
    case = client.post("/v1/cases", json=body, headers=seller.headers).get_json()
    client.post(f"/v1/cases/{case['id']}/events", json={"event": "request_amazon_removal"}, headers=seller.headers)
    insights = client.get("/v1/insights/removals", headers=seller.headers).get_json()
    assert insights["by_ground"]["product_review_only"] == {"filed": 1, "removed": 0, "declined": 0, "pending": 1}
