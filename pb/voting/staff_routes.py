"""The staff side of voting: importing the roll, finding a voter, and giving a voter a new link."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pb.auth.access import can_access_community, current_staff, official_required, staff_required
from pb.db import get_session
from pb.errors import DomainError
from sqlalchemy import select

from pb.rounds.models import Round
from pb.rounds.phases import Action, is_allowed
from pb.rounds.services import current_round
from pb.voting.erasure import erase_voter_data
from pb.voting import staff_bp
from pb.voting.forms import ContactForm, EraseVoterDataForm, FourEyesForm, ImportVotersForm, IssueLinkForm, SendInvitationsForm, SendRemindersForm, VoterSearchForm
from pb.voting.mailings import default_wave, send_invitations, send_reminders
from pb.voting.turnout import turnout_for
from pb.voting.models import Voter
from pb.voting.rolls import import_roll
from pb.voting.services import issue_voter_link, set_contact, voter_by_email


def _round_or_404():
    """The round a staff page works on: ``?round=ID``, or the current round."""
    session = get_session()
    asked = request.args.get("round", type=int)
    round_ = session.get(Round, asked) if asked else current_round(session)
    if round_ is None:
        abort(404)
    return round_


@staff_bp.route("/vaelgerliste", methods=["GET", "POST"])
@official_required()
def import_voters():
    """Upload a roll: first a check that lists the problems by line, then the import."""
    round_ = _round_or_404()
    form = ImportVotersForm()
    report, status = None, 200
    if form.validate_on_submit():
        session = get_session()
        dry_run = form.mode.data != "import"
        try:
            report = import_roll(session, round_, form.file.data.read(), dry_run=dry_run, actor=current_staff())
        except DomainError as error:
            session.rollback()
            form.file.errors = [str(error)]
            status = 422
        else:
            session.commit()
            # The next upload is the real import, unless this one was it.
            form.mode.data = "import" if dry_run else "check"
    elif form.is_submitted():
        status = 422
    return render_template("voting/staff/import.html", form=form, round=round_, report=report), status


@staff_bp.get("/vaelgere")
@staff_required()
def find_voter():
    """Look a voter up by e-mail in the current round (playmakers: their own communities only)."""
    round_ = _round_or_404()
    asked = "email" in request.args
    form = VoterSearchForm(request.args if asked else None)
    if asked and form.validate():
        try:
            voter = voter_by_email(get_session(), round_, form.email.data)
        except DomainError as error:
            form.email.errors.append(str(error))
        else:
            if can_access_community(current_staff(), voter.community):
                return redirect(url_for("voting_staff.voter", voter_id=voter.id))
            form.email.errors.append(_("Der er ingen vælger med den e-mailadresse i runden."))
    return render_template("voting/staff/find_voter.html", form=form, round=round_)


@staff_bp.get("/vaelgere/<int:voter_id>")
@staff_required()
def voter(voter_id: int):
    voter = _voter_in_scope(voter_id)
    return render_template("voting/staff/voter.html", voter=voter, form=IssueLinkForm(), link=None)


@staff_bp.post("/vaelgere/<int:voter_id>/nyt-link")
@staff_required()
def issue_link(voter_id: int):
    """Make a new personal link (the old one stops working) and show it, e.g. to read out on the phone."""
    voter = _voter_in_scope(voter_id)
    form = IssueLinkForm()
    if not form.validate_on_submit():
        return redirect(url_for("voting_staff.voter", voter_id=voter.id))
    session = get_session()
    link = issue_voter_link(session, voter, actor=current_staff())
    session.commit()
    flash(_("Der er lavet et nyt link. Det gamle link virker ikke længere."), "success")
    return render_template("voting/staff/voter.html", voter=voter, form=form, link=link)


def _voter_in_scope(voter_id: int) -> Voter:
    voter = get_session().get(Voter, voter_id)
    if voter is None:
        abort(404)
    if not can_access_community(current_staff(), voter.community):
        abort(403)
    return voter


@staff_bp.get("/")
@staff_required()
def overview():
    """Turnout per community, live (a playmaker sees their own); officials also send invitations and reminders."""
    round_ = _round_or_404()
    user = current_staff()
    return render_template(
        "voting/staff/overview.html",
        round=round_,
        turnout=turnout_for(get_session(), round_, user),
        invite_form=SendInvitationsForm() if user.is_official else None,
        remind_form=SendRemindersForm(wave=default_wave()) if user.is_official else None,
        four_eyes_form=FourEyesForm(required=round_.paper_four_eyes) if user.is_official else None,
        contact_form=ContactForm(obj=round_) if user.is_official else None,
        other_rounds=[r for r in get_session().scalars(select(Round).order_by(Round.created_at.desc())) if r.id != round_.id],
        erase_form=EraseVoterDataForm() if user.is_official and is_allowed(round_, Action.ERASE_VOTER_DATA) else None,
    )


@staff_bp.post("/invitationer")
@official_required()
def invite():
    round_ = _round_or_404()
    if SendInvitationsForm().validate_on_submit():
        session = get_session()
        report = send_invitations(session, round_, actor=current_staff())
        session.commit()
        flash(_("%(count)s invitationer er lagt i udbakken.", count=report.queued), "success")
    return redirect(url_for("voting_staff.overview"))


@staff_bp.post("/paamindelser")
@official_required()
def remind():
    round_ = _round_or_404()
    form = SendRemindersForm()
    if form.validate_on_submit():
        session = get_session()
        report = send_reminders(session, round_, wave=form.wave.data or None, actor=current_staff())
        session.commit()
        flash(_("%(count)s påmindelser er lagt i udbakken.", count=report.queued), "success")
    else:
        flash(" ".join(form.wave.errors) or _("Formularen kunne ikke sendes. Prøv igen."), "error")
    return redirect(url_for("voting_staff.overview"))


@staff_bp.post("/kontakt")
@official_required()
def contact():
    """The contact e-mail and phone residents see on the help page."""
    round_ = _round_or_404()
    form = ContactForm()
    if form.validate_on_submit():
        session = get_session()
        set_contact(session, round_, form.contact_email.data, form.contact_phone.data, current_staff())
        session.commit()
        flash(_("Kontaktoplysningerne er gemt."), "success")
    else:
        flash(" ".join(form.contact_email.errors + form.contact_phone.errors), "error")
    return redirect(url_for("voting_staff.overview"))


@staff_bp.post("/slet-persondata")
@official_required()
def erase():
    """Erase the voters' personal data of an archived round (``?round=ID``)."""
    round_ = _round_or_404()
    form = EraseVoterDataForm()
    if form.validate_on_submit():
        session = get_session()
        count = erase_voter_data(session, round_, current_staff())
        session.commit()
        flash(_("Persondata for %(count)s vælgere er slettet. Stemmerne tæller stadig.", count=count), "success")
    else:
        flash(_("Sæt kryds for at bekræfte."), "error")
    return redirect(url_for("voting_staff.overview", round=round_.id))
