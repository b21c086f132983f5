"""The `feedback-desk` command: Flask's CLI around the application factory."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup, with_appcontext

from api import create_app
from api.extensions import db
from workflow.accounts import create_seller


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False)
def cli() -> None:
    """feedback-desk: negative seller feedback cases."""


@cli.group()
def sellers() -> None:
    """Seller accounts."""


@sellers.command("create")
@click.argument("name")
@with_appcontext
def create_seller_command(name: str) -> None:
    """Create a seller; the last line printed is its API token (shown once, stored hashed)."""
    seller, token = create_seller(db.session(), name)
    click.echo(f"seller {seller.id} created for {name!r}; its API token (shown only now):")
    click.echo(token)
