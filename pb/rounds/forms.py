"""The officials' forms for a round: create it, its settings, its phase dates and its budgets."""
from __future__ import annotations

from typing import Any, Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from pb.communities.models import Community
from pb.forms import DayField, KronerField, WholeNumberField, clean_text
from pb.labels import BALLOT_TYPE_NAMES, PHASE_NAMES, SELECTION_RULE_NAMES
from pb.rounds.models import BallotType, Phase, Round, SelectionRule
from pb.rounds.services import PLANNED_PHASES, CategorySetting, RoundSettings, window_dates

#: Empty category rows offered below the existing ones.
SPARE_CATEGORY_ROWS = 3


def _name_field() -> StringField:
    return StringField(
        _l("Rundens navn"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Skriv et navn på runden, fx Oplandspuljen 2028.")),
            Length(max=120, message=_l("Navnet må højst være %(max)d tegn.")),
        ],
    )


def _fund_field() -> StringField:
    return StringField(
        _l("Puljens navn"),
        filters=[clean_text],
        default="Oplandspuljen",
        validators=[
            DataRequired(_l("Skriv puljens navn, fx Oplandspuljen.")),
            Length(max=120, message=_l("Navnet må højst være %(max)d tegn.")),
        ],
    )


class RoundCreateForm(FlaskForm):
    name = _name_field()
    fund_name = _fund_field()
    pool = KronerField(_l("Puljens samlede beløb i kroner"))


class RoundSettingsForm(FlaskForm):
    """Use ``settings_form(round_)``: it adds one row of fields per category."""

    name = _name_field()
    fund_name = _fund_field()
    pool = KronerField(_l("Puljens samlede beløb i kroner"))
    ballot_type = RadioField(
        _l("Stemmeseddel"),
        choices=[SelectChoice(t.value, BALLOT_TYPE_NAMES[t]) for t in BallotType],
        validators=[InputRequired(_l("Vælg en type stemmeseddel."))],
    )
    approval_min_choices = WholeNumberField(_l("Mindste antal forslag, man skal vælge"), validators=[Optional()])
    approval_max_choices = WholeNumberField(_l("Højeste antal forslag, man må vælge"), validators=[Optional()])
    cumulative_points = WholeNumberField(
        _l("Point, hver vælger kan fordele"),
        validators=[Optional(), NumberRange(min=1, max=1000, message=_l("Skriv et tal fra 1 til 1000."))],
    )
    selection_rule = RadioField(
        _l("Sådan vælges de forslag, der får støtte"),
        choices=[SelectChoice(r.value, SELECTION_RULE_NAMES[r]) for r in SelectionRule],
        validators=[InputRequired(_l("Vælg en regel."))],
    )
    min_voter_age = WholeNumberField(
        _l("Mindstealder for at stemme"),
        validators=[
            InputRequired(_l("Skriv en alder, fx 15.")),
            NumberRange(min=0, max=120, message=_l("Skriv en alder fra 0 til 120 år.")),
        ],
    )
    self_registration_open = BooleanField(_l("Borgere kan selv tilmelde sig som vælgere"))

    category_rows: int = 0

    def category_fields(self) -> list[tuple[Any, Any, Any, Any]]:
        """(id, name, min, max) fields of each category row, in order."""
        return [
            (self[f"cat_{i}_id"], self[f"cat_{i}_name"], self[f"cat_{i}_min"], self[f"cat_{i}_max"])
            for i in range(self.category_rows)
        ]

    def fill_from(self, round_: Round) -> None:
        self.name.data = round_.name
        self.fund_name.data = round_.fund_name
        self.pool.set_kroner(round_.pool_amount)
        self.ballot_type.data = round_.ballot_type.value
        self.approval_min_choices.data = round_.approval_min_choices
        self.approval_max_choices.data = round_.approval_max_choices
        self.cumulative_points.data = round_.cumulative_points
        self.selection_rule.data = round_.selection_rule.value
        self.min_voter_age.data = round_.min_voter_age
        self.self_registration_open.data = round_.self_registration_open
        for (id_, name, low, high), category in zip(self.category_fields(), round_.categories):
            id_.data = str(category.id)
            name.data = category.name
            low.set_kroner(category.min_spend)
            high.set_kroner(category.max_spend)

    def settings(self, round_: Round) -> RoundSettings:
        known = {c.id for c in round_.categories}
        categories = []
        for id_, name, low, high in self.category_fields():
            if not name.data:
                continue
            category_id = int(id_.data) if (id_.data or "").isdigit() and int(id_.data) in known else None
            categories.append(CategorySetting(category_id, name.data, low.kroner, high.kroner))
        return RoundSettings(
            name=self.name.data,
            fund_name=self.fund_name.data,
            pool_amount=self.pool.kroner or 0,
            ballot_type=BallotType(self.ballot_type.data),
            selection_rule=SelectionRule(self.selection_rule.data),
            min_voter_age=self.min_voter_age.data,
            self_registration_open=bool(self.self_registration_open.data),
            approval_min_choices=self.approval_min_choices.data,
            approval_max_choices=self.approval_max_choices.data,
            cumulative_points=self.cumulative_points.data,
            categories=tuple(categories),
        )


