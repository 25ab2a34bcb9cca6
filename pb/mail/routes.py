"""/dev/mail (outside production): the outbox rendered as it is sent."""
from __future__ import annotations

from flask import Response, abort, current_app, jsonify, render_template, request

from pb.db import get_session
from pb.mail import bp
from pb.mail.models import OutboundEmail
from pb.mail.queries import newest_rows, preview

DEV_PAGE_SIZE = 50
#: The HTML part is shown as sent: its inline styles need their own, still strict, policy.
MAIL_HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def _outside_production() -> None:
    if current_app.config["PB_SETTINGS"].is_production:
        abort(404)


@bp.get("/dev/mail")
def dev_mail():
    _outside_production()
    session = get_session()
    if request.args.get("format") == "json":
        return jsonify([preview(session, row).as_json() for row in newest_rows(session)])
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    rows = newest_rows(session, limit=DEV_PAGE_SIZE + 1, offset=(page - 1) * DEV_PAGE_SIZE)
    messages = [preview(session, row) for row in rows[:DEV_PAGE_SIZE]]
    return render_template(
        "mail/dev_list.html",
        messages=messages,
        page=page,
        has_next=len(rows) > DEV_PAGE_SIZE,
    )


@bp.get("/dev/mail/<int:message_id>.html")
def dev_mail_html(message_id: int):
    _outside_production()
    session = get_session()
    row = session.get(OutboundEmail, message_id)
    if row is None:
        abort(404)
    previewed = preview(session, row)
    if previewed.rendered is None:
        abort(404)
    response = Response(previewed.rendered.html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = MAIL_HTML_POLICY
    return response
