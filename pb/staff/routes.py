from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from pb.communities.models import Community
from pb.db import get_session
from pb.rounds.services import current_round
from pb.staff import bp
from pb.staff.access import current_staff, log_in, log_out, safe_next_url, staff_required
from pb.staff.forms import LoginForm, LogoutForm
from pb.proposals.labels import STATUS_NAMES
from pb.staff.labels import ROLE_NAMES
from pb.staff.models import Role
from pb.staff.queries import communities_for, community_overview, recent_audit_events
from pb.staff.services import InvalidCredentials, LoginThrottled, begin_sign_in, finish_sign_in, sign_out


@bp.app_context_processor
def staff_context():
    try:
        user = current_staff()
    except SQLAlchemyError:
        # Error pages render this too; a database that is down must not hide them.
        user = None
    return {
        "current_staff": user,
        "logout_form": LogoutForm() if user else None,
        "ROLE_NAMES": ROLE_NAMES,
        "PROPOSAL_STATUS_NAMES": STATUS_NAMES,
        "can_see_log": user is not None and user.role in (Role.ADMIN, Role.OFFICIAL),
    }


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        session = get_session()
        attempt = begin_sign_in(session, form.email.data, request.remote_addr or "")
        session.commit()
        try:
            user = finish_sign_in(session, attempt, form.password.data)
        except LoginThrottled:
            session.commit()
            form.form_errors.append(
                _("For mange forkerte forsøg. Vent 15 minutter, og prøv så igen.")
            )
            status = 429
        except InvalidCredentials:
            session.commit()
            form.form_errors.append(_("Forkert e-mail eller adgangskode. Prøv igen."))
            status = 422
        else:
            session.commit()
            log_in(user)
            flash(_("Du er logget ind."), "success")
            return redirect(safe_next_url(form.next.data) or url_for("staff.dashboard"))
    elif request.method == "POST":
        status = 422
    return render_template("staff/login.html", form=form), status


@bp.post("/logout")
@staff_required()
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        session = get_session()
        user = current_staff()
        if user is not None:
            sign_out(session, user)
            session.commit()
        log_out()
        flash(_("Du er logget ud."), "success")
    return redirect(url_for("home.index"))


@bp.get("/")
@staff_required()
def dashboard():
    session = get_session()
    user = current_staff()
    return render_template(
        "staff/dashboard.html",
        user=user,
        round=current_round(session),
        communities=communities_for(session, user),
    )


@bp.get("/lokalsamfund/<slug>")
@staff_required(community_arg="slug")
def community(community: Community):
    session = get_session()
    round_ = current_round(session)
    return render_template(
        "staff/community.html",
        round=round_,
        overview=community_overview(session, round_, community),
        show_turnout=current_staff().role in (Role.ADMIN, Role.OFFICIAL),
    )


@bp.get("/log")
@staff_required(Role.ADMIN, Role.OFFICIAL)
def audit_log():
    return render_template("staff/audit.html", events=recent_audit_events(get_session()))
