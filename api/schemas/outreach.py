"""Request and response models of emails, previews, templates and suppressions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    Field,
)

from api.schemas.common import Email, Input, NotBlank, Strict
from workflow.models import MessageStatus
from workflow.outreach.compliance import LANGUAGES
from workflow.outreach.messages import TEMPLATE_NAMES


class MessageOut(BaseModel):
    id: str
    status: MessageStatus
    recipient: str
    language: str
    subject: str
    message_id: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime
    created_at: datetime
    sent_at: datetime | None


class MessagePath(Input):
    case_id: Annotated[str, Field(max_length=40)]
    message_id: Annotated[str, Field(max_length=40)]


class MessageList(BaseModel):
    items: list[MessageOut]


class PreviewIn(Strict):
    action_taken: Annotated[str, Field(min_length=1, max_length=2000), NotBlank] | None = None
    language: Literal[LANGUAGES] | None = Field(None, description="Render in this language instead of the buyer's.")


class PreviewOut(BaseModel):
    language: str
    subject: str
    text: str
    html: str
    compliant: bool
    violations: list[str]


class TemplatePath(Input):
    name: Literal[TEMPLATE_NAMES]
    language: Literal[LANGUAGES]


class TemplateIn(Strict):
    source: Annotated[str, Field(min_length=1, max_length=20_000)]


class TemplateOut(BaseModel):
    name: str
    language: str
    source: str
    overridden: bool


class OverrideOut(BaseModel):
    name: str
    language: str
    updated_at: datetime


class TemplateList(BaseModel):
    names: list[str]
    languages: list[str]
    overrides: list[OverrideOut]


class SuppressionIn(Strict):
    email: Email
    reason: Literal["bounce", "complaint", "seller"] = "seller"


class SuppressionOut(BaseModel):
    email: str
    reason: str
    created_at: datetime


class SuppressionList(BaseModel):
    items: list[SuppressionOut]


class SuppressionPath(Input):
    email: Annotated[str, Field(max_length=320)]
