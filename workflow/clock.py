from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(instant: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant.astimezone(UTC)


def iso_utc(instant: datetime) -> str:
    """ISO 8601 in UTC with a Z, as the API writes every instant."""
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")
