"""Forms of the staff administration pages."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from pb.audit.queries import AuditFilter
from pb.forms import DayField


def optional_id(value: Any) -> int | None:
    """A select's value as an id; anything else (empty, tampered) means "all"."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


class AuditFilterForm(FlaskForm):
    """The log's filter: a GET form, so a filtered view is a link one can share; no CSRF needed."""

    class Meta:
        csrf = False

    actor = SelectField(_l("Hvem"), coerce=optional_id, validate_choice=False)
    action = SelectField(_l("Handling"), validate_choice=False)
    community = SelectField(_l("Lokalsamfund"), coerce=optional_id, validate_choice=False)
    date_from = DayField(_l("Fra og med"), validators=[Optional()])
    date_to = DayField(_l("Til og med"), validators=[Optional()])

    def set_choices(
        self, actors: list[tuple[int, str]], actions: list[tuple[str, str]], communities: list[tuple[int, str]]
    ) -> None:
        everyone = SelectChoice("", _l("Alle"))
        self.actor.choices = [everyone, *(SelectChoice(str(i), name) for i, name in actors)]
        self.action.choices = [everyone, *(SelectChoice(code, name) for code, name in actions)]
        self.community.choices = [everyone, *(SelectChoice(str(i), name) for i, name in communities)]

    def chosen(self) -> AuditFilter:
        """What to show; a field that did not validate is left out rather than guessed."""
        known_actions = {choice.value for choice in self.action.choices}
        return AuditFilter(
            actor_id=self.actor.data,
            action=self.action.data if self.action.data in known_actions and self.action.data else None,
            community_id=self.community.data,
            date_from=None if self.date_from.errors else self.date_from.data,
            date_to=None if self.date_to.errors else self.date_to.data,
        )
