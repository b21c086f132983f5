"""Delivery: what the worker does with the outbox rows, per channel (email, webhook): claim what is due, record each outcome, retry with backoff."""
