"""What a case transition causes, in one table (cosmicpython's handler table, for
python-statemachine listeners).

Every transition gets a fresh instance of each built-in listener below, built from its
TransitionContext; each one writes in the transition's transaction, so a refusal anywhere
leaves nothing behind. A listener may define `after_send()`, called once the machine has
moved. Installed plug-ins (workflow/plugins.py) run after the built-in listeners.

What a *write* of a case causes is not here: its schedule columns (`sweep_at`,
`next_notice_at`) are derived from the row itself on every insert and update, in
workflow/deadlines.py.
"""

from __future__ import annotations

from collections.abc import Callable

from workflow.cases.history import HistoryRecorder
from workflow.cases.machine import TransitionContext
from workflow.cases.removals import RemovalRequestRecorder
from workflow.outreach.mailer import RemovalRequestMailer
from workflow.webhooks.events import WebhookEmitter

ON_TRANSITION: tuple[Callable[[TransitionContext], object], ...] = (
    HistoryRecorder,  # the case's history row
    RemovalRequestMailer,  # contact_customer: render, check and queue the removal-request email
    WebhookEmitter,  # case.transitioned, and case.closed, for the seller's webhook endpoints
    RemovalRequestRecorder,  # request_amazon_removal and Amazon's answer: the grounds claimed, the outcome
)


def transition_listeners(transition: TransitionContext) -> list[object]:
    return [make(transition) for make in ON_TRANSITION]


def after_send(listeners: list[object]) -> None:
    for listener in listeners:
        finish = getattr(listener, "after_send", None)
        if finish is not None:
            finish()
