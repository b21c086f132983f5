"""One error handler for every command: a refusal is one line on stderr and exit code 1.

A DomainError says what was wrong in its detail; a database that refuses (not migrated, not
reachable) or an address already in use is an operator's problem with one line to say so.
Anything else is a bug and keeps its traceback."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from workflow.errors import DomainError
from workflow.settings import SettingError


def _first_line(error: BaseException) -> str:
    return (str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__])[0]


# How the drivers say that the database cannot be reached at all (psycopg, sqlite3).
UNREACHABLE = ("connection failed", "could not connect", "unable to open database file")


def _hint(error: SQLAlchemyError) -> str:
    """What to check: a database that cannot be reached is not helped by migrating it."""
    if any(words in _first_line(error).lower() for words in UNREACHABLE):
        return "is DATABASE_URL right and the database server running?"
    return "is it migrated? run 'feedback-desk db upgrade'"


class OneLineErrors:
    """Mixin for click commands and groups (a group's handler covers its subcommands)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DomainError as error:
            raise click.ClickException(error.detail) from None
        except SettingError as error:  # raised while the app is made: names the variable
            raise click.ClickException(str(error)) from None
        except SQLAlchemyError as error:
            raise click.ClickException(f"the database refused: {_first_line(error)} ({_hint(error)})") from None
        except OSError as error:
            raise click.ClickException(_first_line(error)) from None


class CommandGroup(OneLineErrors, AppGroup):
    """A group of feedback-desk commands, run in the app context."""


class Command(OneLineErrors, click.Command):
    """A single feedback-desk command."""
