"""Forms of the ballot pages.

The proposals on a ballot differ per voter, so the choices are read from the
posted data by ``read_choices`` rather than declared as WTForms fields; the
FlaskForm classes carry the CSRF token and the fixed fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, EmailField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

from pb.rounds.models import BallotType
from pb.voting.ballots import Choices, ChoicesUnreadable

#: Name of the checkboxes (knapsack, approval): one value per chosen proposal id.
CHOICE_FIELD = "proposal"
#: Prefix of the number fields (cumulative): ``points-<proposal id>``.
POINTS_PREFIX = "points-"
_POINTS_FIELD = re.compile(r"^points-(\d{1,9})$")


def optional_email_field(label: Any) -> EmailField:
    """An e-mail field that may stay empty but must be a valid address when filled in."""
    return EmailField(
        label,
        validators=[
            Optional(),
            Length(max=254, message=_l("E-mailadressen er for lang.")),
            Email(_l("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."), check_deliverability=False),
        ],
    )


class BallotForm(FlaskForm):
    """The ballot, the confirmation step and the final submit: CSRF only, choices via read_choices."""


class NewLinkForm(FlaskForm):
    email = EmailField(
        _l("Din e-mailadresse"),
        validators=[
            DataRequired(_l("Skriv din e-mailadresse.")),
            Length(max=254, message=_l("E-mailadressen er for lang.")),
            Email(_l("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."), check_deliverability=False),
        ],
    )


@dataclass
class SubmittedChoices:
    """What the voter sent: the choices, what they typed in each number field, and per-field errors."""

    choices: Choices = field(default_factory=dict)
    typed: dict[int, str] = field(default_factory=dict)
    field_errors: dict[int, str] = field(default_factory=dict)


def read_choices(data: MultiDict[str, str], ballot_type: BallotType, points: int) -> SubmittedChoices:
    """The choices in posted form data. Raises ChoicesUnreadable for data no ballot page sends."""
    submitted = SubmittedChoices()
    if ballot_type is not BallotType.CUMULATIVE:
        for value in data.getlist(CHOICE_FIELD):
            if not value.isdigit() or len(value) > 9:
                raise ChoicesUnreadable()
            submitted.choices[int(value)] = 1
        return submitted
    for name, value in data.items(multi=True):
        match = _POINTS_FIELD.match(name)
        if match is None:
            continue
        proposal_id, text = int(match.group(1)), value.strip()
        submitted.typed[proposal_id] = text[:12]
        if text == "":
            continue
        if not text.isdigit() or int(text) > points:
            submitted.field_errors[proposal_id] = str(
                _l("Skriv et helt tal fra 0 til %(points)d.", points=points)
            )
        elif int(text) > 0:
            submitted.choices[proposal_id] = int(text)
    return submitted


class ImportVotersForm(FlaskForm):
    file = FileField(
        _l("Vælgerliste (CSV-fil)"),
        validators=[
            FileRequired(_l("Vælg en fil.")),
            FileAllowed(["csv", "txt"], _l("Filen skal være en CSV-fil (.csv).")),
        ],
    )
    mode = RadioField(
        _l("Hvad skal der ske?"),
        choices=[
            SelectChoice("check", _l("Tjek kun filen. Intet bliver ændret.")),
            SelectChoice("import", _l("Importér de gyldige rækker.")),
        ],
        default="check",
    )


class VoterSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    email = EmailField(
        _l("Vælgerens e-mailadresse"),
        validators=[DataRequired(_l("Skriv en e-mailadresse.")), Length(max=254, message=_l("E-mailadressen er for lang."))],
    )


class IssueLinkForm(FlaskForm):
    """A button: make a new personal link for the voter (CSRF only)."""


class SendInvitationsForm(FlaskForm):
    """A button: queue invitations for every voter not invited yet (CSRF only)."""


class SendRemindersForm(FlaskForm):
    wave = StringField(
        _l("Navn på påmindelsesrunden"),
        validators=[Optional(), Length(max=40, message=_l("Højst 40 tegn."))],
    )


class PaperBallotForm(FlaskForm):
    """Who the paper ballot belongs to; the choices are read by read_choices."""

    email = optional_email_field(_l("E-mail på vælgerlisten"))
    name = StringField(_l("Navn"), validators=[Optional(), Length(max=120, message=_l("Højst 120 tegn."))])
    address = StringField(_l("Adresse"), validators=[Optional(), Length(max=200, message=_l("Højst 200 tegn."))])


class PaperDecisionForm(FlaskForm):
    """Confirm or reject a pending paper ballot (CSRF only)."""


class FourEyesForm(FlaskForm):
    required = BooleanField(_l("En anden skal godkende hver papirstemme (fire øjne)"))


class ContactForm(FlaskForm):
    contact_email = optional_email_field(_l("E-mail til borgerne"))
    contact_phone = StringField(
        _l("Telefon til borgerne"), validators=[Optional(), Length(max=40, message=_l("Højst 40 tegn."))]
    )


class EraseVoterDataForm(FlaskForm):
    confirm = BooleanField(
        _l("Jeg forstår, at vælgernes e-mail, navn, fødselsår og adresse slettes for altid."),
        validators=[DataRequired(_l("Sæt kryds for at bekræfte."))],
    )
