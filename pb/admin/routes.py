"""The staff pages: dashboard, a community's overview and the audit log."""
from flask import Response, render_template, request, stream_with_context, url_for

from pb.admin import bp
from pb.admin.forms import AuditFilterForm
from pb.admin.queries import communities_for, community_overview
from pb.audit.export import audit_csv_rows
from pb.audit.queries import action_choices, actor_choices, audit_page
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


def _audit_filter(session) -> AuditFilterForm:
    form = AuditFilterForm(formdata=request.args)
    communities = [(c.id, c.name) for c in communities_for(session, current_staff())]
    form.set_choices(actor_choices(session), action_choices(session), communities)
    form.validate()
    return form


@bp.get("/log")
@official_required()
def audit_log():
    session = get_session()
    form = _audit_filter(session)
    page = audit_page(session, form.chosen(), request.args.get("side", 1, type=int) or 1)
    query = {key: value for key, value in request.args.items() if key not in ("side", "lang") and value}
    return render_template(
        "admin/audit.html", form=form, page=page, query=query,
        csv_url=url_for("admin.audit_log_csv", **query),
    )


@bp.get("/log.csv")
@official_required()
def audit_log_csv():
    """The filtered log for Excel: UTF-8 with BOM, semicolons, one event a row."""
    session = get_session()
    form = _audit_filter(session)
    return Response(
        stream_with_context(audit_csv_rows(session, form.chosen())),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="log-over-handlinger.csv"'},
    )
