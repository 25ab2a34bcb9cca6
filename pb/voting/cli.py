"""The voting commands: ``voter-link`` (more follow: import-voters, send-invitations, send-reminders)."""
from __future__ import annotations

import sys
from typing import BinaryIO

import click
from flask.cli import with_appcontext

from pb.cli import database_errors_in_one_line
from pb.db import get_session
from pb.rounds.models import Round
from pb.rounds.services import current_round


def round_for_command(round_id: int | None) -> Round:
    """The round named by ``--round``, or the current round. Raises click.ClickException."""
    session = get_session()
    round_ = session.get(Round, round_id) if round_id is not None else current_round(session)
    if round_ is None:
        raise click.ClickException(f"no round with id {round_id}" if round_id is not None else "there is no current round")
    return round_


round_option = click.option(
    "--round", "round_id", type=int, default=None, help="Round id (default: the newest round that is not archived)."
)


@click.command("voter-link")
@with_appcontext
@database_errors_in_one_line
@click.argument("email")
@round_option
def voter_link_command(email: str, round_id: int | None) -> None:
    """Print a fresh voting link for one voter; the voter's older links stop working."""
    from pb.voting.services import issue_voter_link, voter_by_email

    session = get_session()
    voter = voter_by_email(session, round_for_command(round_id), email)
    link = issue_voter_link(session, voter, actor_label="cli")
    session.commit()
    click.echo(link)


@click.command("import-voters")
@with_appcontext
@database_errors_in_one_line
@click.argument("file", type=click.File("rb"))
@round_option
@click.option("--dry-run", is_flag=True, help="Check the file and list its problems; change nothing.")
def import_voters_command(file: BinaryIO, round_id: int | None, dry_run: bool) -> None:
    """Import a voter roll (CSV: email/e-mail, community/lokalsamfund, optional name/navn, birth_year/fødselsår)."""
    from pb.voting.rolls import import_roll

    session = get_session()
    round_ = round_for_command(round_id)
    data = file.read()
    rows = max(data.count(b"\n"), 1)
    # The bar shows itself only on a terminal; piped output stays clean.
    with click.progressbar(length=rows, label="Reading the roll", file=sys.stderr) as bar:
        report = import_roll(session, round_, data, dry_run=dry_run, actor_label="cli", progress=bar.update)
    if not dry_run:
        session.commit()
    for problem in report.problems:
        click.echo(f"line {problem.line}: {problem.message}")
    verb = "would add" if dry_run else "added"
    click.echo(
        f"{report.rows} rows: {verb} {report.added}, already on the roll {report.already_on_roll}, "
        f"refused {len(report.problems)}" + (" (dry run: nothing changed)" if dry_run else "")
    )


@click.command("send-invitations")
@with_appcontext
@database_errors_in_one_line
@round_option
def send_invitations_command(round_id: int | None) -> None:
    """Queue an invitation for every voter not invited yet (run send-mail to send them)."""
    from pb.voting.mailings import send_invitations

    session = get_session()
    report = send_invitations(session, round_for_command(round_id), actor_label="cli")
    session.commit()
    click.echo(f"Queued {report.queued} invitations ({report.considered} voters not invited before).")


@click.command("send-reminders")
@with_appcontext
@database_errors_in_one_line
@round_option
@click.option("--wave", default=None, help="Name of the reminder wave (default: today's date); a wave reaches each voter once.")
def send_reminders_command(round_id: int | None, wave: str | None) -> None:
    """Queue a reminder for every invited voter who has not voted, once per wave."""
    from pb.voting.mailings import default_wave, send_reminders

    session = get_session()
    wave = wave or default_wave()
    report = send_reminders(session, round_for_command(round_id), wave=wave, actor_label="cli")
    session.commit()
    click.echo(f"Queued {report.queued} reminders in wave {wave} ({report.considered} invited voters have not voted).")


COMMANDS = (voter_link_command, import_voters_command, send_invitations_command, send_reminders_command)
