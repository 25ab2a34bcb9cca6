"""The voter's pages: the ballot behind a personal link, its confirmation and receipt, and a new link."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Response, make_response, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError

from pb.db import get_session
from pb.errors import DomainError
from pb.i18n import current_language
from pb.rounds.models import Phase
from pb.signing import LinkInvalid
from pb.voting import bp, help_bp
from pb.voting.ballots import BallotRefused, BallotSheet, Choices
from pb.voting.forms import CHOICE_FIELD, POINTS_PREFIX, BallotForm, NewLinkForm, SubmittedChoices, read_choices
from pb.voting.identity import VotingNotOpen
from pb.voting.models import Voter
from pb.voting.texts import ballot_texts
from pb.voting.services import (
    TooManyRequests,
    ballot_for,
    cast_web_ballot,
    open_link,
    request_new_link,
    review_ballot,
    sheet_for,
)
from pb.rounds.services import current_round


T = TypeVar("T")


class VotingBusy(DomainError):
    """The database could not take the ballot in time (SQLite under a burst of writes)."""

    status = 409


@bp.after_request
def _private(response: Response) -> Response:
    # A personal page: never cached by a browser or a proxy, never sent on as a referrer.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/<token>")
def ballot(token: str):
    session = get_session()

    def open_and_commit() -> Voter:
        voter = open_link(session, token)
        session.commit()
        return voter

    try:
        voter = _unless_busy(open_and_commit)
    except LinkInvalid as error:
        return link_error(error)
    # Read after the commit, so the page is built from one fresh load rather than expired rows.
    opened = ballot_for(session, voter)
    return _ballot_page(token, opened.sheet, opened.choices, has_ballot=opened.ballot is not None)


@bp.post("/<token>")
def review(token: str):
    """Step 1 of casting: check the choices and show them for confirmation (or send the voter back)."""
    session = get_session()
    try:
        sheet = sheet_for(session, token)
    except LinkInvalid as error:
        return link_error(error)
    submitted = read_choices(request.form, sheet.ballot_type, sheet.points)
    if request.form.get("step") == "edit":
        return _ballot_page(token, sheet, submitted.choices, typed=submitted.typed)
    if submitted.field_errors:
        return _ballot_page(token, sheet, submitted.choices, submitted=submitted, status=422)
    try:
        sheet = review_ballot(session, token, submitted.choices)
    except BallotRefused as error:
        return _ballot_page(token, sheet, submitted.choices, submitted=submitted, problems=error.problems, status=422)
    return render_template(
        "voting/confirm.html",
        token=token,
        sheet=sheet,
        choices=submitted.choices,
        form=BallotForm(),
        CHOICE_FIELD=CHOICE_FIELD,
        POINTS_PREFIX=POINTS_PREFIX,
    )


@bp.post("/<token>/afgiv")
def cast(token: str):
    """Step 2: the final submit. Shows the receipt code, once."""
    session = get_session()
    try:
        sheet = sheet_for(session, token)
        submitted = read_choices(request.form, sheet.ballot_type, sheet.points)
        if submitted.field_errors:
            return _ballot_page(token, sheet, submitted.choices, submitted=submitted, status=422)

        def cast_and_commit() -> str:
            result = cast_web_ballot(session, token, submitted.choices, current_language())
            # Rendered before the commit, from the rows just written (a commit would expire them);
            # shown only if the commit succeeds.
            page = render_template(
                "voting/receipt.html",
                token=token,
                sheet=result.sheet,
                ballot=result.ballot,
                code=result.receipt_code,
                choices={item.proposal_id: item.points for item in result.ballot.items},
                deadline=_deadline(result.sheet),
            )
            session.commit()
            return page

        return _unless_busy(cast_and_commit)
    except VotingNotOpen as error:
        session.rollback()
        return link_error(error, after_submit=True)
    except LinkInvalid as error:
        session.rollback()
        return link_error(error)
    except BallotRefused as error:
        session.rollback()
        return _ballot_page(token, sheet, submitted.choices, submitted=submitted, problems=error.problems, status=422)


@bp.route("/nyt-link", methods=["GET", "POST"])
def new_link():
    """Ask for one's personal link again; the answer is the same whether the address is known or not."""
    form = NewLinkForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            request_new_link(session, form.email.data, request.remote_addr or "", current_language())
        except TooManyRequests as error:
            session.rollback()
            form.form_errors.append(str(error))
            return render_template("voting/new_link.html", form=form), 429
        session.commit()
        return render_template("voting/new_link_sent.html")
    status = 422 if request.method == "POST" else 200
    return render_template("voting/new_link.html", form=form), status


def link_error(error: LinkInvalid, *, after_submit: bool = False) -> tuple[str, int]:
    """The friendly page for a link that does not (or no longer) open a ballot."""
    closed = isinstance(error, VotingNotOpen) and error.closed
    return (
        render_template(
            "voting/link_error.html",
            message=str(error),
            closed=closed,
            after_submit=after_submit,
            # After the close a new link would not help; before voting opens it would not either.
            form=None if isinstance(error, VotingNotOpen) else NewLinkForm(),
        ),
        error.status,
    )


def _unless_busy(work: Callable[[], T]) -> T:
    """Run ``work``; a database too busy to answer in time becomes a polite "try again" (409)."""
    try:
        return work()
    except OperationalError as error:
        get_session().rollback()
        if "locked" not in str(error.orig).lower() and "lock" not in str(error).lower():
            raise
        raise VotingBusy(_("Der er travlt lige nu, så din stemme blev ikke gemt. Vent et øjeblik, og prøv igen.")) from None


def _deadline(sheet: BallotSheet) -> Any:
    window = sheet.round.window(Phase.VOTING)
    return window.ends_at if window else None


def _ballot_page(
    token: str,
    sheet: BallotSheet,
    choices: Choices,
    *,
    submitted: SubmittedChoices | None = None,
    typed: dict[int, str] | None = None,
    problems: list[Any] | None = None,
    has_ballot: bool = False,
    status: int = 200,
):
    """The ballot form, filled with ``choices`` (and, after a refusal, the problems and what was typed)."""
    field_errors = submitted.field_errors if submitted else {}
    response = make_response(
        render_template(
            "voting/ballot.html",
            token=token,
            sheet=sheet,
            choices=choices,
            typed=(submitted.typed if submitted else typed) or {},
            problems=problems or [],
            field_errors=field_errors,
            has_ballot=has_ballot,
            deadline=_deadline(sheet),
            form=BallotForm(),
            texts=ballot_texts(sheet, choices),
            CHOICE_FIELD=CHOICE_FIELD,
            POINTS_PREFIX=POINTS_PREFIX,
        ),
        status,
    )
    return response


@help_bp.get("/hjaelp")
def help_page():
    """How to vote, how to get a new link, and whom to contact (the current round's contact)."""
    return render_template("voting/help.html", round=current_round(get_session()))
