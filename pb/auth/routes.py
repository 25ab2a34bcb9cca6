"""Signing in and out."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pb.auth import bp
from pb.auth.access import current_staff, log_in, log_out, safe_next_url
from pb.auth.forms import LoginForm, LogoutForm
from pb.auth.services import (
    InvalidCredentials,
    LoginThrottled,
    begin_sign_in,
    finish_sign_in,
    known_device,
    new_known_device,
    sign_out,
)
from pb.db import get_session


#: The cookie that marks a browser its staff user has signed in from, so strangers' guesses do not slow them.
DEVICE_COOKIE = "pb_device"


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    headers: dict[str, str] = {}
    if form.validate_on_submit():
        session = get_session()
        device = known_device(session, request.cookies.get(DEVICE_COOKIE), form.email.data)
        attempt = begin_sign_in(session, form.email.data, request.remote_addr or "", device)
        session.commit()
        try:
            user = finish_sign_in(session, attempt, form.password.data)
        except (InvalidCredentials, LoginThrottled) as error:
            session.commit()  # the failed attempt and its audit event are kept
            form.form_errors.append(str(error))
            status = error.status
            if isinstance(error, LoginThrottled):
                headers["Retry-After"] = str(error.retry_after)
        else:
            session.commit()
            log_in(user)
            flash(_("Du er logget ind."), "success")
            response = redirect(safe_next_url(form.next.data) or url_for("admin.dashboard"))
            response.set_cookie(
                DEVICE_COOKIE, new_known_device(user), max_age=180 * 24 * 3600, path=bp.url_prefix,
                httponly=True, samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"],
            )
            return response
    elif request.method == "POST":
        status = 422
    return render_template("auth/login.html", form=form), status, headers


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
