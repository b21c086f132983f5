"""Accounts: sellers, shippers (fulfilment networks) and the links between them, and their
bearer tokens (stored only as SHA-256 digests)."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.errors import DomainError, InvalidInput, NotFound
from workflow.models import ApiToken, Seller, Shipper, ShipperLink, ShipperToken
from workflow.transactions import read_transaction, write_transaction

TOKEN_PREFIX = "fd_"
SHIPPER_TOKEN_PREFIX = "fds_"
NAME_MAX_LENGTH = 200  # the name columns' size


def hash_token(token: str) -> str:
    # Tokens carry 256 random bits, so a fast digest is enough: there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(prefix: str) -> tuple[str, str]:
    """A new bearer token and the digest to store; the token itself is shown once, never kept."""
    token = prefix + secrets.token_urlsafe(32)
    return token, hash_token(token)


def account_name(name: str, kind: str) -> str:
    """The name with its whitespace runs made one space. A seller's name signs every email to
    its buyers and a shipper's names it to its sellers, so an empty one is refused."""
    tidy = " ".join(name.split())
    if not tidy:
        raise InvalidInput([{"field": "name", "message": f"give the {kind} a name: it cannot be empty or only spaces"}])
    if len(tidy) > NAME_MAX_LENGTH:
        raise InvalidInput(
            [{"field": "name", "message": f"is {len(tidy)} characters long; the limit is {NAME_MAX_LENGTH}"}]
        )
    return tidy


class NameTaken(DomainError):
    status = 409
    slug = "account-name-taken"
    title = "An account of this kind has this name already"


def _refuse_name_in_use_within(session: Session, account: type[Seller | Shipper], kind: str, name: str) -> None:
    """Two sellers, or two shippers, of one name are easily mixed up (a seller picks its
    shipper by name), so a name in use is refused unless the caller asks for a duplicate."""
    existing = session.scalar(select(account.id).where(account.name == name).limit(1))
    if existing is not None:
        raise NameTaken(
            f"a {kind} named {name!r} exists already ({existing}); "
            "allow a duplicate name (--allow-duplicate-name) to create another",
            existing_account_id=existing,
        )


def create_seller(session: Session, name: str, *, allow_duplicate_name: bool = False) -> tuple[Seller, str]:
    """A new seller and its first token."""
    name = account_name(name, "seller")
    token, digest = new_token(TOKEN_PREFIX)
    with write_transaction(session):
        if not allow_duplicate_name:
            _refuse_name_in_use_within(session, Seller, "seller", name)
        seller = Seller(name=name)
        session.add(seller)
        session.flush()
        session.add(ApiToken(token_hash=digest, seller_id=seller.id))
    return seller, token


def require_seller(session: Session, seller_id: str) -> None:
    """404 unless the seller exists (for commands, which name sellers by id)."""
    if session.get(Seller, seller_id) is None:
        raise NotFound(f"no seller {seller_id!r}")


def seller_for_token(session: Session, token: str) -> str | None:
    """The seller a token belongs to, read in a transaction of its own."""
    with read_transaction(session):
        return session.scalar(select(ApiToken.seller_id).where(ApiToken.token_hash == hash_token(token)))


def create_shipper(session: Session, name: str, *, allow_duplicate_name: bool = False) -> tuple[Shipper, str]:
    """A new shipper and its first token."""
    name = account_name(name, "shipper")
    token, digest = new_token(SHIPPER_TOKEN_PREFIX)
    with write_transaction(session):
        if not allow_duplicate_name:
            _refuse_name_in_use_within(session, Shipper, "shipper", name)
        shipper = Shipper(name=name)
        session.add(shipper)
        session.flush()
        session.add(ShipperToken(token_hash=digest, shipper_id=shipper.id))
    return shipper, token


def link_shipper(session: Session, shipper_id: str, seller_id: str) -> None:
    with write_transaction(session):
        if session.get(Shipper, shipper_id) is None:
            raise NotFound(f"no shipper {shipper_id!r}")
        if session.get(Seller, seller_id) is None:
            raise NotFound(f"no seller {seller_id!r}")
        if session.get(ShipperLink, (shipper_id, seller_id)) is None:
            session.add(ShipperLink(shipper_id=shipper_id, seller_id=seller_id))


def shipper_for_token(session: Session, token: str) -> str | None:
    with read_transaction(session):
        return session.scalar(select(ShipperToken.shipper_id).where(ShipperToken.token_hash == hash_token(token)))


def shipper_serves_within(session: Session, shipper_id: str, seller_id: str) -> bool:
    return session.get(ShipperLink, (shipper_id, seller_id)) is not None
