"""Signing in and out."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pb.auth import bp
from pb.auth.access import current_staff, log_in, log_out, safe_next_url
from pb.auth.forms import LoginForm, LogoutForm
from pb.auth.services import InvalidCredentials, LoginThrottled, begin_sign_in, finish_sign_in, sign_out
from pb.db import get_session


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
        except (InvalidCredentials, LoginThrottled) as error:
            session.commit()  # the failed attempt and its audit event are kept
            form.form_errors.append(str(error))
            status = error.status
        else:
            session.commit()
            log_in(user)
            flash(_("Du er logget ind."), "success")
            return redirect(safe_next_url(form.next.data) or url_for("admin.dashboard"))
    elif request.method == "POST":
        status = 422
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
def logout():
    """Sign out; someone already signed out (another tab, an expired session) simply lands on the front page.

    No ``staff_required`` here: its detour via the sign-in page would come
    back to this POST-only URL with a GET (a 405).
    """
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
