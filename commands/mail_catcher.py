"""A local SMTP server that keeps every message as an .eml file: what `make run` sends to."""

from __future__ import annotations

import signal
import threading
import time
import uuid
from pathlib import Path

import click
from aiosmtpd.controller import Controller

from commands.errors import Command


class EmlDirectoryHandler:
    """aiosmtpd handler: each accepted message becomes <directory>/<time>-<id>.eml."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        (self.directory / name).write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


@click.command("mail-catcher", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8025, show_default=True)
@click.option("--directory", default="instance/mail", show_default=True, type=click.Path(path_type=Path))
def mail_catcher_command(host: str, port: int, directory: Path) -> None:
    """Accept mail on HOST:PORT and store each message as an .eml file (local use only)."""
    controller = Controller(EmlDirectoryHandler(directory), hostname=host, port=port)
    controller.start()
    click.echo(f"catching mail on {host}:{port} into {directory}/")
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()
