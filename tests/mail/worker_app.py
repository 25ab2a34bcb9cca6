"""The app the worker subprocesses of the tests run: the real app plus the probe template.

``python -m flask --app tests.mail.worker_app send-mail``
"""
from __future__ import annotations

from flask import Flask

import pb
from tests.mail.probe import add_probe_templates


def create_app() -> Flask:
    return add_probe_templates(pb.create_app())
