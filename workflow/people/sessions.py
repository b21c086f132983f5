"""Signing in with email and password, the sessions that follow, and signing out everywhere."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.errors import InvalidInput, NotFound
from workflow.people import passwords
from workflow.people.errors import SignInRefused
from workflow.people.models import Person
from workflow.transactions import read_transaction, write_transaction


def sign_in(session: Session, email: str, password: str) -> Person:
    """The person whose email and password these are. One sentence for every refusal, so the
    answer does not tell which addresses have an account."""
    with write_transaction(session):
        person = session.scalar(select(Person).where(Person.email == email.strip().lower()))
        if not passwords.verify(person.password_hash if person else None, password):
            raise SignInRefused("the email address or the password is not right")
        if passwords.needs_rehash(person.password_hash):
            person.password_hash = passwords.hash_password(password)
    return person


def signed_in_person(session: Session, person_id: str, generation: int) -> Person | None:
    """The person of a session, unless they signed out everywhere since it began."""
    with read_transaction(session):
        person = session.get(Person, person_id)
    if person is None or person.session_generation != generation or person.password_hash is None:
        return None
    return person


def sign_out_everywhere(session: Session, person_id: str) -> None:
    """Every session of the person ends, on every device."""
    with write_transaction(session):
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"no person {person_id!r}")
        person.session_generation += 1


def set_time_zone(session: Session, person_id: str, time_zone: str) -> Person:
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            [{"field": "time_zone", "message": f"{time_zone!r} is not an IANA time zone, e.g. Europe/Berlin"}]
        ) from None
    with write_transaction(session):
        person = session.get(Person, person_id)
        person.time_zone = time_zone
    return person


@cache
def time_zones() -> list[str]:
    return sorted(zone for zone in available_timezones() if "/" in zone or zone == "UTC")


def people_of(session: Session, kind: str, account_id: str) -> list[Person]:
    column = Person.seller_id if kind == "seller" else Person.shipper_id
    with read_transaction(session):
        return list(session.scalars(select(Person).where(column == account_id).order_by(Person.email)))
