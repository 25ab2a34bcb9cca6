"""The baseline for bench/vote_throughput.py: a bare Flask app with the same two steps and no database."""
from __future__ import annotations

import secrets

from flask import Flask, request

app = Flask(__name__)

FORM = (
    '<!doctype html><form method="post" action="/submit">'
    '<input id="csrf_token" name="csrf_token" type="hidden" value="{token}">'
    '<input type="checkbox" name="proposal" value="1" data-cost="15000">'
    "<button>Send</button></form>"
)


@app.get("/form")
def form() -> str:
    return FORM.format(token=secrets.token_urlsafe(16))


@app.post("/submit")
def submit() -> tuple[str, int]:
    return ("<p>ok</p>", 200) if request.form.get("csrf_token") else ("missing token", 400)
