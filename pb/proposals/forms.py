"""The resident's forms: a new proposal, and the edit asked for by a playmaker."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from pb.forms import parse_kroner

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")


def clean_text(value: str | None) -> str | None:
    """Trimmed, without control characters (NUL and friends never reach the database)."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value).strip()


def optional_int(value: str | None) -> int | None:
    """A select's value as an id; anything that is not a whole number means "nothing chosen"."""
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else None


class KronerField(StringField):
    """Whole kroner as Danes write them ("85.000 kr."); ``kroner`` is the amount (0 until it parses)."""

    def __init__(self, label: str, **kwargs: object) -> None:
        kwargs.setdefault("filters", [clean_text])
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(label, **kwargs)  # type: ignore[arg-type]

    def post_validate(self, form: FlaskForm, validation_stopped: bool) -> None:
        if validation_stopped:
            return
        amount = parse_kroner(self.data or "")
        if amount is None:
            raise ValidationError(_l("Skriv beløbet i hele kroner med tal, fx 85.000 eller 85000."))
        if amount <= 0:
            raise ValidationError(_l("Beløbet skal være mere end 0 kr."))

    @property
    def kroner(self) -> int:
        return parse_kroner(self.data or "") or 0


class ProposalTextForm(FlaskForm):
    """The words of a proposal: what a playmaker may correct for typos."""

    title = StringField(
        _l("Titel"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Skriv en titel på forslaget.")),
            Length(max=100, message=_l("Titlen må højst være %(max)d tegn.")),
        ],
    )
    summary = TextAreaField(
        _l("Kort resumé"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Skriv et kort resumé af forslaget.")),
            Length(max=300, message=_l("Resuméet må højst være %(max)d tegn.")),
        ],
    )
    description = TextAreaField(
        _l("Beskrivelse"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Beskriv forslaget: hvad, hvor og hvem har glæde af det.")),
            Length(max=5000, message=_l("Beskrivelsen må højst være %(max)d tegn.")),
        ],
    )
    location = StringField(
        _l("Sted"),
        filters=[clean_text],
        validators=[Optional(), Length(max=200, message=_l("Stedet må højst være %(max)d tegn."))],
    )


class ProposalContentForm(ProposalTextForm):
    """Everything the proposer writes about the proposal: the edit form."""

    cost = KronerField(
        _l("Anslået pris i kroner"),
        validators=[DataRequired(_l("Skriv, hvad forslaget cirka koster, fx 85.000."))],
    )
    category = SelectField(_l("Kategori"), coerce=optional_int, validate_choice=False)


class ProposalForm(ProposalContentForm):
    """A new proposal: the content, the community and who proposes it."""

    community = SelectField(
        _l("Lokalsamfund"),
        validate_choice=False,
        validators=[DataRequired(_l("Vælg det lokalsamfund, forslaget er til."))],
    )
    name = StringField(
        _l("Dit navn"),
        filters=[clean_text],
        render_kw={"autocomplete": "name"},
        validators=[
            DataRequired(_l("Skriv dit navn.")),
            Length(max=120, message=_l("Navnet må højst være %(max)d tegn.")),
        ],
    )
    email = EmailField(
        _l("Din e-mail"),
        filters=[clean_text],
        render_kw={"autocomplete": "email"},
        validators=[
            DataRequired(_l("Skriv din e-mailadresse. Vi sender et link, som du skal klikke på.")),
            Length(max=254, message=_l("E-mailadressen må højst være %(max)d tegn.")),
            Email(_l("Det ligner ikke en e-mailadresse. Tjek, at den er skrevet rigtigt, fx navn@example.dk.")),
        ],
    )
    phone = TelField(
        _l("Telefonnummer"),
        filters=[clean_text],
        render_kw={"autocomplete": "tel"},
        validators=[Optional()],
    )
    consent = BooleanField(_l("Mit navn må stå ved forslaget på hjemmesiden"))
    #: The honeypot: hidden from people (and screen readers); a robot that fills it in is ignored.
    website = StringField(_l("Lad dette felt være tomt"), render_kw={"autocomplete": "off", "tabindex": "-1"})

    def validate_phone(self, field: TelField) -> None:
        if field.data and not _PHONE.match(field.data):
            raise ValidationError(_l("Skriv telefonnummeret med tal, fx 12 34 56 78."))


class ConfirmForm(FlaskForm):
    """Only the CSRF token: confirming is a POST, so a mail scanner opening the link confirms nothing."""


class WithdrawForm(FlaskForm):
    """Only the CSRF token."""
