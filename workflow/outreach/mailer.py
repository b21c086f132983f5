"""The removal-request mailer: contact_customer's email, rendered, checked and queued in the
email outbox within the transition's transaction."""

from __future__ import annotations

from sqlalchemy import insert

from workflow.cases.machine import TransitionContext
from workflow.errors import InvalidInput
from workflow.models import Case, MessageStatus, OutboxMessage, know_latest_message, new_id
from workflow.outreach.use_cases import MessageNotCompliant, action_taken_required, render_for_case_within

_INSERT_MESSAGE = insert(OutboxMessage.__table__)


class RemovalRequestMailer:
    """Machine listener: contact_customer renders the removal request, refuses to go on if it
    breaks the messaging rules, and queues it in the outbox within the transition's
    transaction."""

    def __init__(self, transition: TransitionContext) -> None:
        self.session = transition.session
        self.settings = transition.settings
        self.now = transition.now

    def before_contact_customer(self, model: Case, action_taken: str | None = None) -> None:
        if action_taken_required(model.feedback_types) and not action_taken:
            raise InvalidInput(
                [
                    {
                        "field": "action_taken",
                        "message": "a service complaint is answered by saying what you did or will do "
                        "to resolve it, before mentioning the feedback",
                    }
                ]
            )
        rendered = render_for_case_within(self.session, model, action_taken)
        if rendered.violations:
            reasons = [str(v) for v in rendered.violations]
            raise MessageNotCompliant(
                "the removal request would break Amazon's messaging rules: " + "; ".join(reasons),
                reasons=reasons,
            )
        message_key = new_id("msg")
        message = {
            "id": message_key,
            "message_id": f"<{message_key}@{self.settings.message_id_domain}>",
            "seller_id": model.seller_id,
            "case_id": model.id,
            "recipient": model.buyer_email,
            "language": rendered.language,
            "subject": rendered.subject,
            "text_body": rendered.text,
            "html_body": rendered.html,
            "status": MessageStatus.queued,
            "next_attempt_at": self.now,
            "created_at": self.now,
        }
        # A Core INSERT in the transition's transaction: the ORM's unit of work for one new row
        # cost more than the INSERT. The case shows the message from its values.
        self.session.connection().execute(_INSERT_MESSAGE, message)
        know_latest_message(model, OutboxMessage(**message))
