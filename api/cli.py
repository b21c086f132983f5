"""The `feedback-desk` command: Flask's CLI around the application factory.

The app registers its own commands (db, sellers, worker, mail-catcher) in create_app, so they
exist both here and in Flask's test CLI runner."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from api import create_app


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False)
def cli() -> None:
    """feedback-desk: negative seller feedback cases."""
