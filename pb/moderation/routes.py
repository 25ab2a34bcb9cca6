from __future__ import annotations

from typing import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select

from pb.db import get_session
from pb.errors import DomainError
from pb.moderation import bp
from pb.moderation.forms import (
    ActionForm,
    BulkApproveForm,
    ConstraintsForm,
    CorrectForm,
    FinalCostForm,
    MergeForm,
    RejectForm,
    RequestChangesForm,
)
from pb.moderation.services import (
    Correction,
    QueueFilter,
    approve,
    bulk_approve,
    correct,
    exclusive_groups,
    history,
    merge,
    merge_targets,
    moderation_queue,
    reject,
    request_changes,
    require_access,
    set_constraints,
    set_final_cost,
)
from pb.proposals.forms import optional_int
from pb.labels import PROPOSAL_STATUS_NAMES
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.services import current_round
from pb.auth.access import current_staff, staff_required


def _status_arg(value: str | None) -> ProposalStatus | None:
    return next((s for s in ProposalStatus if s.value == value), None)


@bp.get("/")
@staff_required()
def queue():
    session = get_session()
    round_ = current_round(session)
    if round_ is None:
        return render_template("moderation/queue.html", round=None, queue=None, wanted=QueueFilter(), bulk_form=None)
    wanted = QueueFilter(
        community_id=optional_int(request.args.get("lokalsamfund")),
        status=_status_arg(request.args.get("status")),
        category_id=optional_int(request.args.get("kategori")),
    )
    return render_template(
        "moderation/queue.html",
        round=round_,
        queue=moderation_queue(session, current_staff(), round_, wanted),
        wanted=wanted,
        bulk_form=BulkApproveForm(),
    )


def _proposal(proposal_id: int) -> Proposal:
    """The proposal, if the signed-in user may act on its community (404 / friendly 403 otherwise)."""
    proposal = get_session().get(Proposal, proposal_id) or abort(404)
    require_access(current_staff(), proposal)
    return proposal


def _page(proposal: Proposal, status: int = 200, **forms: FlaskForm):
    session = get_session()
    merge_form = forms.get("merge_form") or MergeForm()
    merge_form.into.choices = [("", _("Vælg et forslag"), {})] + [(str(p.id), p.title, {"lang": "da"}) for p in merge_targets(session, proposal)]
    correct_form = forms.get("correct_form") or CorrectForm(
        data={"title": proposal.title, "summary": proposal.summary, "description": proposal.description, "location": proposal.location or ""}
    )
    constraints_form = forms.get("constraints_form") or ConstraintsForm(
        data={"exclusive_group": proposal.exclusive_group or "", "must_fund": proposal.must_fund}
    )
    categories = {c.id: c.name for c in proposal.round.categories}
    return (
        render_template(
            "moderation/proposal.html",
            proposal=proposal,
            events=history(session, proposal),
            approve_form=ActionForm(),
            reject_form=forms.get("reject_form") or RejectForm(),
            changes_form=forms.get("changes_form") or RequestChangesForm(),
            cost_form=forms.get("cost_form") or FinalCostForm(),
            merge_form=merge_form,
            correct_form=correct_form,
            constraints_form=constraints_form,
            groups=exclusive_groups(session, proposal.round, proposal.community),
            STATUS_BY_VALUE={status.value: name for status, name in PROPOSAL_STATUS_NAMES.items()},
            categories=categories,
        ),
        status,
    )


@bp.get("/<int:proposal_id>")
@staff_required()
def show(proposal_id: int):
    return _page(_proposal(proposal_id))


def _act(proposal_id: int, form_name: str, form: FlaskForm, run: Callable[[Proposal], None], done: str):
    """Validate ``form``, run one service, commit and go back to the proposal; errors stay on the page."""
    session = get_session()
    proposal = _proposal(proposal_id)
    if form.validate_on_submit():
        try:
            run(proposal)
        except DomainError as error:
            if error.status in (403, 409):
                raise  # the friendly page: not allowed, or not in this phase or status
            session.rollback()
            form.form_errors.append(str(error.message))
        else:
            session.commit()
            flash(done, "success")
            return redirect(url_for("moderation.show", proposal_id=proposal.id))
    return _page(proposal, 422, **{form_name: form})


@bp.post("/<int:proposal_id>/godkend")
@staff_required()
def approve_view(proposal_id: int):
    user = current_staff()
    return _act(proposal_id, "approve_form", ActionForm(), lambda p: approve(get_session(), user, p), _("Forslaget er godkendt."))


@bp.post("/<int:proposal_id>/afvis")
@staff_required()
def reject_view(proposal_id: int):
    user, form = current_staff(), RejectForm()
    return _act(
        proposal_id, "reject_form", form, lambda p: reject(get_session(), user, p, form.reason.data),
        _("Forslaget er afvist, og forslagsstilleren får besked."),
    )


@bp.post("/<int:proposal_id>/bed-om-rettelser")
@staff_required()
def request_changes_view(proposal_id: int):
    user, form = current_staff(), RequestChangesForm()
    return _act(
        proposal_id, "changes_form", form, lambda p: request_changes(get_session(), user, p, form.message.data),
        _("Forslagsstilleren har fået din besked og et link til at rette forslaget."),
    )


@bp.post("/<int:proposal_id>/endelig-pris")
@staff_required()
def final_cost_view(proposal_id: int):
    user, form = current_staff(), FinalCostForm()
    return _act(
        proposal_id, "cost_form", form, lambda p: set_final_cost(get_session(), user, p, form.amount.kroner, form.note.data),
        _("Den endelige pris er gemt."),
    )


@bp.post("/<int:proposal_id>/laeg-sammen")
@staff_required()
def merge_view(proposal_id: int):
    user, form = current_staff(), MergeForm()

    def run(proposal: Proposal) -> None:
        into = get_session().get(Proposal, form.into.data) if form.into.data else None
        if into is None:
            raise DomainError(_("Vælg det forslag, som dette skal lægges sammen med."), status=422)
        merge(get_session(), user, proposal, into)

    return _act(proposal_id, "merge_form", form, run, _("Forslagene er lagt sammen, og begge forslagsstillere får besked."))


@bp.post("/<int:proposal_id>/ret")
@staff_required()
def correct_view(proposal_id: int):
    user, form = current_staff(), CorrectForm()
    return _act(
        proposal_id, "correct_form", form,
        lambda p: correct(
            get_session(), user, p,
            Correction(form.title.data, form.summary.data, form.description.data, form.location.data or None),
        ),
        _("Rettelserne er gemt."),
    )


@bp.post("/<int:proposal_id>/regler")
@staff_required()
def constraints_view(proposal_id: int):
    user, form = current_staff(), ConstraintsForm()
    return _act(
        proposal_id, "constraints_form", form,
        lambda p: set_constraints(get_session(), user, p, form.exclusive_group.data, form.must_fund.data),
        _("Reglerne for udvælgelsen er gemt."),
    )


@bp.post("/godkend-flere")
@staff_required()
def bulk_approve_view():
    session = get_session()
    form = BulkApproveForm()
    back = request.form.get("back") or ""
    target = back if back.startswith("/staff/forslag/") and "//" not in back else url_for("moderation.queue")
    if not form.validate_on_submit() or not form.proposals.data:
        flash(_("Vælg de forslag, der skal godkendes."), "warning")
        return redirect(target)
    proposals = list(session.scalars(select(Proposal).where(Proposal.id.in_(form.proposals.data))))
    count = bulk_approve(session, current_staff(), proposals)
    session.commit()
    flash(_("%(num)s forslag er godkendt.", num=count), "success")
    return redirect(target)
