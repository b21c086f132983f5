"""`feedback-desk sellers ...`: seller accounts."""

from __future__ import annotations

import click

from api.extensions import db
from commands.errors import CommandGroup
from workflow.accounts import create_seller
from workflow.people import tokens
from workflow.people.models import SELLER

sellers_group = CommandGroup("sellers", help="Seller accounts.")


@sellers_group.command("create")
@click.argument("name")
@click.option("--allow-duplicate-name", is_flag=True, help="Create the seller even if one has this name already.")
def create_seller_command(name: str, allow_duplicate_name: bool) -> None:
    """Create a seller; the last line printed is its API token (shown once, stored hashed)."""
    seller, token = create_seller(db.session(), name, allow_duplicate_name=allow_duplicate_name)
    click.echo(f"seller {seller.id} created for {seller.name!r}; its API token (shown only now):")
    click.echo(token)


@sellers_group.command("list")
def list_sellers_command() -> None:
    """Every seller: id and name, oldest first."""
    for account in tokens.accounts(db.session(), SELLER):
        click.echo(f"{account.id}\t{account.name}")
