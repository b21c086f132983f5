"""`feedback-desk import ...` and `feedback-desk amazon ...`: bringing feedback in."""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from api.extensions import db
from commands.errors import Command, CommandGroup
from workflow.clock import iso_utc, utcnow
from workflow.intake import amazon_pull, credentials, use_cases
from workflow.intake.amazon import MARKETPLACE_IDS, REGION_MARKETPLACES
from workflow.intake.models import AmazonReportRequest

DAY = click.DateTime(["%Y-%m-%d"])


class _Counted(io.RawIOBase):
    """A file read through a progress bar."""

    def __init__(self, file, bar) -> None:
        self.file, self.bar = file, bar

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.file.readinto(buffer)
        self.bar.update(count)
        return count


@click.command("import", cls=Command)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--seller", "seller_id", required=True, help="The seller's id (as `sellers create` printed it).")
@click.option("--marketplace", required=True, type=click.Choice(sorted(MARKETPLACE_IDS)), help="e.g. DE")
@click.option("--covers-from", type=DAY, help="First day the report covers (YYYY-MM-DD); needs --covers-to.")
@click.option("--covers-to", type=DAY, help="Last day the report covers: feedback of the period missing is removed.")
@click.option("--charset", help="The file's encoding, if you know it (detected otherwise).")
@with_appcontext
def import_command(
    file: Path,
    seller_id: str,
    marketplace: str,
    covers_from: datetime | None,
    covers_to: datetime | None,
    charset: str | None,
) -> None:
    """Import a seller feedback report FILE (as downloaded from Seller Central's Feedback Manager)."""
    settings = current_app.config["SETTINGS"]
    with (
        file.open("rb", buffering=0) as raw,
        click.progressbar(length=file.stat().st_size, label=f"importing {file.name}", file=sys.stderr) as bar,
    ):
        done = use_cases.import_report(
            db.session(),
            seller_id,
            io.BufferedReader(_Counted(raw, bar)),
            marketplace,
            covers_from.date() if covers_from else None,
            covers_to.date() if covers_to else None,
            settings,
            utcnow(),
            charset=charset,
            filename=file.name,
        )
    click.echo(
        f"import {done.id}: {done.rows_read} rows read, {done.negative_rows} negative, {done.neutral_rows} neutral; "
        f"cases: {done.cases_opened} opened, {done.cases_known} already known, {done.cases_updated} updated, "
        f"{done.cases_closed_by_rating} closed by a raised rating, {done.cases_closed_by_disappearance} closed "
        f"as removed; {done.rejected_rows} rows rejected"
    )
    for rejection in done.rejections[:20]:
        click.echo(f"  line {rejection.line}: {rejection.reason}")


amazon_group = CommandGroup(
    "amazon", help="Amazon seller accounts connected for the feedback report the worker pulls daily."
)


def _marketplaces(_context, _parameter, value: str) -> list[str]:
    codes = [code.strip().upper() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in MARKETPLACE_IDS]
    if unknown or not codes:
        raise click.BadParameter(f"give marketplace codes separated by commas, from {', '.join(MARKETPLACE_IDS)}")
    return codes


@amazon_group.command("connect")
@click.option("--seller", "seller_id", required=True, help="The seller's id.")
@click.option("--region", required=True, type=click.Choice(sorted(REGION_MARKETPLACES)))
@click.option("--marketplaces", required=True, callback=_marketplaces, help="e.g. DE,FR,IT")
@click.option("--client-id", envvar="AMAZON_CLIENT_ID", required=True, help="The app's LWA client id.")
@click.option(
    "--client-secret", envvar="AMAZON_CLIENT_SECRET", prompt=True, hide_input=True, help="The app's LWA client secret."
)
@click.option(
    "--refresh-token", envvar="AMAZON_REFRESH_TOKEN", prompt=True, hide_input=True, help="The seller's refresh token."
)
def connect_command(
    seller_id: str, region: str, marketplaces: list[str], client_id: str, client_secret: str, refresh_token: str
) -> None:
    """Store an Amazon seller account's credentials (encrypted) for the daily report pull.

    Secrets come from the options, from AMAZON_CLIENT_SECRET and AMAZON_REFRESH_TOKEN, or a prompt."""
    connection = amazon_pull.connect(
        db.session(),
        seller_id,
        region=region,
        marketplaces=marketplaces,
        client_id=client_id,
        client_secret=client_secret,
        refresh_token=refresh_token,
        settings=current_app.config["SETTINGS"],
        now=utcnow(),
    )
    click.echo(
        f"Amazon connection {connection.id} stored for seller {seller_id}: the worker requests the feedback report "
        f"of {', '.join(connection.marketplaces)} once a day"
    )


def _when(instant: datetime) -> str:
    return iso_utc(instant.replace(microsecond=0))  # to the second: an operator reads these


def _pull(marketplace: str, request: AmazonReportRequest | None) -> str:
    if request is None:
        return f"  {marketplace}: not pulled yet"
    line = f"  {marketplace}: {request.status}, requested {_when(request.requested_at)}"
    if request.finished_at is not None:
        line += f", finished {_when(request.finished_at)}"
    if request.import_id is not None:
        line += f", import {request.import_id}"
    return line + (f": {request.error}" if request.error else "")


@amazon_group.command("list")
@click.option("--seller", "seller_id", required=True, help="The seller's id.")
def list_command(seller_id: str) -> None:
    """The seller's Amazon connections and how each marketplace's latest pull went (secrets are never shown)."""
    connections = amazon_pull.list_connections(db.session(), seller_id)
    if not connections:
        click.echo(f"seller {seller_id} has no Amazon connection")
    for connection, requests in connections:
        click.echo(
            f"{connection.id}\tregion {connection.region}\t{', '.join(connection.marketplaces)}\t"
            f"connected {_when(connection.created_at)}"
        )
        latest = {request.marketplace: request for request in requests}
        for marketplace in connection.marketplaces:
            click.echo(_pull(marketplace, latest.get(marketplace)))


@amazon_group.command("disconnect")
@click.option("--seller", "seller_id", required=True, help="The seller's id.")
@click.argument("connection_id")
def disconnect_command(seller_id: str, connection_id: str) -> None:
    """Disconnect the seller's Amazon connection CONNECTION_ID: its daily pull stops and its stored credentials are
    deleted."""
    amazon_pull.disconnect(db.session(), seller_id, connection_id)
    click.echo(
        f"Amazon connection {connection_id} of seller {seller_id} disconnected: "
        "its daily pull stops and its stored credentials are deleted"
    )


@amazon_group.command("new-key")
def new_key_command() -> None:
    """Print a new key for the CREDENTIALS_KEY setting (keep it secret, and keep it: stored credentials need it)."""
    click.echo(credentials.new_key())
