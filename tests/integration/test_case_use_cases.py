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
from workflow.models import Case, CaseTransition, OutboxMessage, WebhookDelivery
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


class RecordingListener:
    """An installed listener that notes every state entered, and every transition it sees with
    the state the case is in by then."""

    def __init__(self) -> None:
        self.entered: list[tuple[str, str]] = []
        self.transitions: list[tuple[str, str, str]] = []

    def on_enter_state(self, state, model):
        self.entered.append((model.id, state.id))

    def after_transition(self, event, source, target, model):
        self.transitions.append((model.id, source.id, model.state))


class HistoryReader:
    """An installed listener that reads the case's history while the transition runs."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, list[str]]] = []

    def _read(self, moment: str, session, model) -> None:
        events = session.scalars(select(CaseTransition.event).where(CaseTransition.case_id == model.id))
        self.seen.append((moment, list(events)))

    def on_enter_state(self, session, model):
        self._read("on_enter_state", session, model)

    def after_transition(self, session, model):
        self._read("after_transition", session, model)


def test_an_installed_listener_sees_the_transitions_history_row(session, seller_id):
    now = utcnow()
    reader = HistoryReader()
    settings = replace(SETTINGS, listeners=(InstalledListener("reader", reader),))
    case = use_cases.open_case(session, seller_id, draft(), SETTINGS, now)
    use_cases.fire_event(
        session,
        seller_id,
        case.id,
        "close",
        actor="seller",
        settings=settings,
        now=now,
        fields={"resolution": "resolved"},
    )
    assert reader.seen == [("on_enter_state", ["close"]), ("after_transition", ["close"])]


def _load_for_update(session, case_ids):
    return list(session.scalars(select(Case).where(Case.id.in_(case_ids)).order_by(Case.id).with_for_update()))


def test_a_batch_is_decided_case_by_case_as_one_case_is(session, seller_id):
    """One machine serves the batch; each case is still decided by its own row, refused ones
    are left alone, and every listener sees exactly the transitions that happened."""
    now = utcnow()
    recorder = RecordingListener()
    settings = replace(SETTINGS, listeners=(InstalledListener("recorder", recorder),))
    contacting = []
    for n in (1, 2):
        case = use_cases.open_case(session, seller_id, draft(order_id=f"114-3941689-000000{n}"), SETTINGS, now)
        use_cases.fire_event(
            session, seller_id, case.id, "contact_customer", actor="seller", settings=SETTINGS, now=now, fields=ACTION
        )
        contacting.append(case.id)
    still_new = use_cases.open_case(session, seller_id, draft(order_id="114-3941689-0000003"), SETTINGS, now).id
    versions = {c.id: c.version for c in _load_for_update(session, [*contacting, still_new])}
    session.commit()

    with session.begin():
        batch = _load_for_update(session, [*contacting, still_new])
        moved = use_cases.transition_each_within(
            session, batch, "customer_contacted", actor="system", settings=settings, now=now
        )
    assert sorted(case.id for case in moved) == sorted(contacting)
    after = {c.id: c for c in (use_cases.get_case(session, seller_id, i) for i in [*contacting, still_new])}
    assert {i: c.state for i, c in after.items()} == {
        contacting[0]: "awaiting_removal",
        contacting[1]: "awaiting_removal",
        still_new: "new",
    }
    assert {i: c.version - versions[i] for i, c in after.items()} == {contacting[0]: 1, contacting[1]: 1, still_new: 0}
    assert sorted(recorder.transitions) == sorted((i, "contacting_customer", "awaiting_removal") for i in contacting)
    assert sorted(recorder.entered) == sorted((i, "awaiting_removal") for i in contacting)
    for case_id in contacting:
        last = use_cases.case_history(session, seller_id, case_id)[-1]
        assert (last.event, last.from_state, last.to_state, last.actor) == (
            "customer_contacted",
            "contacting_customer",
            "awaiting_removal",
            "system",
        )
    assert use_cases.case_history(session, seller_id, still_new) == []


def test_a_batch_expires_every_hopeless_case_and_leaves_the_hopeful_one(session, seller_id):
    now = utcnow()
    published = now - timedelta(days=61)
    hopeless = [
        use_cases.open_case(
            session, seller_id, draft(order_id=f"114-3941689-000001{n}", published_at=published), SETTINGS, now
        ).id
        for n in range(3)
    ]
    hopeful = use_cases.open_case(session, seller_id, draft(order_id="114-3941689-0000020"), SETTINGS, now).id
    with session.begin():
        batch = _load_for_update(session, [*hopeless, hopeful])
        moved = use_cases.transition_each_within(session, batch, "expire", actor="system", settings=SETTINGS, now=now)
    assert sorted(case.id for case in moved) == sorted(hopeless)
    outcomes = {i: use_cases.get_case(session, seller_id, i) for i in [*hopeless, hopeful]}
    assert {i: (c.state, c.outcome, c.sweep_at) for i, c in outcomes.items()} == {
        **{i: ("closed", "expired", None) for i in hopeless},
        hopeful: ("new", None, outcomes[hopeful].sweep_at),
    }
    assert [len(use_cases.case_history(session, seller_id, i)) for i in [*hopeless, hopeful]] == [1, 1, 1, 0]
