"""An account's API tokens: created with a label and shown once, listed with when each was
last used, revoked. Only SHA-256 digests are stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from workflow.accounts import SHIPPER_TOKEN_PREFIX, TOKEN_PREFIX, hash_token, new_token
from workflow.errors import InvalidInput, NotFound
from workflow.models import ApiToken, Seller, Shipper, ShipperToken
from workflow.people.models import SELLER, SHIPPER
from workflow.transactions import read_transaction, write_transaction

MAX_LABEL_LENGTH = 100


@dataclass(frozen=True)
class _Kind:
    table: type
    account_column: object
    account_table: type
    prefix: str


_KINDS = {
    SELLER: _Kind(ApiToken, ApiToken.seller_id, Seller, TOKEN_PREFIX),
    SHIPPER: _Kind(ShipperToken, ShipperToken.shipper_id, Shipper, SHIPPER_TOKEN_PREFIX),
}


@dataclass(frozen=True)
class Account:
    kind: str
    id: str
    name: str


def create_token(session: Session, kind: str, account_id: str, label: str, now: datetime):
    """A new token for the account; the token itself is returned once and never kept."""
    label = label.strip()
    if not label or len(label) > MAX_LABEL_LENGTH:
        raise InvalidInput(
            [{"field": "label", "message": f"must say what the token is for, in 1 to {MAX_LABEL_LENGTH} characters"}]
        )
    spec = _KINDS[kind]
    token, digest = new_token(spec.prefix)
    with write_transaction(session):
        row = spec.table(token_hash=digest, label=label, created_at=now, **{spec.account_column.key: account_id})
        session.add(row)
    return row, token


def tokens_of(session: Session, kind: str, account_id: str) -> list:
    spec = _KINDS[kind]
    with read_transaction(session):
        return list(
            session.scalars(select(spec.table).where(spec.account_column == account_id).order_by(spec.table.created_at))
        )


def revoke_token(session: Session, kind: str, account_id: str, token_hash: str) -> None:
    spec = _KINDS[kind]
    with write_transaction(session):
        deleted = session.execute(
            delete(spec.table).where(spec.table.token_hash == token_hash, spec.account_column == account_id)
        ).rowcount
        if not deleted:
            raise NotFound("no such token: it was revoked already")


def record_use(session: Session, kind: str, token: str, now: datetime) -> None:
    """Note when a token was last used (the API calls this at most once a minute per token)."""
    table = _KINDS[kind].table
    with write_transaction(session):
        session.execute(update(table).where(table.token_hash == hash_token(token)).values(last_used_at=now))


def account_for_token(session: Session, kind: str, account_id: str) -> Account:
    spec = _KINDS[kind]
    with read_transaction(session):
        name = session.scalar(select(spec.account_table.name).where(spec.account_table.id == account_id))
    if name is None:
        raise NotFound(f"no {kind} {account_id!r}")
    return Account(kind, account_id, name)


def accounts(session: Session, kind: str) -> list[Account]:
    table = _KINDS[kind].account_table
    with read_transaction(session):
        rows = session.execute(select(table.id, table.name).order_by(table.created_at, table.id)).all()
    return [Account(kind, account_id, name) for account_id, name in rows]
