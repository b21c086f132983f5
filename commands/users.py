"""`feedback-desk users ...`: people who sign in to the web app."""

from __future__ import annotations

import click
from flask import current_app

from api.extensions import db
from commands.errors import CommandGroup
from workflow.clock import utcnow
from workflow.people import invites
from workflow.people.models import SELLER, SHIPPER

users_group = CommandGroup("users", help="People who sign in to the web app.")


def invite_link(token: str) -> str:
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/app/invite/{token}"


@users_group.command("invite")
@click.argument("email")
@click.option("--seller", "seller_id", help="The seller account (id from 'sellers list').")
@click.option("--shipper", "shipper_id", help="The shipper account (id from 'shippers list').")
def invite_command(email: str, seller_id: str | None, shipper_id: str | None) -> None:
    """Invite EMAIL to a seller's or a shipper's account; prints a link, valid 24 hours,
    where they set their password."""
    if bool(seller_id) == bool(shipper_id):
        raise click.UsageError("give exactly one of --seller ID and --shipper ID")
    kind, account_id = (SELLER, seller_id) if seller_id else (SHIPPER, shipper_id)
    person, token = invites.invite(db.session(), email, kind, account_id, utcnow())
    click.echo(f"{person.email} is invited to {kind} {account_id}; the link works once, for 24 hours:")
    click.echo(invite_link(token))
