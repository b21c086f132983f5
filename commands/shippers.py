"""`feedback-desk shippers ...`: fulfilment network accounts."""

from __future__ import annotations

import click

from api.extensions import db
from commands.errors import CommandGroup
from workflow import accounts
from workflow.people import tokens
from workflow.people.models import SHIPPER

shippers_group = CommandGroup("shippers", help="Shipper (fulfilment network) accounts.")


@shippers_group.command("create")
@click.argument("name")
@click.option("--allow-duplicate-name", is_flag=True, help="Create the shipper even if one has this name already.")
def create_shipper_command(name: str, allow_duplicate_name: bool) -> None:
    """Create a shipper; the last line printed is its API token (shown once, stored hashed)."""
    shipper, token = accounts.create_shipper(db.session(), name, allow_duplicate_name=allow_duplicate_name)
    click.echo(f"shipper {shipper.id} created for {shipper.name!r}; its API token (shown only now):")
    click.echo(token)


@shippers_group.command("link")
@click.argument("shipper_id")
@click.argument("seller_id")
def link_command(shipper_id: str, seller_id: str) -> None:
    """Record that SHIPPER fulfils orders for SELLER (ids as printed at creation)."""
    accounts.link_shipper(db.session(), shipper_id, seller_id)
    click.echo(f"shipper {shipper_id} now serves seller {seller_id}")


@shippers_group.command("list")
def list_shippers_command() -> None:
    """Every shipper: id and name, oldest first."""
    for account in tokens.accounts(db.session(), SHIPPER):
        click.echo(f"{account.id}\t{account.name}")
