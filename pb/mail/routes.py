"""/dev/mail (outside production): the outbox rendered as it is sent; /staff/udbakke: the outbox for officials."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import ngettext

from pb.auth.access import current_staff, official_required
from pb.db import get_session
from pb.mail import bp
from pb.mail.forms import RetryFailedForm
from pb.mail.models import OutboundEmail
from pb.mail.queries import newest_rows, preview
from pb.mail.services import outbox_overview, retry_failed

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


@bp.get("/staff/udbakke")
@official_required()
def outbox():
    overview = outbox_overview(get_session())
    return render_template("mail/outbox.html", overview=overview, form=RetryFailedForm())


@bp.post("/staff/udbakke/send-igen")
@official_required()
def retry():
    form = RetryFailedForm()
    if form.validate_on_submit():
        session = get_session()
        count = retry_failed(session, current_staff(), purpose=form.purpose.data or None)
        session.commit()
        flash(
            ngettext(
                "%(num)d e-mail er sat i kø igen og bliver sendt ved næste kørsel.",
                "%(num)d e-mails er sat i kø igen og bliver sendt ved næste kørsel.",
                count,
            ),
            "success",
        )
    return redirect(url_for("mail.outbox"))
