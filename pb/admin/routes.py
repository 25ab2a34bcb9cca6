"""The staff pages: dashboard, a community's overview and the audit log."""
from flask import render_template

from pb.admin import bp
from pb.admin.queries import communities_for, community_overview, recent_audit_events
from pb.auth.access import current_staff, official_required, staff_required
from pb.communities.models import Community
from pb.db import get_session
from pb.rounds.services import current_round


@bp.get("/")
@staff_required()
def dashboard():
    session = get_session()
    user = current_staff()
    return render_template(
        "admin/dashboard.html",
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
        "admin/community.html",
        round=round_,
        overview=community_overview(session, round_, community),
        show_turnout=current_staff().is_official,
    )


@bp.get("/log")
@official_required()
def audit_log():
    return render_template("admin/audit.html", events=recent_audit_events(get_session()))
