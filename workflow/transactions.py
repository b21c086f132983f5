"""The one transaction rule: each public use case is one transaction of its own.

A use case that changes something opens `write_transaction`, one that only reads opens
`read_transaction` (or `read_connection`, when it reads with Core only); all refuse to start
inside a transaction already open, so two use cases never share one by accident, and each
leaves the session with no transaction open.

Functions that run inside their caller's transaction say so: by a name ending in `_within`
(`transition_within`, `suppress_within`, ...), or by living in a module that holds only such
functions: cases/repository.py (queries), webhooks/events.py (emitting), and the listeners
that workflow/effects.py attaches to a transition.

The session is expected to keep objects loaded after commit (`expire_on_commit=False`): a
use case returns the rows it committed, and callers read them without another query. A
refused write rolls back, which expires every object of the session: read again through a
use case rather than touching them (that would begin a transaction outside any use case).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workflow.db import WRITE_LOCK
from workflow.errors import DomainError


def _refuse_nested(session: Session) -> None:
    if session.in_transaction():
        raise RuntimeError("a use case opens its own transaction; end the session's current one first")


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """One use case, one transaction: commit all of it, or on any exception none of it."""
    _refuse_nested(session)
    session.connection(execution_options=WRITE_LOCK)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


@contextmanager
def write_transaction_on(connection: Connection) -> Iterator[Connection]:
    """write_transaction for a use case that writes Core statements on a connection its caller
    holds, with no session: the worker records each email's outcome this way, on one
    connection per batch, without the session's bookkeeping and a pool checkout per message.
    A transaction already open on the connection is refused, as write_transaction refuses."""
    with connection.execution_options(**WRITE_LOCK).begin():
        yield connection


@contextmanager
def _ending_with_commit(commit: Callable[[], None], rollback: Callable[[], None]) -> Iterator[None]:
    """How a read ends: with COMMIT, also when the use case refuses (404): there is nothing to
    undo, and psycopg 3 drops its prepared statements on ROLLBACK. Any other error rolls back."""
    try:
        yield
    except DomainError:
        commit()
        raise
    except BaseException:
        rollback()
        raise
    else:
        commit()


@contextmanager
def read_transaction(session: Session) -> Iterator[Session]:
    """One reading use case, one snapshot, read through the session."""
    _refuse_nested(session)
    session.begin()
    with _ending_with_commit(session.commit, session.rollback):
        yield session


@contextmanager
def read_connection(session: Session) -> Iterator[Connection]:
    """One reading use case, one snapshot, read with Core on a connection of the session's
    engine: it ends as read_transaction does, without the session's transaction bookkeeping
    (about a sixth of reading one case). Nothing read here joins the session."""
    _refuse_nested(session)
    with session.get_bind().connect() as connection:
        connection.begin()
        with _ending_with_commit(connection.commit, connection.rollback):
            yield connection


def inserted_within(session: Session, row: object) -> bool:
    """Add `row` under a savepoint and flush it: False, with nothing added, when a row with
    its key exists already, even one a concurrent transaction committed a moment ago (a
    second identical request then answers like the first instead of failing)."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True
