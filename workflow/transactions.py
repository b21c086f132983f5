"""One use case, one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from workflow.db import WRITE_LOCK


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """One use case, one transaction: commit all of it, or on any exception none of it."""
    if session.in_transaction():
        raise RuntimeError("a use case opens its own transaction; end the session's current one first")
    session.connection(execution_options=WRITE_LOCK)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
