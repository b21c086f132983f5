"""The text for Feedback Manager, composed from a case: one sentence per ground, evidence quoted."""

import json

import pytest

from workflow.cases.removal_request import compose
from workflow.models import Case
from workflow.triage import triage


def _case(comment: str, types: list[str], asserted: list[str], marketplace: str, with_triage: bool = True) -> Case:
    case = Case(order_id="114-3941689-8772232", rating=1, comment=comment, marketplace=marketplace)
    case.feedback_types, case.asserted_grounds, case.shipped_on_time_with_buy_shipping = types, asserted, False
    if with_triage:
        case.triage_json = json.dumps(triage(comment, 1, marketplace=marketplace).as_dict())
    return case


def test_an_asserted_ground_without_evidence_is_named_without_empty_quotes():
    case = _case("Staff were rude on the phone.", ["poor_customer_service"], ["obscene_language"], "US", False)
    text = compose(case, "en")
    assert "The comment contains obscene or profane language." in text
    assert "()" not in text and "“" not in text


@pytest.mark.parametrize(
    "language, quote", [("en", "“shit”"), ("de", "„shit“"), ("fr", "« shit »"), ("ja", "「shit」")]
)
def test_evidence_is_quoted_the_way_the_language_quotes(language, quote):
    case = _case("Useless shit, the staff never answered.", ["poor_customer_service"], ["obscene_language"], "US")
    assert quote in compose(case, language)


def test_a_long_piece_of_evidence_is_shortened():
    address = "customer.service.department." + "returns-and-refunds." * 3 + "team@example.com"
    case = _case(f"Write to {address}, nobody answers.", ["poor_customer_service"], ["personal_information"], "US")
    text = compose(case, "en")
    assert "…”" in text and address not in text and address[:40] in text
