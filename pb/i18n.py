"""Languages (Danish first, English second) and the Danish money and date formats."""
from __future__ import annotations

from datetime import date, datetime

from babel.numbers import format_decimal, format_percent
from urllib.parse import urlencode

from flask import Flask, has_request_context, request, url_for
from flask_babel import Babel, format_date, get_locale
from markupsafe import Markup
from werkzeug.exceptions import NotFound

#: The languages offered, Danish first, with their names as the switch shows them.
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}
LANGUAGES = tuple(LANGUAGE_NAMES)
DEFAULT_LANGUAGE = "da"
LANGUAGE_COOKIE = "pb_lang"


def select_language() -> str:
    """An explicit ``?lang=``, then the visitor's saved choice, then Danish (always Danish outside a request)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    asked = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return asked if asked in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def format_kroner(amount: int) -> str:
    """Whole kroner the way readers expect: "1.250.000 kr." in Danish, "DKK 1,250,000" in English."""
    language = current_language()
    digits = format_whole_number(amount)
    return f"{digits} kr." if language == "da" else f"DKK {digits}"


def format_whole_number(value: int) -> str:
    return format_decimal(value, format="#,##0", locale=current_language())


def format_percentage(value: float) -> str:
    """A percentage with one decimal: "16,2 %" in Danish, "16.2%" in English (``value`` is in per cent)."""
    return format_percent(value / 100, format="#,##0.0 %" if current_language() == "da" else "#,##0.0%", locale=current_language())


def format_long_date(value: date | datetime) -> str:
    """ "1. marts 2027" in Danish, "1 March 2027" in English."""
    return format_date(value, format="d. MMMM y" if current_language() == "da" else "d MMMM y")


def mark_danish(text: object) -> Markup:
    """People's own Danish words inside a sentence, marked so a screen reader on an English page reads them in Danish.

    For a whole element, write ``lang="da"`` on it instead.
    """
    return Markup('<span lang="da">{}</span>').format(text)


def init_babel(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Copenhagen")
    Babel(app, locale_selector=select_language)
    app.jinja_env.filters["kroner"] = format_kroner
    app.jinja_env.filters["long_date"] = format_long_date
    app.jinja_env.filters["number"] = format_whole_number
    app.jinja_env.filters["danish"] = mark_danish
    app.jinja_env.filters["percent"] = format_percentage
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["LANGUAGES"] = LANGUAGES
    app.context_processor(lambda: {"language_links": language_links()})


def language_links() -> list[dict[str, object]]:
    """The language switch: the current page, with its query, in each language.

    A link is always followed with GET, so a page reached by POST only (a
    sign-out, a form's error page) or by a method its route refuses (405)
    switches language on the front page instead of on a URL that would fail.
    """
    active = current_language()
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    rule = request.url_rule
    links = []
    for code, label in LANGUAGE_NAMES.items():
        if rule is not None and request.endpoint and "GET" in (rule.methods or ()):
            url = url_for(request.endpoint, **(request.view_args or {}), **args, lang=code)
        elif isinstance(request.routing_exception, NotFound):  # no such page: the same path, for a typo's sake
            url = f"{request.path}?{urlencode({**args, 'lang': code}, doseq=True)}"
        else:
            url = url_for("home.index", lang=code)
        links.append({"code": code, "label": label, "url": url, "active": code == active})
    return links
