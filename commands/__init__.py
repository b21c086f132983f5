"""The `feedback-desk` command: Flask's CLI around the application factory, and every command
of the product (sellers, shippers, users, worker, mail-catcher, import, amazon).

The app registers the commands itself (`register_commands`, called by create_app), so they
exist both here and in Flask's test CLI runner."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade
from flask_migrate.cli import db as migrations_group

from api import create_app
from commands.errors import OneLineErrors


def register_commands(app: Flask) -> None:
    from commands.intake import amazon_group, import_command
    from commands.mail_catcher import mail_catcher_command
    from commands.sellers import sellers_group
    from commands.shippers import shippers_group
    from commands.users import users_group
    from commands.worker import worker_command

    for command in (
        sellers_group,
        shippers_group,
        users_group,
        worker_command,
        mail_catcher_command,
        import_command,
        amazon_group,
    ):
        app.cli.add_command(command)


@click.command("upgrade")
@click.argument("revision", default="heads")
@with_appcontext
def upgrade_command(revision: str) -> None:
    """Upgrade the product's tables and every installed plug-in's to their newest revision."""
    upgrade(revision=revision)


# Flask-Migrate's `db` commands, except that `upgrade` goes to every head: each installed
# plug-in's migrations are a branch of their own (docs/listeners.md).
database_group = click.Group(
    migrations_group.name,
    commands={**migrations_group.commands, "upgrade": upgrade_command},
    callback=migrations_group.callback,
    params=migrations_group.params,
    help=migrations_group.help,
)


class FeedbackDeskGroup(OneLineErrors, FlaskGroup):
    """Flask's CLI, with the product's one-line errors for its own commands too (db, run), and
    the product's `db` group in place of Flask-Migrate's."""

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == database_group.name:
            return database_group
        return super().get_command(ctx, name)


@click.group(cls=FeedbackDeskGroup, create_app=create_app, add_version_option=False)
def cli() -> None:
    """feedback-desk: negative seller feedback cases."""
