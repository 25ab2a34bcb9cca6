"""The admin-side commands, run as ``flask --app pb COMMAND`` or ``pb COMMAND``."""
from __future__ import annotations

import functools
import sys
from typing import Any, Callable, TypeVar

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from sqlalchemy.exc import DBAPIError

from pb import migrate
from pb.db import get_engine, get_session
from pb.errors import DomainError
from pb.auth.models import Role
from pb.rounds.models import Phase

F = TypeVar("F", bound=Callable[..., Any])


def database_errors_in_one_line(command: F) -> F:
    """An unreachable database, or a refusal (DomainError), ends the command with one line, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DomainError as error:
            raise click.ClickException(str(error)) from None
        except DBAPIError as error:
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise click.ClickException(f"database error: {reason}") from None

    return wrapper  # type: ignore[return-value]


@click.command("upgrade")
@with_appcontext
@database_errors_in_one_line
def upgrade_command() -> None:
    """Bring the database to the current schema (safe to run any time)."""
    engine = get_engine()
    before = migrate.current_revision(engine)
    migrate.upgrade(engine)
    after = migrate.current_revision(engine)
    if before == after:
        click.echo(f"Database already at revision {after}.")
    else:
        click.echo(f"Database upgraded from {before or 'empty'} to {after}.")


@click.command("init-db")
@with_appcontext
@database_errors_in_one_line
@click.pass_context
def init_db_command(ctx: click.Context) -> None:
    """Alias of upgrade."""
    ctx.invoke(upgrade_command)


@click.command("seed-demo")
@with_appcontext
@database_errors_in_one_line
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has communities.")
@click.option(
    "--phase", "phase_name", type=click.Choice([p.value for p in Phase if p is not Phase.ARCHIVED]), default="voting",
    show_default=True, help="The phase to seed the demo round in (e.g. proposals, to try submitting).",
)
def seed_demo_command(if_empty: bool, phase_name: str) -> None:
    """Load the demo communities, round, proposals, staff and voters (idempotent; demo data only)."""
    from pb.demo.seed import database_has_data, describe_logins, describe_voter_links, seed_demo

    if current_app.config["PB_SETTINGS"].is_production:
        raise click.ClickException("seed-demo refuses to run with PB_ENV=production")
    session = get_session()
    if if_empty and database_has_data(session):
        click.echo("The database already has data; demo seed skipped.")
    else:
        summary = seed_demo(session, Phase(phase_name))
        session.commit()
        click.echo(summary.describe())
    click.echo(describe_logins(session, current_app.config["BASE_URL"]))
    click.echo(describe_voter_links(session))


def _read_password() -> str:
    """Twice, from a hidden prompt, or two lines on stdin when it is not a terminal."""
    if sys.stdin is not None and not sys.stdin.isatty():
        first = sys.stdin.readline().rstrip("\r\n")
        second = sys.stdin.readline().rstrip("\r\n")
        if not second:
            raise click.ClickException("give the password twice, on two lines of stdin")
        if first != second:
            raise click.ClickException("the two passwords on stdin differ")
        return first
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.command("create-staff")
@with_appcontext
@database_errors_in_one_line
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--community", "communities", multiple=True, help="Community slug (playmakers; repeatable).")
def create_staff_command(email: str, role: str, communities: tuple[str, ...]) -> None:
    """Create a staff user; the password is asked for twice, or read as two lines from stdin."""
    from pb.admin.services import create_staff

    password = _read_password()
    session = get_session()
    user = create_staff(session, email, password, Role(role), communities)
    session.commit()
    scope = f" for {', '.join(c.slug for c in user.communities)}" if user.communities else ""
    click.echo(f"Created {user.role.value} {user.email}{scope}.")


@click.command("expire-proposals")
@with_appcontext
@database_errors_in_one_line
def expire_proposals_command() -> None:
    """Delete proposals nobody confirmed within 7 days (run it daily, e.g. from cron)."""
    from pb.proposals.services import expire_unconfirmed

    session = get_session()
    count = expire_unconfirmed(session)
    session.commit()
    click.echo(f"Deleted {count} unconfirmed proposal(s) older than 7 days.")




def _round_or_fail(round_id: int | None) -> Any:
    """The round the command acts on: ``--round ID``, else the current round (CONTRACTS.md)."""
    from pb.rounds.models import Round
    from pb.rounds.services import current_round

    session = get_session()
    round_ = session.get(Round, round_id) if round_id is not None else current_round(session)
    if round_ is None:
        raise click.ClickException(f"no round with id {round_id}" if round_id is not None else "there is no current round")
    return round_


@click.command("advance-phase")
@with_appcontext
@database_errors_in_one_line
@click.option("--to", "to", required=True, type=click.Choice([p.value for p in Phase]), help="The phase to move to.")
@click.option("--round", "round_id", type=int, help="Round id (default: the newest round that is not archived).")
@click.option("--yes", is_flag=True, help="Answer yes to the warnings (e.g. proposals still waiting for moderation).")
def advance_phase_command(to: str, round_id: int | None, yes: bool) -> None:
    """Move a round's phase forward, with the same checks and audit as the web page."""
    from pb.rounds.advance import advance_phase, check_phase_move

    session = get_session()
    round_ = _round_or_fail(round_id)
    target = Phase(to)
    warnings = check_phase_move(session, round_, target)
    for warning in warnings:
        click.echo(f"Advarsel: {warning}", err=True)
    if warnings and not yes:
        if not sys.stdin.isatty():
            raise click.ClickException("not moved: confirm the warnings above with --yes")
        click.confirm("Flyt runden alligevel?", abort=True)
    before = round_.phase
    advance_phase(session, round_, target, actor=None, actor_label="cli", confirm=True)
    session.commit()
    seed = f" Tie-break seed: {round_.tie_break_seed}." if target is Phase.VOTING else ""
    click.echo(f"Round {round_.id} ({round_.name}) moved from {before.value} to {target.value}.{seed}")


COMMANDS = (upgrade_command, init_db_command, seed_demo_command, create_staff_command, advance_phase_command, expire_proposals_command)


def init_app(app: Flask) -> None:
    from pb.mail.cli import send_mail_command
    from pb.voting.cli import COMMANDS as VOTING_COMMANDS

    for command in (*COMMANDS, send_mail_command, *VOTING_COMMANDS):
        app.cli.add_command(command)


def _create_app_for_cli() -> Flask:
    from pb import create_app

    return create_app()


main = FlaskGroup(create_app=_create_app_for_cli, help="Oplandspuljen: the admin commands (same as flask --app pb).")
