"""The officials' outbox page: one form, "send the failed messages again"."""
from flask_wtf import FlaskForm
from wtforms import HiddenField


class RetryFailedForm(FlaskForm):
    """Only the CSRF token and which purpose to retry (empty: every failed message)."""

    purpose = HiddenField()
