"""Paper ballots on the staff side: entry for a community, and the four-eyes confirmation."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pb.auth.access import current_staff, official_required, staff_required
from pb.communities.models import Community
from pb.db import get_session
from pb.errors import DomainError, NotAllowed
from pb.voting import staff_bp
from pb.voting.ballots import BallotRefused, community_sheet
from pb.voting.forms import (
    CHOICE_FIELD,
    POINTS_PREFIX,
    FourEyesForm,
    PaperBallotForm,
    PaperDecisionForm,
    SubmittedChoices,
    read_choices,
)
from pb.voting.paper import (
    PaperVoter,
    confirm_paper_ballot,
    enter_paper_ballot,
    pending_paper_ballots,
    reject_paper_ballot,
    set_four_eyes,
)
from pb.voting.staff_routes import _round_or_404
from pb.voting.texts import ballot_texts


@staff_bp.route("/papir/<slug>", methods=["GET", "POST"])
@staff_required(community_arg="slug")
def paper_ballot(community: Community):
    """Enter one paper ballot for a voter of this community."""
    session = get_session()
    round_ = _round_or_404()
    sheet = community_sheet(session, round_, community)
    form = PaperBallotForm()
    submitted, problems, status = SubmittedChoices(), [], 200
    if form.is_submitted():
        submitted = read_choices(request.form, sheet.ballot_type, sheet.points)
        status = 422
    if form.validate_on_submit() and not submitted.field_errors:
        who = PaperVoter(email=form.email.data, name=form.name.data, address=form.address.data)
        try:
            entry = enter_paper_ballot(session, round_, community, who, submitted.choices, current_staff())
        except BallotRefused as error:
            session.rollback()
            problems = error.problems
        except NotAllowed:
            raise
        except DomainError as error:
            session.rollback()
            form.form_errors.append(str(error))
        else:
            session.commit()
            flash(
                _("Papirstemmen er gemt. Den tæller, når en anden har godkendt den.")
                if entry.pending
                else _("Papirstemmen er registreret og tæller med."),
                "success",
            )
            return redirect(url_for("voting_staff.paper_ballot", slug=community.slug))
    return (
        render_template(
            "voting/staff/paper.html",
            round=round_,
            community=community,
            sheet=sheet,
            form=form,
            choices=submitted.choices,
            typed=submitted.typed,
            field_errors=submitted.field_errors,
            problems=problems,
            texts=ballot_texts(sheet, submitted.choices),
            pending=[p for p in pending_paper_ballots(session, round_, current_staff()) if p.voter.community_id == community.id],
            decision_form=PaperDecisionForm(),
            CHOICE_FIELD=CHOICE_FIELD,
            POINTS_PREFIX=POINTS_PREFIX,
        ),
        status,
    )


@staff_bp.post("/papir/<slug>/<int:pending_id>/<any(godkend, afvis):decision>")
@staff_required(community_arg="slug")
def paper_decision(community: Community, pending_id: int, decision: str):
    """The second pair of eyes: confirm (it counts) or reject a pending paper ballot."""
    if PaperDecisionForm().validate_on_submit():
        session = get_session()
        try:
            if decision == "godkend":
                confirm_paper_ballot(session, pending_id, current_staff())
                message = _("Papirstemmen er godkendt og tæller med.")
            else:
                reject_paper_ballot(session, pending_id, current_staff())
                message = _("Papirstemmen er afvist og slettet.")
        except NotAllowed:
            raise
        except DomainError as error:
            session.rollback()
            flash(str(error), "error")
        else:
            session.commit()
            flash(message, "success")
    return redirect(url_for("voting_staff.paper_ballot", slug=community.slug))


@staff_bp.post("/papir-indstilling")
@official_required()
def four_eyes():
    form = FourEyesForm()
    if form.validate_on_submit():
        session = get_session()
        set_four_eyes(session, _round_or_404(), bool(form.required.data), current_staff())
        session.commit()
        flash(_("Indstillingen for papirstemmer er gemt."), "success")
    return redirect(url_for("voting_staff.overview"))
