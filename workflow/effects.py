"""What a case transition causes, in one table (cosmicpython's handler table, for
python-statemachine listeners).

Every transition gets a fresh instance of each built-in listener below, built from its
TransitionContext; each one writes in the transition's transaction, so a refusal anywhere
leaves nothing behind. Installed plug-ins (workflow/plugins.py) run after the built-in
listeners. Once the machine has moved and every listener ran, `after_transition` queues the
transition's webhook events.

What a *write* of a case causes is not here: its schedule columns (`sweep_at`,
`next_notice_at`) are derived from the row itself on every insert and update, in
workflow/deadlines.py.
"""

from __future__ import annotations

from collections.abc import Callable

from workflow.cases.history import HistoryRecorder
from workflow.cases.machine import TransitionContext
from workflow.cases.removals import RemovalRequestRecorder
from workflow.models import Case
from workflow.outreach.mailer import RemovalRequestMailer
from workflow.webhooks import events

ON_TRANSITION: tuple[Callable[[TransitionContext], object], ...] = (
    HistoryRecorder,  # the case's history row
    RemovalRequestMailer,  # contact_customer: render, check and queue the removal-request email
    RemovalRequestRecorder,  # request_amazon_removal and Amazon's answer: the grounds claimed, the outcome
)


def transition_listeners(transition: TransitionContext) -> list[object]:
    return [make(transition) for make in ON_TRANSITION]


def after_transition(transition: TransitionContext, case: Case, event: str, source: str, note: str | None) -> None:
    """case.transitioned, and case.closed, for the seller's webhook endpoints, showing the case
    as every listener left it. Not a listener's generic after_transition: python-statemachine
    resolves that name on each of the machine's sixteen transitions whenever one is built."""
    events.emit_transition(
        transition.session, case, event, source, actor=transition.actor, note=note, now=transition.now
    )
