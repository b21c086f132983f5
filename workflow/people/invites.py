"""Inviting a person to an account, and the one-time link where they set their password."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workflow.accounts import hash_token, new_token
from workflow.errors import InvalidInput, NotFound
from workflow.models import Seller, Shipper
from workflow.people import passwords
from workflow.people.errors import InviteNotUsable, PersonExists
from workflow.people.models import SELLER, Invite, Person
from workflow.transactions import read_transaction, write_transaction

INVITE_VALID_FOR = timedelta(hours=24)
INVITE_TOKEN_PREFIX = "fdi_"
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def invite(session: Session, email: str, kind: str, account_id: str, now: datetime) -> tuple[Person, str]:
    """Add a person to a seller's or shipper's account (or invite them again while they have
    not set a password); returns the person and the invitation token, shown once. Earlier
    invitations of the person stop working."""
    email = email.strip().lower()
    if not EMAIL_PATTERN.match(email) or len(email) > 320:
        raise InvalidInput([{"field": "email", "message": "must be an email address like ana@example.com"}])
    token, digest = new_token(INVITE_TOKEN_PREFIX)
    with write_transaction(session):
        account = session.get(Seller if kind == SELLER else Shipper, account_id)
        if account is None:
            raise NotFound(f"no {kind} {account_id!r}")
        person = session.scalar(select(Person).where(Person.email == email).with_for_update())
        if person is None:
            person = Person(email=email, created_at=now, **{f"{kind}_id": account_id})
            session.add(person)
            session.flush()
        elif person.password_hash is not None or person.account_id != account_id:
            raise PersonExists(f"{email} has an account already: they sign in with their password")
        session.execute(
            update(Invite).where(Invite.person_id == person.id, Invite.used_at.is_(None)).values(used_at=now)
        )
        session.add(Invite(token_hash=digest, person_id=person.id, expires_at=now + INVITE_VALID_FOR, created_at=now))
    return person, token


def _usable_invite(session: Session, token: str, now: datetime, *, for_update: bool = False) -> Invite:
    query = select(Invite).where(Invite.token_hash == hash_token(token))
    invite = session.scalar(query.with_for_update() if for_update else query)
    if invite is None or invite.used_at is not None:
        raise InviteNotUsable("this invitation link was used already or replaced by a newer one: ask for a new one")
    if invite.expires_at <= now:
        raise InviteNotUsable(
            f"this invitation link expired on {invite.expires_at:%Y-%m-%d %H:%M} UTC: ask for a new one"
        )
    return invite


def invited_person(session: Session, token: str, now: datetime) -> Person:
    """Who an unused, unexpired invitation is for."""
    with read_transaction(session):
        return session.get(Person, _usable_invite(session, token, now).person_id)


def accept(session: Session, token: str, password: str, password_again: str, now: datetime) -> Person:
    """Set the invited person's password; the link then stops working."""
    errors = []
    if problem := passwords.problem_with(password):
        errors.append({"field": "password", "message": problem})
    elif password != password_again:
        errors.append({"field": "password_again", "message": "does not match the password"})
    with write_transaction(session):
        invite = _usable_invite(session, token, now, for_update=True)
        if errors:
            raise InvalidInput(errors)
        person = session.get(Person, invite.person_id)
        person.password_hash = passwords.hash_password(password)
        person.session_generation += 1
        invite.used_at = now
    return person
