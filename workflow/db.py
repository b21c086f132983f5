"""Declarative base, column types and engine set-up shared by SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

from sqlalchemy import DateTime, Engine, MetaData, event
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend.

    SQLite keeps no offset, so values are stored as naive UTC and given their zone back on load.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; the domain works in aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def result_processor(self, dialect, coltype):
        if dialect.name == "sqlite":
            return _utc_from_sqlite_text
        return super().result_processor(dialect, coltype)

    def process_result_value(self, value: datetime | None, dialect):
        """PostgreSQL's aware datetimes, in UTC (SQLite's are read by _utc_from_sqlite_text)."""
        return None if value is None else value.astimezone(UTC)


def _utc_from_sqlite_text(text: str | None) -> datetime | None:
    """SQLite hands back the text written above, naive UTC ("2026-11-20 14:30:00.000000"). Read
    with its zone appended, it costs a tenth of reading it naive and then replacing its zone
    (`datetime.replace` is slow): a page of cases holds some 350 instants."""
    return None if text is None else datetime.fromisoformat(text + "+00:00")


BUSY_TIMEOUT_MS = 10_000
# SQLite copies the WAL back into the database file, and syncs both, once the WAL holds this
# many pages; the commit that crosses the mark does it. At SQLite's default of 1,000, a new case
# (about 30 pages with its indexes) paid a checkpoint of 10-25 ms every 35 commits or so; at
# 10,000 (a WAL of up to 40 MB) they come ten times less often, and a page written by many
# commits in between (an index's last leaf) is copied once.
WAL_CHECKPOINT_PAGES = 10_000

# Execution option of a transaction that will write: on SQLite it begins IMMEDIATE.
WRITE_LOCK = {"sqlite_write_lock": True}


def configure_engine(engine: Engine) -> None:
    """Give SQLite the guarantees PostgreSQL has by default.

    A transaction begun with WRITE_LOCK takes SQLite's write lock up front (BEGIN IMMEDIATE), so
    two processes changing one case queue up instead of one failing on a stale snapshot halfway
    through. Reads begin deferred and, with WAL, never wait for writers.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, not by the driver
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # On the driver's connection, as IMMEDIATE below: through SQLAlchemy's statement
        # machinery a BEGIN cost a third of a one-row read.
        if connection.get_execution_options().get("sqlite_write_lock", False):
            _begin_immediate(connection.connection.driver_connection)
        else:
            connection.connection.driver_connection.execute("BEGIN")


_LOCK_POLL_SECONDS = 0.0002


def _begin_immediate(dbapi_connection: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, polling for the write lock every 0.2 ms for up to BUSY_TIMEOUT_MS.

    SQLite's own busy handler sleeps 1, 2, 5, 10 ... 100 ms between tries; with writers that
    hold the lock for about a millisecond each, a waiter could sleep through dozens of them.
    """
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    try:
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(_LOCK_POLL_SECONDS)
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
