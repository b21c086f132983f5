"""The case use cases on a plain session, with no Flask in sight: each is one transaction,
a refusal leaves nothing behind, and one session serves one use case after another."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from workflow import deadlines
from workflow.accounts import create_seller
from workflow.cases import use_cases
from workflow.cases.use_cases import Buyer, CaseDraft
from workflow.clock import utcnow
from workflow.errors import DuplicateCase, EventRefused, NotFound
from workflow.models import CaseTransition, OutboxMessage, WebhookDelivery
from workflow.plugins import InstalledListener, Veto
from workflow.settings import Settings

SETTINGS = Settings()
ACTION = {"action_taken": "We sent a replacement by express delivery."}


@pytest.fixture
def seller_id(session) -> str:
    seller, _token = create_seller(session, "Acme Outdoor")
    return seller.id


def draft(**overrides) -> CaseDraft:
    fields = {
        "order_id": "114-3941689-8772232",
        "rating": 1,
        "comment": "Arrived two weeks late.",
        "published_at": utcnow() - timedelta(days=3),
        "feedback_types": ["late_delivery"],
        "buyer": Buyer(email="q7x2mz@marketplace.amazon.com", name="Jo Buyer", language="en"),
        "marketplace": "US",
    }
    return CaseDraft(**(fields | overrides))


def count(session, model) -> int:
    total = session.scalar(select(func.count()).select_from(model))
    session.commit()
    return total


def test_one_session_reads_then_writes_then_reads_again(session, seller_id):
    now = utcnow()
    opened = use_cases.open_case(session, seller_id, draft(), SETTINGS, now)
    version = use_cases.get_case(session, seller_id, opened.id).version
    assert not session.in_transaction()
    updated = use_cases.update_case(
        session, seller_id, opened.id, now=now, expected_version=version, asserted_grounds=["obscene_language"]
    )
    assert updated.version == version + 1
    session.expunge_all()  # read it back from the database, not from memory
    assert use_cases.get_case(session, seller_id, opened.id).asserted_grounds == ["obscene_language"]


def test_a_missing_case_is_not_found_and_leaves_no_transaction_open(session, seller_id):
    with pytest.raises(NotFound):
        use_cases.get_case(session, seller_id, "case_" + "0" * 28)
    assert not session.in_transaction()


def test_a_refused_event_writes_nothing(session, seller_id):
    now = utcnow()
    case_id = use_cases.open_case(session, seller_id, draft(buyer=Buyer()), SETTINGS, now).id
    with pytest.raises(EventRefused) as refusal:
        use_cases.fire_event(
            session, seller_id, case_id, "contact_customer", actor="seller", settings=SETTINGS, now=now
        )
    assert "no buyer email address" in refusal.value.detail
    assert not session.in_transaction()
    assert use_cases.get_case(session, seller_id, case_id).state == "new"
    assert (count(session, CaseTransition), count(session, OutboxMessage)) == (0, 0)


def test_contact_customer_writes_the_history_and_the_email_in_one_transaction(session, seller_id):
    now = utcnow()
    case = use_cases.open_case(session, seller_id, draft(), SETTINGS, now)
    use_cases.fire_event(
        session, seller_id, case.id, "contact_customer", actor="seller", settings=SETTINGS, now=now, fields=ACTION
    )
    [step] = use_cases.case_history(session, seller_id, case.id)
    assert (step.event, step.from_state, step.to_state, step.actor) == (
        "contact_customer",
        "new",
        "contacting_customer",
        "seller",
    )
    assert count(session, OutboxMessage) == 1


class VetoEverything:
    def before_transition(self, event):
        raise Veto(f"{event} is on hold")


def test_a_plugin_veto_rolls_back_the_built_in_effects_too(session, seller_id):
    now = utcnow()
    settings = replace(SETTINGS, listeners=(InstalledListener("hold", VetoEverything()),))
    case_id = use_cases.open_case(session, seller_id, draft(), settings, now).id
    with pytest.raises(Veto):
        use_cases.fire_event(
            session, seller_id, case_id, "contact_customer", actor="seller", settings=settings, now=now, fields=ACTION
        )
    assert use_cases.get_case(session, seller_id, case_id).state == "new"
    assert (count(session, CaseTransition), count(session, OutboxMessage), count(session, WebhookDelivery)) == (0, 0, 0)


def test_a_second_case_for_an_order_names_the_first_and_writes_nothing(session, seller_id):
    now = utcnow()
    first_id = use_cases.open_case(session, seller_id, draft(), SETTINGS, now).id
    with pytest.raises(DuplicateCase) as duplicate:
        use_cases.open_case(session, seller_id, draft(comment="Again."), SETTINGS, now)
    assert duplicate.value.extensions["existing_case_id"] == first_id
    cases, _ = use_cases.list_cases(session, seller_id, use_cases.CaseFilter(), limit=10)
    assert [c.id for c in cases] == [first_id]


def test_the_sweep_expires_only_a_hopeless_case(session, seller_id):
    now = utcnow()
    lost = use_cases.open_case(
        session, seller_id, draft(published_at=now - timedelta(days=61)), SETTINGS, now - timedelta(days=1)
    )
    alive = use_cases.open_case(
        session, seller_id, draft(order_id="114-3941689-0000002"), SETTINGS, now - timedelta(days=1)
    )
    assert [case.id for case in deadlines.sweep_would_expire(session, now)] == [lost.id]
    assert deadlines.expire_due(session, SETTINGS, now, limit=10) == 1
    assert deadlines.expire_due(session, SETTINGS, now, limit=10) == 0
    assert (
        use_cases.get_case(session, seller_id, lost.id).outcome,
        use_cases.get_case(session, seller_id, alive.id).state,
    ) == (
        "expired",
        "new",
    )
    [expiry] = use_cases.case_history(session, seller_id, lost.id)
    assert (expiry.event, expiry.actor, expiry.note) == ("expire", "system", "deadline sweep")
