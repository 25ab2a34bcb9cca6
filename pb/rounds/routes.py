"""Round administration for officials and admins: thin views over pb/rounds/services.py."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.db import get_session
from pb.rounds.forms import (
    BudgetsForm,
    FormulaForm,
    RoundCreateForm,
    budgets_form,
    phase_windows_form,
    settings_form,
)
from pb.rounds.models import Phase, Round
from pb.rounds.phases import Action, is_allowed
from pb.rounds.services import (
    BudgetPlan,
    RoundError,
    communities_in_order,
    create_round,
    plan_budgets_by_formula,
    plan_budgets_directly,
    save_budgets,
    set_phase_windows,
    update_round_settings,
    explain_formula,
    window_dates,
)
from pb.auth.access import current_staff, official_required

bp = Blueprint("rounds", __name__, url_prefix="/staff/runder")
officials = official_required()


def _round_or_404(session: Session, round_id: int) -> Round:
    round_ = session.get(Round, round_id)
    if round_ is None:
        abort(404)
    return round_


def _show_error(form: FlaskForm, error: RoundError) -> None:
    """Put a service's refusal on the field it names, or above the form."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


@bp.get("/")
@officials
def index():
    rounds = get_session().scalars(select(Round).order_by(Round.created_at.desc(), Round.id.desc()))
    return render_template("rounds/index.html", rounds=list(rounds))


@bp.route("/ny", methods=["GET", "POST"])
@officials
def create():
    form = RoundCreateForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            round_ = create_round(session, form.name.data, form.fund_name.data, form.pool.kroner or 0, actor=current_staff())
        except RoundError as error:
            _show_error(form, error)
        else:
            session.commit()
            flash(_("Runden er oprettet. Sæt nu datoer, indstillinger og budgetter."), "success")
            return redirect(url_for("rounds.show", round_id=round_.id))
    status = 422 if request.method == "POST" else 200
    return render_template("rounds/create.html", form=form), status


@bp.get("/<int:round_id>")
@officials
def show(round_id: int):
    session = get_session()
    round_ = _round_or_404(session, round_id)
    windows = {w.phase: window_dates(w) for w in round_.phase_windows}
    budgets = sorted(round_.budgets, key=lambda b: b.community.name)
    return render_template(
        "rounds/show.html", round=round_, windows=windows, budgets=budgets,
        budget_total=sum(b.amount for b in budgets),
        can_edit_settings=is_allowed(round_, Action.EDIT_ROUND_SETTINGS),
        can_set_budgets=is_allowed(round_, Action.SET_BUDGETS),
        can_plan=is_allowed(round_, Action.PLAN_PHASES),
        phases=list(Phase),
    )


@bp.route("/<int:round_id>/indstillinger", methods=["GET", "POST"])
@officials
def settings(round_id: int):
    session = get_session()
    round_ = _round_or_404(session, round_id)
    form = settings_form(round_, request.form if request.method == "POST" else None)
    if request.method == "GET":
        form.fill_from(round_)
    elif form.validate():
        try:
            update_round_settings(session, round_, form.settings(round_), actor=current_staff())
        except RoundError as error:
            session.rollback()
            _show_error(form, error)
        else:
            session.commit()
            flash(_("Indstillingerne er gemt."), "success")
            return redirect(url_for("rounds.show", round_id=round_.id))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "rounds/settings.html", round=round_, form=form, editable=is_allowed(round_, Action.EDIT_ROUND_SETTINGS)
    ), status


@bp.route("/<int:round_id>/datoer", methods=["GET", "POST"])
@officials
def dates(round_id: int):
    session = get_session()
    round_ = _round_or_404(session, round_id)
    form = phase_windows_form(round_, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        try:
            set_phase_windows(session, round_, form.windows(), actor=current_staff())
        except RoundError as error:
            session.rollback()
            _show_error(form, error)
        else:
            session.commit()
            flash(_("Datoerne er gemt."), "success")
            return redirect(url_for("rounds.show", round_id=round_.id))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "rounds/dates.html", round=round_, form=form, editable=is_allowed(round_, Action.PLAN_PHASES)
    ), status


def _budget_page(round_: Round, direct: BudgetsForm, formula: FormulaForm, plan: BudgetPlan | None, status: int) -> Any:
    return render_template(
        "rounds/budgets.html", round=round_, form=direct, formula=formula, plan=plan,
        explanation=explain_formula(plan) if plan is not None else None,
        editable=is_allowed(round_, Action.SET_BUDGETS),
    ), status


@bp.route("/<int:round_id>/budgetter", methods=["GET", "POST"])
@officials
def budgets(round_id: int):
    """Each community's budget typed in directly."""
    session = get_session()
    round_ = _round_or_404(session, round_id)
    communities = communities_in_order(session)
    form = budgets_form(communities, round_, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        try:
            save_budgets(session, round_, plan_budgets_directly(session, round_, form.amounts()), actor=current_staff())
        except RoundError as error:
            session.rollback()
            _show_error(form, error)
        else:
            session.commit()
            flash(_("Budgetterne er gemt."), "success")
            return redirect(url_for("rounds.show", round_id=round_.id))
    status = 422 if request.method == "POST" else 200
    return _budget_page(round_, form, FormulaForm(formdata=None), None, status)


@bp.route("/<int:round_id>/budgetter/formel", methods=["GET", "POST"])
@officials
def budget_formula(round_id: int):
    """A base amount to each community, the rest by residents: first a preview, then saved."""
    session = get_session()
    round_ = _round_or_404(session, round_id)
    if request.method == "GET":
        return redirect(url_for("rounds.budgets", round_id=round_.id, _anchor="formel"))
    formula = FormulaForm()
    direct = budgets_form(communities_in_order(session), round_)
    plan = None
    if formula.validate_on_submit():
        try:
            plan = plan_budgets_by_formula(session, round_, formula.base_amount.kroner or 0)
            if request.form.get("intent") == "save":
                save_budgets(session, round_, plan, actor=current_staff())
                session.commit()
                flash(_("Budgetterne er fordelt efter formlen og gemt."), "success")
                return redirect(url_for("rounds.show", round_id=round_.id))
        except RoundError as error:
            session.rollback()
            _show_error(formula, error)
            plan = None
        else:
            return _budget_page(round_, direct, formula, plan, 200)
    return _budget_page(round_, direct, formula, plan, 422)
