"""`feedback-desk worker`: the worker process."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from commands.errors import Command
from worker.runner import Worker
from workflow.clock import as_utc, utcnow


@click.command("worker", cls=Command)
@click.option("--once", is_flag=True, help="Do everything due, then exit (for cron and tests).")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]),
    help="Evaluate deadlines and due messages at this instant (UTC unless an offset is given).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print everything a run would do (emails, webhooks, expiries, deadline notices, overdue "
    "documentation requests); change nothing.",
)
@click.option("--batch-size", default=100, show_default=True, help="Messages (and webhook deliveries) per claim.")
@click.option("--poll-seconds", default=1.0, show_default=True)
@with_appcontext
def worker_command(once: bool, as_of: datetime | None, dry_run: bool, batch_size: int, poll_seconds: float) -> None:
    """Deliver queued emails and expire cases whose deadlines have passed."""
    worker = Worker(current_app._get_current_object(), batch_size=batch_size, poll_seconds=poll_seconds)
    instant = as_utc(as_of) if as_of else None
    if dry_run:
        for line in worker.describe_due(instant or utcnow()) or ["nothing is due"]:
            click.echo(line)
        return
    worker.run(once=once, as_of=instant)