def settings_form(round_: Round, formdata: Any = None) -> RoundSettingsForm:
    """The settings form with a row for each of the round's categories, and a few empty ones."""
    rows = len(round_.categories) + SPARE_CATEGORY_ROWS
    if formdata:  # keep every row the official sent, even if more than we offered
        rows = max(rows, sum(1 for key in formdata if key.startswith("cat_") and key.endswith("_name")))
    attributes: dict[str, Any] = {"category_rows": rows}
    for i in range(rows):
        number = i + 1
        attributes[f"cat_{i}_id"] = HiddenField()
        attributes[f"cat_{i}_name"] = StringField(
            _l("Kategori %(number)d: navn", number=number),
            filters=[clean_text],
            validators=[Length(max=120, message=_l("Navnet må højst være %(max)d tegn."))],
        )
        attributes[f"cat_{i}_min"] = KronerField(
            _l("Kategori %(number)d: mindst (kr.)", number=number), required=False
        )
        attributes[f"cat_{i}_max"] = KronerField(
            _l("Kategori %(number)d: højst (kr.)", number=number), required=False
        )
    form_class = type("RoundSettingsFormWithCategories", (RoundSettingsForm,), attributes)
    form = form_class(formdata=formdata) if formdata is not None else form_class()
    return form


class PhaseWindowsForm(FlaskForm):
    """Use ``phase_windows_form(round_)``: a first and last day for each planned phase."""

    def windows(self) -> dict[Phase, tuple[Any, Any] | None]:
        chosen: dict[Phase, tuple[Any, Any] | None] = {}
        for phase in PLANNED_PHASES:
            first, last = self[f"{phase.value}_starts"].data, self[f"{phase.value}_ends"].data
            chosen[phase] = (first, last) if first and last else None
        return chosen

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for phase in PLANNED_PHASES:
            first, last = self[f"{phase.value}_starts"], self[f"{phase.value}_ends"]
            if bool(first.data) != bool(last.data) and not first.errors and not last.errors:
                missing = last if first.data else first
                missing.errors.append(_l("Skriv både første og sidste dag, eller ingen af dem."))
                valid = False
        return valid

    def phase_fields(self) -> list[tuple[Phase, Any, Any]]:
        return [(p, self[f"{p.value}_starts"], self[f"{p.value}_ends"]) for p in PLANNED_PHASES]


def phase_windows_form(round_: Round, formdata: Any = None) -> PhaseWindowsForm:
    attributes: dict[str, Any] = {}
    for phase in PLANNED_PHASES:
        attributes[f"{phase.value}_starts"] = DayField(
            _l("%(phase)s: første dag", phase=PHASE_NAMES[phase]), validators=[Optional()]
        )
        attributes[f"{phase.value}_ends"] = DayField(
            _l("%(phase)s: sidste dag", phase=PHASE_NAMES[phase]), validators=[Optional()]
        )
    form_class = type("PhaseWindowsFormForRound", (PhaseWindowsForm,), attributes)
    form = form_class(formdata=formdata) if formdata is not None else form_class()
    if formdata is None:
        for phase in PLANNED_PHASES:
            window = round_.window(phase)
            if window is not None:
                form[f"{phase.value}_starts"].data, form[f"{phase.value}_ends"].data = window_dates(window)
    return form


class BudgetsForm(FlaskForm):
    """Use ``budgets_form(communities, round_)``: one amount per community."""

    communities: list[Community] = []

    def amount_fields(self) -> list[tuple[Community, KronerField]]:
        return [(c, self[f"amount_{c.id}"]) for c in self.communities]

    def amounts(self) -> dict[int, int]:
        return {c.id: field.kroner or 0 for c, field in self.amount_fields()}


def budgets_form(communities: Iterable[Community], round_: Round, formdata: Any = None) -> BudgetsForm:
    communities = list(communities)
    attributes: dict[str, Any] = {"communities": communities}
    for community in communities:
        attributes[f"amount_{community.id}"] = KronerField(community.name)
    form_class = type("BudgetsFormForRound", (BudgetsForm,), attributes)
    form = form_class(formdata=formdata) if formdata is not None else form_class()
    if formdata is None:
        current = {b.community_id: b.amount for b in round_.budgets}
        for community, field in form.amount_fields():
            field.set_kroner(current.get(community.id, 0))
    return form


class FormulaForm(FlaskForm):
    base_amount = KronerField(_l("Grundbeløb til hvert lokalsamfund"))
    #: "preview" shows the split; "save" stores it.
    intent = HiddenField(default="preview")
