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
    # Delivery: attempts before a message is `failed`, and the exponential backoff between them.
    outbox_max_attempts: int = 8
    outbox_retry_base_seconds: float = 30.0
    outbox_retry_max_seconds: float = 3600.0
    # How long a worker's claim on a message lasts before another worker may take it over.
    outbox_claim_seconds: float = 300.0
    # Webhooks to loopback, link-local and private addresses (tests and local set-ups only).
    webhook_allow_private_networks: bool = False
    # How long the previous secret keeps signing after a rotation.
    webhook_secret_grace_seconds: float = 86_400.0
    # Business days the shipper has to answer a documentation request.
    documentation_response_business_days: int = 2
    # In-process listeners attached to every case machine (see workflow.plugins); loaded by
    # the app from installed packages and the LISTENERS setting, not read from the config.
    listeners: tuple = ()

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """Settings from a Flask config, whose keys are the upper-case field names."""
        return cls(
            **{
                f.name: type(f.default)(config[f.name.upper()])
                for f in fields(cls)
                if f.name.upper() in config and isinstance(f.default, int | float | str)
            }
        )
