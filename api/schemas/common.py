"""What every request and response model shares: text checks, instants, the problem body."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from flask import Response
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import to_json


# Compared case-insensitively with the suppression list, so kept in lower case.
def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must contain text, not only spaces or line breaks")
    return text


# Free text that must say something: whitespace alone is refused.
NotBlank = AfterValidator(_not_blank)


Email = Annotated[str, Field(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"), AfterValidator(str.lower)]


Version = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _storable(value: Any) -> Any:
    """Text must survive every database: no NUL characters, no unpaired surrogates."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("must not contain NUL (\\u0000) characters")
        if any("\ud800" <= character <= "\udfff" for character in value):
            raise ValueError("must be valid Unicode text (it contains an unpaired surrogate)")
    elif isinstance(value, list):
        for item in value:
            _storable(item)
    return value


class Input(BaseModel):
    """Every request part (path, query, body) is checked for text no database would store.

    flask-openapi3 asks a request part's model for its JSON Schema on every request (to learn
    which parameters are lists), and pydantic builds the schema anew each time (~0.4 ms); a
    class's schema never changes, so the plain call is answered from a per-class copy."""

    _text_is_storable = field_validator("*", mode="after")(_storable)

    @classmethod
    def model_json_schema(cls, *args, **kwargs) -> dict[str, Any]:
        if args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        if cls not in _INPUT_SCHEMAS:
            _INPUT_SCHEMAS[cls] = super().model_json_schema()
        return _INPUT_SCHEMAS[cls]


_INPUT_SCHEMAS: dict[type[Input], dict[str, Any]] = {}


class Strict(Input):
    model_config = ConfigDict(extra="forbid")


# Instants the product computes with (deadlines lie up to 90 days after one) without
# reaching the limits of datetime.
EARLIEST_INSTANT = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(9000, 1, 1, tzinfo=UTC)


def _parse_instant(value: Any) -> datetime:
    """An ISO 8601 datetime (UTC when it has no offset) or date (UTC midnight), in UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("must be an ISO 8601 date or datetime, e.g. 2026-11-20 or 2026-11-20T14:30:00Z") from None
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    elif not isinstance(value, datetime):
        raise ValueError("must be an ISO 8601 date or datetime string")
    try:
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:
        value = None
    if value is None or not EARLIEST_INSTANT <= value <= LATEST_INSTANT:
        raise ValueError(f"must lie between {EARLIEST_INSTANT.date()} and {LATEST_INSTANT.date()}")
    return value


Instant = Annotated[
    datetime,
    PlainValidator(_parse_instant),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}),
]


class Problem(BaseModel):
    """RFC 9457 problem details; `errors` lists each invalid field as {field, message}."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, str]] | None = None
    reasons: list[str] | None = None
    existing_case_id: str | None = None
    current_version: int | None = None
    limit: str | None = Field(None, description="template-limit-exceeded: the render limit the template ran into.")


PROBLEM_RESPONSE = {
    "description": "RFC 9457 problem details",
    "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
}


def json_response(
    content: BaseModel | dict[str, Any], status: int = 200, headers: dict[str, Any] | None = None
) -> Response:
    """A model, or plain values already in a model's shape (workflow/cases/representation.py),
    written by pydantic's serializer: the same bytes either way."""
    body = content.model_dump_json() if isinstance(content, BaseModel) else to_json(content)
    return Response(body, status=status, mimetype="application/json", headers=headers)
