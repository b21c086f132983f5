"""The product's settings, as the domain sees them (the API reads them from the environment)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Settings:
    # Days after publication during which the buyer, and Amazon on request, can remove feedback.
    customer_removal_days: int = 60
    amazon_removal_days: int = 90
    # Right-hand side of every outgoing Message-ID.
    message_id_domain: str = "feedback-desk.localhost"
    # Emails are retried while the customer window is open, with exponential backoff between
    # attempts: base·2^(n-1), at most the maximum.
    outbox_retry_base_seconds: float = 30.0
    outbox_retry_max_seconds: float = 3600.0
    # How long a worker's claim on an email or a webhook delivery lasts unless renewed; the
    # worker renews it while it works, so it bounds how long a dead worker's messages wait.
    outbox_claim_seconds: float = 300.0
    # One webhook attempt: seconds to connect, and for the whole attempt.
    webhook_connect_timeout_seconds: float = 3.0
    webhook_attempt_timeout_seconds: float = 10.0
    # Webhook deliveries to different endpoints at once (threads in the worker).
    webhook_delivery_threads: int = 8
    # Webhooks to loopback, link-local and private addresses (tests and local set-ups only).
    webhook_allow_private_networks: bool = False
    # How long the previous secret keeps signing after a rotation.
    webhook_secret_grace_seconds: float = 86_400.0
    # Business days the shipper has to answer a documentation request.
    documentation_response_business_days: int = 2
    # Fernet key that encrypts Amazon credentials at rest (feedback-desk amazon new-key).
    credentials_key: str = ""
    # Where the Selling Partner API and Login with Amazon are reached; empty: Amazon's own
    # endpoints for the connection's region (set for a local stand-in only).
    amazon_api_endpoint: str = ""
    amazon_token_endpoint: str = ""
    # The scheduled pull: the period each report covers, and how long a report may stay queued
    # at Amazon before it is given up (the next day's request tries again).
    amazon_report_days: int = 100
    amazon_report_give_up_hours: float = 4.0
    # Rows of a report written per transaction.
    import_chunk_rows: int = 5000
    # In-process listeners attached to every case machine (see workflow.plugins); loaded by
    # the app from installed packages and the LISTENERS setting, not read from the config.
    listeners: tuple = ()

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """Settings from a Flask config, whose keys are the upper-case field names. Raises
        SettingError naming the first value that is not of its setting's type."""
        return cls(
            **{
                f.name: setting_value(f.name.upper(), config[f.name.upper()], type(f.default))
                for f in fields(cls)
                if f.name.upper() in config and isinstance(f.default, int | float | str)
            }
        )


class SettingError(ValueError):
    """A setting's value cannot be used: the program stops at start with this message."""


TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def setting_value(name: str, raw: Any, kind: type) -> Any:
    """`raw` (from the environment or a config mapping) as a `kind`: booleans from
    1/0, true/false, yes/no, on/off in any case and nothing else; numbers from their text."""
    if kind is bool:
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        words = ", ".join(f"{yes}/{no}" for yes, no in zip(TRUE_WORDS, FALSE_WORDS, strict=True))
        raise SettingError(f"{name} must be one of {words} (any case), not {raw!r}")
    if kind in (int, float) and (
        isinstance(raw, bool) or not isinstance(raw, int | float | str) or (kind is int and isinstance(raw, float))
    ):
        raise SettingError(f"{name} must be a number, not {raw!r}")
    try:
        return kind(raw)
    except (TypeError, ValueError):
        raise SettingError(f"{name} must be {'a whole number' if kind is int else 'a number'}, not {raw!r}") from None
