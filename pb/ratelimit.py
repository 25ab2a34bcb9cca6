"""Per-address rate limits for the public forms (Flask-Limiter).

The counts live where ``PB_RATELIMIT_STORAGE_URI`` says. The default,
``memory://``, counts in each worker process on its own: with N gunicorn
workers an address may get up to N times the limit through. Point it at a
shared store (``redis://host:6379``, ``memcached://host:11211``) to count
across workers. A hit limit answers with the friendly 429 page and ``Retry-After``.
"""
from __future__ import annotations

import os

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)

#: New proposals from one address (a family or an office may send several; a robot sends hundreds).
PROPOSAL_SUBMISSIONS = "10 per hour"


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", os.environ.get("PB_RATELIMIT_STORAGE_URI", "memory://"))
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
