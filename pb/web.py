"""What every response shares: CSRF, security headers, the language cookie and error pages."""
from __future__ import annotations

from typing import Any, Iterable

from flask import Flask, Response, abort, g, render_template, request
from flask.globals import request_ctx
from markupsafe import escape
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, Map

from pb.errors import DomainError
from pb.i18n import LANGUAGE_COOKIE, LANGUAGES

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

#: Spoken names of the flash-message icons, by DKFDS alert kind.
ALERT_LABELS = {"success": _l("Succes"), "info": _l("Information"), "warning": _l("Advarsel"), "error": _l("Fejl")}

ERROR_TEXTS = {
    400: (_l("Noget gik galt"), _l("Siden kunne ikke forstå det, der blev sendt. Gå tilbage, og prøv igen.")),
    403: (_l("Du har ikke adgang til siden"), _l("Din bruger må ikke se eller gøre dette. Kontakt kommunen, hvis du mener, det er en fejl.")),
    404: (_l("Siden findes ikke"), _l("Vi kan ikke finde den side, du leder efter. Måske er linket forkert, eller siden er flyttet.")),
    405: (_l("Siden kan ikke bruges sådan"), _l("Du kom til siden på en måde, den ikke understøtter. Gå tilbage, og prøv igen.")),
    413: (_l("Det, du sendte, er for stort"), _l("Formularen eller filen fylder mere, end siden kan tage imod. Gør den mindre, og prøv igen.")),
    429: (_l("For mange forsøg"), _l("Du har prøvet for mange gange på kort tid. Vent lidt, og prøv igen.")),
    500: (_l("Der skete en fejl hos os"), _l("Det er ikke din skyld. Prøv igen om lidt. Sker det igen, så kontakt kommunen.")),
}


class BoundedIntegerConverter(IntegerConverter):
    """``<int:...>`` that stops at the database's integer range: a huge id is a 404, never a database error."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # noqa: A002  (werkzeug's name)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = BoundedIntegerConverter
    # Before CSRF, so a NUL byte in a form is refused before anything reads the form.
    app.before_request(_refuse_unstorable_input)
    csrf.init_app(app)
    app.after_request(_security_headers)
    app.after_request(_remember_language)
    app.jinja_env.globals["ALERT_LABELS"] = ALERT_LABELS
    app.jinja_env.globals["show_demo_notice"] = not app.config["PB_SETTINGS"].is_production
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DomainError, _domain_error)


def has_unstorable_text(values: Iterable[str]) -> bool:
    """True when a text holds a NUL byte, which PostgreSQL cannot store in a text column."""
    return any("\x00" in value for value in values)


def _refuse_unstorable_input() -> None:
    """The one guard for every route: a NUL byte in the path, the query or a form never reaches the database.

    A path with one names nothing that exists (404); a query or form with one
    is refused as a bad request (400), before any view or CSRF check reads it.
    """
    if has_unstorable_text([request.path]):
        abort(404)
    for values in (request.args, request.form):
        if has_unstorable_text(text for pair in values.items(multi=True) for text in pair):
            abort(400)
    if has_unstorable_text(file.filename or "" for file in request.files.values()):
        abort(400)


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _remember_language(response: Response) -> Response:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
            secure=request.is_secure,
        )
    return response


def render_error(status: int, message: str | None = None) -> tuple[str, int]:
    # A status without its own text borrows the general one of its class, never the 500 text for a 4xx.
    title, text = ERROR_TEXTS.get(status) or ERROR_TEXTS[400 if status < 500 else 500]
    if request_ctx.url_adapter is None:
        # The request was too broken to route (e.g. an invalid Host): no URL can be built, so no layout.
        page = f'<!doctype html><html lang="da"><meta charset="utf-8"><title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(message or text)}</p></html>'
        return page, status
    return (
        render_template("errors/error.html", status=status, title=title, text=message or text),
        status,
    )


def _csrf_error(_error: CSRFError) -> tuple[str, int]:
    return render_error(
        400,
        _("Siden har været åben for længe, eller formularen var ufuldstændig. Genindlæs siden, og prøv igen."),
    )


def _http_error(error: HTTPException) -> Response | tuple[str, int]:
    if error.code is None or error.code < 400:
        return error.get_response()
    if error.code >= 500:
        # The request's session may be broken (a failed flush): start clean before rendering.
        session = g.get("db_session")
        if session is not None:
            session.rollback()
    response_body, status = render_error(error.code)
    response = Response(response_body, status=status, mimetype="text/html")
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response



def _domain_error(error: DomainError) -> tuple[str, int]:
    """A refusal a view did not turn into a form error: the friendly page with its Danish message."""
    session = g.get("db_session")
    if session is not None:
        session.rollback()
    return render_error(error.status, str(error.message))
