"""One form per moderation action."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from pb.proposals.forms import KronerField, ProposalTextForm, clean_text, optional_int


class ActionForm(FlaskForm):
    """Only the CSRF token: approve."""


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Begrundelse"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Skriv en begrundelse. Den bliver sendt til forslagsstilleren.")),
            Length(max=2000, message=_l("Begrundelsen må højst være %(max)d tegn.")),
        ],
    )


class RequestChangesForm(FlaskForm):
    message = TextAreaField(
        _l("Hvad skal rettes?"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Skriv, hvad forslagsstilleren skal rette.")),
            Length(max=2000, message=_l("Beskeden må højst være %(max)d tegn.")),
        ],
    )


class FinalCostForm(FlaskForm):
    amount = KronerField(
        _l("Endelig pris i kroner"), validators=[DataRequired(_l("Skriv den endelige pris, fx 95.000."))]
    )
    note = TextAreaField(
        _l("Note om prisen"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Skriv en note om, hvorfor prisen er ændret.")),
            Length(max=1000, message=_l("Noten må højst være %(max)d tegn.")),
        ],
    )


class MergeForm(FlaskForm):
    into = SelectField(
        _l("Læg sammen med"), coerce=optional_int, validate_choice=False,
        validators=[DataRequired(_l("Vælg det forslag, som dette skal lægges sammen med."))],
    )


class CorrectForm(ProposalTextForm):
    """Title, summary, description and place, for typos."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in (self.title, self.summary, self.description, self.location):
            field.render_kw = {**(field.render_kw or {}), "lang": "da"}  # the proposer's own Danish words


class ConstraintsForm(FlaskForm):
    exclusive_group = StringField(
        _l("Gruppe af forslag, der udelukker hinanden"),
        filters=[clean_text],
        validators=[Optional(), Length(max=80, message=_l("Gruppens navn må højst være %(max)d tegn."))],
    )
    must_fund = BooleanField(_l("Skal have støtte uanset stemmerne"))


class BulkApproveForm(FlaskForm):
    proposals = SelectMultipleField(_l("Forslag"), coerce=int, validate_choice=False)
