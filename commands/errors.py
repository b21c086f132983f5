"""One error handler for every command: a refusal is one line on stderr and exit code 1; a
command line click cannot parse (an unknown option or command, a bad value) is one line too,
with click's exit code 2.

A DomainError says what was wrong in its detail; a database that refuses (not migrated, not
reachable) or an address already in use is an operator's problem with one line to say so.
Anything else is a bug and keeps its traceback."""

from __future__ import annotations

import click
from click.exceptions import NoArgsIsHelpError
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


def _one_line_usage(error: click.UsageError) -> click.UsageError:
    """The same complaint without click's usage block: a UsageError without a context is shown
    as its message alone, so the way to help goes into the message."""
    if error.ctx is None or isinstance(error, NoArgsIsHelpError):  # a bare group shows its help
        return error
    return click.UsageError(f"{error.format_message().rstrip('.')} (see '{error.ctx.command_path} --help')")


class OneLineErrors:
    """Mixin for click commands and groups (a group's handler covers its subcommands, including
    Flask's and Flask-Migrate's own)."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as error:
            raise _one_line_usage(error) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _one_line_usage(error) from None
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
