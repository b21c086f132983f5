"""The `feedback-desk` command: Flask's CLI around the application factory, and every command
of the product (sellers, shippers, worker, mail-catcher).

The app registers the commands itself (`register_commands`, called by create_app), so they
exist both here and in Flask's test CLI runner."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup

from api import create_app
from commands.errors import OneLineErrors


def register_commands(app: Flask) -> None:
    from commands.mail_catcher import mail_catcher_command
    from commands.sellers import sellers_group
    from commands.shippers import shippers_group
    from commands.worker import worker_command

    for command in (sellers_group, shippers_group, worker_command, mail_catcher_command):
        app.cli.add_command(command)


class FeedbackDeskGroup(OneLineErrors, FlaskGroup):
    """Flask's CLI, with the product's one-line errors for its own commands too (db, run)."""


@click.group(cls=FeedbackDeskGroup, create_app=create_app, add_version_option=False)
def cli() -> None:
    """feedback-desk: negative seller feedback cases."""
