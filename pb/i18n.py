"""Languages (Danish first, English second) and the Danish money and date formats."""
from __future__ import annotations

from datetime import date, datetime

from babel.numbers import format_decimal
from flask import Flask, request
from flask_babel import Babel, format_date, get_locale

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
LANGUAGE_COOKIE = "pb_lang"


def select_language() -> str:
    """An explicit ``?lang=``, then the visitor's saved choice, then Danish."""
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


def format_long_date(value: date | datetime) -> str:
    """ "1. marts 2027" in Danish, "1 March 2027" in English."""
    return format_date(value, format="d. MMMM y" if current_language() == "da" else "d MMMM y")


def init_babel(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Copenhagen")
    Babel(app, locale_selector=select_language)
    app.jinja_env.filters["kroner"] = format_kroner
    app.jinja_env.filters["long_date"] = format_long_date
    app.jinja_env.filters["number"] = format_whole_number
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["LANGUAGES"] = LANGUAGES
    app.context_processor(lambda: {"language_links": language_links()})


def language_links() -> list[dict[str, object]]:
    """The language switch: the current page in each language."""
    active = current_language()
    args = {k: v for k, v in request.args.items() if k != "lang"}
    links = []
    for code, label in (("da", "Dansk"), ("en", "English")):
        query = "&".join(f"{k}={v}" for k, v in args.items())
        url = f"{request.path}?{query + '&' if query else ''}lang={code}"
        links.append({"code": code, "label": label, "url": url, "active": code == active})
    return links
