"""Seller accounts and their bearer tokens (stored only as SHA-256 digests)."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.models import ApiToken, Seller
from workflow.transactions import write_transaction

TOKEN_PREFIX = "fd_"


def hash_token(token: str) -> str:
    # Tokens carry 256 random bits, so a fast digest is enough: there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(prefix: str) -> tuple[str, str]:
    """A new bearer token and the digest to store; the token itself is shown once, never kept."""
    token = prefix + secrets.token_urlsafe(32)
    return token, hash_token(token)


def create_seller(session: Session, name: str) -> tuple[Seller, str]:
    """A new seller and its first token."""
    token, digest = new_token(TOKEN_PREFIX)
    with write_transaction(session):
        seller = Seller(name=name)
        session.add(seller)
        session.flush()
        session.add(ApiToken(token_hash=digest, seller_id=seller.id))
    return seller, token


def seller_for_token(session: Session, token: str) -> str | None:
    """The seller a token belongs to, read in a transaction of its own."""
    with session.begin():
        return session.scalar(select(ApiToken.seller_id).where(ApiToken.token_hash == hash_token(token)))
