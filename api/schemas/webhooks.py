"""Request and response models of /v1/webhooks."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    Field,
)

from api.schemas.common import Input, Strict
from workflow.models import WebhookDeliveryStatus
from workflow.webhooks.events import ALL_EVENTS, EVENT_TYPES

WebhookEventType = Literal[(*EVENT_TYPES, ALL_EVENTS)]


WebhookUrl = Annotated[str, Field(min_length=8, max_length=2000, examples=["https://hooks.example.com/feedback-desk"])]


class WebhookIn(Strict):
    url: WebhookUrl
    events: Annotated[list[WebhookEventType], Field(min_length=1, max_length=len(EVENT_TYPES) + 1)] = Field(
        description='Event types to receive, or ["*"] for all.'
    )
    enabled: bool = True


class WebhookPatch(Strict):
    url: WebhookUrl | None = None
    events: Annotated[list[WebhookEventType], Field(min_length=1, max_length=len(EVENT_TYPES) + 1)] | None = None
    enabled: bool | None = None


class WebhookOut(BaseModel):
    id: str
    url: str
    events: list[str]
    enabled: bool
    disabled_reason: str | None
    previous_secret_expires_at: datetime | None
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="whsec_ + base64: shown only now. Verify deliveries with it.")


class WebhookList(BaseModel):
    items: list[WebhookOut]


class SecretOut(BaseModel):
    secret: str = Field(
        description="The new secret, shown only now; the old one signs too until previous_secret_expires_at."
    )
    previous_secret_expires_at: datetime


class AttemptOut(BaseModel):
    attempt: int
    status_code: int | None
    duration_ms: int
    error: str | None
    at: datetime


class DeliveryOut(BaseModel):
    id: str = Field(description="The webhook-id header: the same on every attempt.")
    event_type: str
    status: WebhookDeliveryStatus
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    delivered_at: datetime | None
    log: list[AttemptOut]


class DeliveryList(BaseModel):
    items: list[DeliveryOut]


class WebhookPath(Input):
    webhook_id: Annotated[str, Field(max_length=40)]


class DeliveryPath(WebhookPath):
    delivery_id: Annotated[str, Field(max_length=40)]
