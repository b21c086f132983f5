"""`feedback-desk sellers ...`: seller accounts."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from api.extensions import db
from workflow.accounts import create_seller

sellers_group = AppGroup("sellers", help="Seller accounts.")


@sellers_group.command("create")
@click.argument("name")
def create_seller_command(name: str) -> None:
    """Create a seller; the last line printed is its API token (shown once, stored hashed)."""
    seller, token = create_seller(db.session(), name)
    click.echo(f"seller {seller.id} created for {name!r}; its API token (shown only now):")
    click.echo(token)
