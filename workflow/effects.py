"""What a case transition causes, in one table (cosmicpython's handler table, for
python-statemachine listeners).

`BuiltInListeners` is that table: each of its methods is a moment of a transition, named as
python-statemachine names it, and calls the roles that act then, in order. The roles live in
their own modules; the table attaches them to the machine as ONE listener, since the machine
looks up every callback name on every listener whenever it is built. Each role writes in the
transition's transaction, so a refusal anywhere leaves nothing behind. Installed plug-ins
(workflow/plugins.py) are attached after it, as listeners of their own. Once the machine has
moved and every listener ran, `after_transition` queues the transition's webhook events.

What a *write* of a case causes is not here: its schedule columns (`sweep_at`,
`next_notice_at`) are derived from the row itself on every insert and update, in
workflow/deadlines.py.
"""

from __future__ import annotations

from workflow.cases.history import HistoryRecorder
from workflow.cases.machine import TransitionContext
from workflow.cases.removals import RemovalRequestRecorder
from workflow.models import Case
from workflow.outreach.mailer import RemovalRequestMailer
from workflow.webhooks import events


class BuiltInListeners:
    """The product's own listeners, for one transition (or one batch of them). Only the
    moments a role acts at are named: the machine resolves each name on every state or
    transition it applies to, whenever it is built."""

    def __init__(self, transition: TransitionContext) -> None:
        self.history = HistoryRecorder(transition)
        self.mailer = RemovalRequestMailer(transition)
        self.removal_requests = RemovalRequestRecorder(transition)

    def before_contact_customer(self, model: Case, action_taken: str | None = None) -> None:
        # render, check and queue the removal-request email; a refusal stops the transition
        self.mailer.before_contact_customer(model, action_taken)

    def on_enter_state(self, event, source, target, model: Case, note: str | None = None) -> None:
        # every transition enters one state: the case's history row
        self.history.on_enter_state(event, source, target, model, note)

    def after_request_amazon_removal(self, model: Case) -> None:
        # the grounds the request claims
        self.removal_requests.after_request_amazon_removal(model)

    def after_amazon_removed_feedback(self, model: Case) -> None:
        self.removal_requests.after_amazon_removed_feedback(model)

    def after_amazon_declined(self, model: Case) -> None:
        self.removal_requests.after_amazon_declined(model)


def after_transition(transition: TransitionContext, case: Case, event: str, source: str, note: str | None) -> None:
    """case.transitioned, and case.closed, for the seller's webhook endpoints, showing the case
    as every listener left it. Not a listener's generic after_transition: python-statemachine
    resolves that name on each of the machine's sixteen transitions whenever one is built."""
    events.emit_transition(
        transition.session, case, event, source, actor=transition.actor, note=note, now=transition.now
    )
