"""Refusals of the domain. Each carries what the API needs for an RFC 9457 problem body."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFound(DomainError):
    status = 404
    slug = "not-found"
    title = "Not found"


class InvalidInput(DomainError):
    """422: `errors` lists each offending field as {"field", "message"}."""

    status = 422
    slug = "invalid-input"
    title = "The request is not valid"

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors), errors=errors)


class DuplicateCase(DomainError):
    status = 409
    slug = "duplicate-case"
    title = "A case for this order exists already"


class EventRefused(DomainError):
    status = 409
    slug = "event-not-allowed"
    title = "The event is not allowed now"


class StaleVersion(DomainError):
    status = 409
    slug = "stale-version"
    title = "The case has changed since you read it"


class CaseClosed(DomainError):
    status = 409
    slug = "case-closed"
    title = "The case is closed"


class NoRemovalGrounds(DomainError):
    status = 409
    slug = "no-removal-grounds"
    title = "The case has no Amazon removal grounds"
