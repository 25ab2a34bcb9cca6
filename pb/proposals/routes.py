from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.communities.models import Community
from pb.db import get_session
from pb.i18n import current_language
from pb.proposals import bp
from pb.proposals.forms import ConfirmForm, ProposalContentForm, ProposalForm, WithdrawForm
from pb import labels  # the module, not its names: pb.labels imports pb.proposals.models
from pb.proposals.models import Proposal
from pb.proposals.services import (
    ProposalContent,
    ProposalDraft,
    ProposalRefused,
    can_edit,
    can_withdraw,
    confirm_proposal,
    edit_proposal,
    proposal_from_link,
    public_proposal,
    submit_proposal,
    withdraw_proposal,
)
from pb.ratelimit import PROPOSAL_SUBMISSIONS, limiter
from pb.rounds.models import Phase, Round
from pb.rounds.phases import Action, is_allowed
from pb.rounds.services import budget_by_community, current_round
from pb.signing import Purpose, sign

#: Which form field a service's refusal belongs on, by the service's name for it.
_FIELD_OF = {"cost": "cost", "category": "category", "community": "community", "email": "email"}


@bp.get("/forslag/<int:proposal_id>")
def show(proposal_id: int):
    proposal = public_proposal(get_session(), proposal_id) or abort(404)
    return render_template("proposals/show.html", proposal=proposal)


def _communities_with_budget(round_: Round) -> dict[str, Community]:
    budgets = budget_by_community(round_)
    return {b.community.slug: b.community for b in sorted(round_.budgets, key=lambda b: b.community.name) if b.community_id in budgets}


def _category_choices(form: ProposalContentForm, round_: Round) -> None:
    form.category.choices = [("", _("Vælg en kategori"), {})] + [(str(c.id), c.name, {"lang": "da"}) for c in round_.categories]


def _content(form: ProposalContentForm) -> ProposalContent:
    return ProposalContent(
        title=form.title.data,
        summary=form.summary.data,
        description=form.description.data,
        estimated_cost=form.cost.kroner,
        category_id=form.category.data,
        location=form.location.data or None,
    )


def _put_on_field(form: ProposalContentForm, error: ProposalRefused) -> None:
    field = getattr(form, _FIELD_OF.get(error.field or "", ""), None)
    if field is None:
        form.form_errors.append(str(error.message))
    else:
        field.errors = [*field.errors, str(error.message)]


@bp.route("/forslag/nyt", methods=["GET", "POST"])
@limiter.limit(PROPOSAL_SUBMISSIONS, methods=["POST"])
def new():
    session = get_session()
    round_ = current_round(session)
    if round_ is None or not is_allowed(round_, Action.SUBMIT_PROPOSAL):
        return render_template("proposals/closed.html", round=round_, window=round_ and round_.window(Phase.PROPOSALS))
    communities = _communities_with_budget(round_)
    form = ProposalForm(community=request.args.get("lokalsamfund", ""))
    form.community.choices = [("", _("Vælg lokalsamfund"), {})] + [(slug, c.name, {"lang": "da"}) for slug, c in communities.items()]
    _category_choices(form, round_)
    status = 200
    if form.validate_on_submit():
        community = communities.get(form.community.data or "")
        if form.website.data:
            # A robot filled in the hidden field: act as if all went well, keep nothing.
            return redirect(url_for("proposals.sent"))
        if community is None:
            form.community.errors = [_("Vælg et lokalsamfund på listen.")]
        else:
            draft = ProposalDraft(
                community=community,
                content=_content(form),
                proposer_name=form.name.data,
                proposer_email=form.email.data,
                proposer_phone=form.phone.data,
                consent_to_publish=form.consent.data,
                language=current_language(),
            )
            try:
                submit_proposal(session, round_, draft)
            except ProposalRefused as error:
                _put_on_field(form, error)
            else:
                session.commit()
                return redirect(url_for("proposals.sent"))
        status = 422
    elif request.method == "POST":
        status = 422
    return render_template("proposals/new.html", form=form, round=round_), status


@bp.get("/forslag/sendt")
def sent():
    return render_template("proposals/sent.html")


@bp.route("/forslag/bekraeft/<token>", methods=["GET", "POST"])
def confirm(token: str):
    session = get_session()
    proposal = proposal_from_link(session, Purpose.PROPOSAL_CONFIRMATION, token)
    form = ConfirmForm()
    if proposal.confirmed_at is None and not form.validate_on_submit():
        return render_template("proposals/confirm.html", proposal=proposal, form=form)
    if confirm_proposal(session, proposal):
        session.commit()
        flash(_("Tak! Dit forslag er bekræftet og venter nu på at blive gennemgået."), "success")
    return redirect(url_for("proposals.manage", token=sign(Purpose.PROPOSAL_EDIT, {"proposal": proposal.id})))


def _manage_page(proposal: Proposal, token: str, form: ProposalContentForm | None, status: int = 200):
    session = get_session()
    request_message = session.scalar(
        select(AuditEvent)
        .where(
            AuditEvent.object_type == "Proposal",
            AuditEvent.object_id == str(proposal.id),
            AuditEvent.action == "proposal.request_changes",
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return (
        render_template(
            "proposals/manage.html",
            proposal=proposal,
            token=token,
            form=form,
            withdraw_form=WithdrawForm() if can_withdraw(proposal) else None,
            explanation=labels.PROPOSAL_STATUS_EXPLANATIONS[proposal.status],
            message=(request_message.details or {}).get("message") if request_message else None,
        ),
        status,
    )


@bp.route("/forslag/ret/<token>", methods=["GET", "POST"])
def manage(token: str):
    session = get_session()
    proposal = proposal_from_link(session, Purpose.PROPOSAL_EDIT, token)
    if not can_edit(proposal) or not is_allowed(proposal.round, Action.EDIT_PROPOSAL):
        if request.method == "POST":
            flash(_("Forslaget kan ikke rettes nu."), "warning")
        return _manage_page(proposal, token, None)
    form = ProposalContentForm(
        data={
            "title": proposal.title,
            "summary": proposal.summary,
            "description": proposal.description,
            "location": proposal.location or "",
            "cost": str(proposal.estimated_cost),
            "category": proposal.category_id,
        }
        if request.method == "GET"
        else None
    )
    _category_choices(form, proposal.round)
    if form.validate_on_submit():
        try:
            edit_proposal(session, proposal, _content(form))
        except ProposalRefused as error:
            _put_on_field(form, error)
        else:
            session.commit()
            flash(_("Tak! Dit rettede forslag venter nu på at blive gennemgået igen."), "success")
            return redirect(url_for("proposals.manage", token=token))
    return _manage_page(proposal, token, form, 422 if request.method == "POST" else 200)


@bp.post("/forslag/ret/<token>/traek-tilbage")
def withdraw(token: str):
    session = get_session()
    proposal = proposal_from_link(session, Purpose.PROPOSAL_EDIT, token)
    if WithdrawForm().validate_on_submit():
        withdraw_proposal(session, proposal)
        session.commit()
        flash(_("Dit forslag er trukket tilbage."), "success")
    return redirect(url_for("proposals.manage", token=token))
