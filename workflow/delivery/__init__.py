"""Delivery: handing what an outbox holds to its receiver, one channel per module (email.py:
SMTP, webhook.py: HTTP). The worker claims what is due, sends it, and records each outcome
here, retrying with backoff. A claimed email is a ClaimedEmail; a webhook delivery (a
WebhookDelivery row) is one event queued for one endpoint, claimed as a WebhookRequest."""
