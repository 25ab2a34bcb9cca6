"""``flask --app pb send-mail [--watch]``: the outbox worker as a command."""
from __future__ import annotations

import sys
import time
from datetime import datetime, timezone

import click
from flask import current_app
from flask.cli import with_appcontext

from pb.db import get_engine
from pb.mail.worker import Summary, Worker, WorkerOptions


@click.command("send-mail")
@click.option("--watch", is_flag=True, help="Keep polling for new mail (for a service manager) instead of exiting.")
@click.option("--interval", type=click.FloatRange(min=0.1), default=5.0, show_default=True, help="Seconds between polls with --watch.")
@with_appcontext
def send_mail_command(watch: bool, interval: float) -> None:
    """Send the mail in the outbox that is due, then exit; --watch keeps polling."""
    from pb.cli import database_errors_in_one_line

    database_errors_in_one_line(_send_mail)(watch, interval)


def _send_mail(watch: bool, interval: float) -> None:
    options = WorkerOptions.from_settings(current_app.config["PB_SETTINGS"])
    worker = Worker(get_engine(), options)
    worker.stop_on_signals()
    try:
        if not watch:
            summary = _run_once(worker, progress=sys.stdout.isatty())
            click.echo(summary.describe())
            if summary.unreachable:
                raise click.ClickException(f"the SMTP server could not be reached, the mail will be retried: {summary.unreachable}")
            return
        while not worker.stopping:
            summary = worker.run_until_empty()
            if summary.handled:
                stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
                unreachable = f" SMTP server unreachable: {summary.unreachable}" if summary.unreachable else ""
                click.echo(f"{stamp} {summary.describe()}{unreachable}")
            _sleep(worker, interval)
    finally:
        worker.close()


def _run_once(worker: Worker, progress: bool) -> Summary:
    if not progress:
        return worker.run_until_empty()
    with click.progressbar(length=worker.count_due(), label="Sending mail", show_pos=True) as bar:
        worker.on_progress = bar.update
        return worker.run_until_empty()


def _sleep(worker: Worker, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not worker.stopping and time.monotonic() < deadline:
        time.sleep(min(0.2, seconds))
