"""The policy table honours every row of the fulfilment network's seed document."""

import glob
import os
import re

import pytest

from workflow.policy import (
    FEEDBACK_TYPES,
    FEEDBACK_TYPES_BY_CODE,
    Evidence,
    RemovalGround,
    in_policy_order,
    removal_grounds,
)

SEED_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "seed")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_twelve_types_one_per_seed_row():
    assert len(FEEDBACK_TYPES) == 12
    assert len({t.code for t in FEEDBACK_TYPES}) == 12


@pytest.mark.skipif(not glob.glob(os.path.join(SEED_DIR, "*.txt")), reason="seed document not beside the repo")
@pytest.mark.parametrize("feedback_type", FEEDBACK_TYPES, ids=lambda t: t.code)
def test_labels_and_duties_are_the_seed_documents_words(feedback_type):
    seed = _normalise(" ".join(open(p, encoding="utf-8").read() for p in glob.glob(os.path.join(SEED_DIR, "*.txt"))))
    assert _normalise(feedback_type.label) in seed
    for duty in (feedback_type.shipper_duty, feedback_type.seller_duty):
        if duty is not None:
            assert _normalise(duty) in seed


def test_types_with_no_shipper_duty_owe_no_documentation():
    for t in FEEDBACK_TYPES:
        assert t.shipper_owes_documentation == (t.shipper_duty is not None)


def test_no_fault_is_exactly_where_the_seed_says_no_fault():
    assert {t.code for t in FEEDBACK_TYPES if t.no_fault} == {
        t.code for t in FEEDBACK_TYPES if t.seller_duty and t.seller_duty.startswith("No-fault Feedback")
    }


def test_penalties_only_where_the_shipper_documents_contents_packaging_or_condition():
    for t in FEEDBACK_TYPES:
        if t.penalty_on_fulfilment_fault:
            assert set(t.evidence) & {
                Evidence.CORRECT_CONTENTS,
                Evidence.PROTECTIVE_PACKAGING,
                Evidence.NEW_CONDITION_ITEM,
            }


@pytest.mark.parametrize("feedback_type", FEEDBACK_TYPES, ids=lambda t: t.code)
def test_a_single_type_is_a_product_review_ground_only_when_product_related(feedback_type):
    grounds = removal_grounds([feedback_type.code], [])
    assert (RemovalGround.PRODUCT_REVIEW_ONLY.value in grounds) == feedback_type.product_related


def test_product_and_service_mixed_has_no_ground():
    assert removal_grounds(["product_review", "late_delivery"], []) == []
    assert removal_grounds(["product_review", "inaccurate_description"], []) == ["product_review_only"]


def test_asserted_grounds_count_whatever_the_types():
    assert removal_grounds(["late_delivery"], ["personal_information", "obscene_language"]) == [
        "obscene_language",
        "personal_information",
    ]


def test_in_policy_order_deduplicates_and_orders_like_the_table():
    assert in_policy_order(["mistake", "late_delivery", "mistake"]) == ["late_delivery", "mistake"]
    assert set(FEEDBACK_TYPES_BY_CODE) >= set(in_policy_order(list(FEEDBACK_TYPES_BY_CODE)))
