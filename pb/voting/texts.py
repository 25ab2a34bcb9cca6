"""The words around a ballot: its rule, its hint and the running total.

The running total is written once, as templates with ``{placeholders}``: the
server fills them for the page as sent (so the page makes sense without
JavaScript), and static/js/ballot.js fills the same templates as the voter
chooses.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from pb.i18n import current_language, format_kroner, format_whole_number
from pb.rounds.models import BallotType
from pb.voting.ballots import BallotSheet, Choices
from pb.voting.forms import POINTS_PREFIX


@dataclass(frozen=True)
class BallotTexts:
    rule: str
    hint: str
    #: Running-total templates; ``over`` is used when the choices exceed the limit.
    tally: str
    tally_over: str
    #: The running total for the choices as they stand.
    tally_now: str
    #: "{n} kr." or "DKK {n}": how ballot.js writes an amount.
    money_pattern: str
    number_locale: str
    #: The field an error summary's general message links to.
    first_field_id: str


def ballot_texts(sheet: BallotSheet, choices: Choices) -> BallotTexts:
    budget = format_kroner(sheet.budget or 0)
    if sheet.ballot_type is BallotType.KNAPSACK:
        rule = _("Vælg de forslag, du vil bruge budgettet på. Budgettet er %(budget)s, og dine valg må tilsammen højst koste det.", budget=budget)
        hint = _("Vælg et eller flere forslag. Prisen står ved hvert forslag.")
        tally = _("Valgt: {spent} · Tilbage: {left}")
        over = _("Valgt: {spent} · Det er {over} over budgettet på {budget}")
    elif sheet.ballot_type is BallotType.APPROVAL:
        if sheet.min_choices == sheet.max_choices:
            rule = ngettext("Vælg %(num)d forslag, du synes skal have støtte.", "Vælg %(num)d forslag, du synes skal have støtte.", sheet.max_choices)
        else:
            rule = _("Vælg de forslag, du synes skal have støtte: mindst %(min)d og højst %(max)d.", min=max(sheet.min_choices, 1), max=sheet.max_choices)
        hint = _("Sæt kryds ved de forslag, du stemmer på.")
        tally = _("Du har valgt {count} af højst {max} forslag.")
        over = _("Du har valgt {count} forslag. Du kan højst vælge {max}.")
    else:
        rule = _("Fordel %(points)d point mellem forslagene. Giv flest point til det, du helst vil have.", points=sheet.points)
        hint = _("Skriv et helt tal ved hvert forslag, du vil give point. Lad feltet stå tomt for 0.")
        tally = _("Du har brugt {used} af {points} point. Tilbage: {left} point.")
        over = _("Du har brugt {used} point. Det er {over} for mange.")
    values = tally_values(sheet, choices)
    exceeded = int(values["over_amount"]) > 0
    now = (over if exceeded else tally).format(**{k: v for k, v in values.items() if k != "over_amount"})
    first = sheet.proposals[0].id if sheet.proposals else 0
    return BallotTexts(
        rule=rule,
        hint=hint,
        tally=tally,
        tally_over=over,
        tally_now=now,
        money_pattern=format_kroner(1).replace("1", "{n}", 1),
        number_locale="da-DK" if current_language() == "da" else "en-GB",
        first_field_id=f"{POINTS_PREFIX}{first}" if sheet.is_cumulative else f"choice-{first}",
    )


def tally_values(sheet: BallotSheet, choices: Choices) -> dict[str, str]:
    """The values the tally templates need, formatted for the reader."""
    if sheet.ballot_type is BallotType.KNAPSACK:
        spent, budget = sheet.cost_of(choices), sheet.budget or 0
        return {
            "spent": format_kroner(spent),
            "left": format_kroner(max(budget - spent, 0)),
            "over": format_kroner(max(spent - budget, 0)),
            "budget": format_kroner(budget),
            "over_amount": str(max(spent - budget, 0)),
        }
    if sheet.ballot_type is BallotType.APPROVAL:
        count = len(choices)
        return {"count": str(count), "max": str(sheet.max_choices), "over_amount": str(max(count - sheet.max_choices, 0))}
    used = sum(choices.values())
    return {
        "used": format_whole_number(used),
        "points": format_whole_number(sheet.points),
        "left": format_whole_number(max(sheet.points - used, 0)),
        "over": format_whole_number(max(used - sheet.points, 0)),
        "over_amount": str(max(used - sheet.points, 0)),
    }
