"""Delivery: handing what the outbox holds to its receiver, per channel (email.py: SMTP,
webhook.py: HTTP). The worker claims what is due, sends it, and records each outcome here,
retrying with backoff."""
