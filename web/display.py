"""How the web app shows things: instants in the person's time zone, names of codes, refusals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_login import current_user
from markupsafe import Markup, escape
from pydantic import ValidationError

from web import charts
from web.blueprint import blueprint
from workflow.errors import DomainError
from workflow.policy import FEEDBACK_TYPES_BY_CODE, GROUND_DESCRIPTIONS, RemovalGround


@dataclass
class Problem:
    """A refusal as the page shows it: the sentence, and each field's own message."""

    status: int
    detail: str
    errors: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    title: str = "That did not work"


def problem_of(error: DomainError | ValidationError) -> Problem:
    if isinstance(error, ValidationError):
        errors = {}
        for item in error.errors(include_url=False, include_context=False, include_input=False):
            name = ".".join(str(part) for part in item["loc"]) or "form"
            errors.setdefault(name, item["msg"].removeprefix("Value error, "))
        return Problem(422, "Some fields need a change: see the messages next to them.", errors)
    errors = {e["field"]: e["message"] for e in error.extensions.get("errors", [])}
    reasons = list(error.extensions.get("reasons") or error.extensions.get("violations") or [])
    detail = "Some fields need a change: see the messages next to them." if errors and not reasons else error.detail
    return Problem(error.status, detail, errors, reasons, error.title)


def _zone() -> ZoneInfo:
    name = getattr(current_user, "time_zone", None) or "UTC"
    return ZoneInfo(name)


def when(instant: datetime | None, style: str = "datetime") -> Markup:
    """<time> in the person's zone, with UTC on hover."""
    if instant is None:
        return Markup("&mdash;")
    zone = _zone()
    local = instant.astimezone(zone)
    text = local.strftime("%d %b %Y") if style == "date" else local.strftime("%d %b %Y, %H:%M")
    if style != "date" and zone.key != "UTC":
        text += " " + (local.tzname() or "")
    utc = instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return Markup(f'<time datetime="{escape(instant.astimezone(UTC).isoformat())}" title="{utc}">{escape(text)}</time>')


def label_of(code: str | None) -> str:
    """A feedback type's label from the policy table, else the code in words."""
    if code is None:
        return ""
    if code in FEEDBACK_TYPES_BY_CODE:
        return FEEDBACK_TYPES_BY_CODE[code].label
    return code.replace("_", " ").capitalize()


def ground_description(code: str) -> str:
    return GROUND_DESCRIPTIONS[RemovalGround(code)]


blueprint.add_app_template_filter(when, "when")
blueprint.add_app_template_filter(label_of, "label")
blueprint.add_app_template_filter(ground_description, "ground_description")
blueprint.add_app_template_global(charts, "charts")
