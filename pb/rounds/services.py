"""Rounds: the current (staff) and public round, the public pin, and budgets."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Mapping
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pb.audit.services import record
from pb.communities.models import Community
from pb.db import utcnow
from pb.errors import DomainError, NotAllowed
from pb.i18n import format_kroner
from pb.labels import PHASE_NAMES, SELECTION_RULE_NAMES
from pb.rounds.models import BallotType, Category, CommunityBudget, Phase, PhaseWindow, Round, SelectionRule
from pb.rounds.phases import Action, require_phase

if TYPE_CHECKING:
    from pb.auth.models import StaffUser

#: Phase dates are whole days in Danish time.
LOCAL_ZONE = ZoneInfo("Europe/Copenhagen")



def _newest(session: Session, *conditions: Any) -> Round | None:
    return session.scalar(
        select(Round)
        .where(*conditions)
        .order_by(Round.created_at.desc(), Round.id.desc())
        .options(selectinload(Round.phase_windows), selectinload(Round.budgets))
        .limit(1)
    )


def current_round(session: Session) -> Round | None:
    """The newest round that is not archived: the staff's working round and the CLI's default ``--round``."""
    return _newest(session, Round.phase != Phase.ARCHIVED)


def public_round(session: Session) -> Round | None:
    """The round the public pages show: the one an official pinned, else the newest round past draft.

    A new draft round (next year's, being prepared) never hides the published one.
    """
    pinned = session.scalar(
        select(Round)
        .where(Round.pinned_public_at.is_not(None), Round.phase != Phase.DRAFT)
        .order_by(Round.pinned_public_at.desc())
        .options(selectinload(Round.phase_windows), selectinload(Round.budgets))
        .limit(1)
    )
    return pinned or _newest(session, Round.phase != Phase.DRAFT)


class PinRefused(DomainError):
    """A round still in draft cannot be shown to the public."""

    status = 409


def pin_public_round(session: Session, round_: Round, *, actor: StaffUser | None, actor_label: str | None = None) -> None:
    """Show ``round_`` on the public pages instead of the newest one, audited.

    Raises NotAllowed for a playmaker and PinRefused for a draft round.
    """
    _require_official(actor)
    if round_.phase is Phase.DRAFT:
        raise PinRefused(_l("En runde under forberedelse kan ikke vises offentligt."))
    for other in session.scalars(select(Round).where(Round.pinned_public_at.is_not(None), Round.id != round_.id)):
        other.pinned_public_at = None
    round_.pinned_public_at = utcnow()
    record(session, "round.pin_public", actor=actor, actor_label=actor_label, obj=round_)


def unpin_public_round(session: Session, *, actor: StaffUser | None, actor_label: str | None = None) -> None:
    """Go back to showing the newest round past draft, audited. Raises NotAllowed for a playmaker."""
    _require_official(actor)
    for pinned in session.scalars(select(Round).where(Round.pinned_public_at.is_not(None))):
        pinned.pinned_public_at = None
        record(session, "round.unpin_public", actor=actor, actor_label=actor_label, obj=pinned)


def _require_official(actor: StaffUser | None) -> None:
    if actor is not None and not actor.is_official:
        raise NotAllowed(_l("Kun kommunens medarbejdere kan vælge, hvilken runde der vises offentligt."))


def budget_by_community(round_: Round) -> dict[int, int]:
    return {budget.community_id: budget.amount for budget in round_.budgets}


def budgets_by_formula(total: int, base_amount: int, populations: Mapping[str, int]) -> dict[str, int]:
    """Split ``total`` kroner: ``base_amount`` each, the rest in proportion to population.

    Whole kroner are handed out by largest remainder, so the parts add up to
    ``total`` exactly. Raises ValueError when the base amounts alone exceed it.
    """
    if not populations:
        return {}
    pool = total - base_amount * len(populations)
    if base_amount < 0 or pool < 0:
        raise ValueError("the base amounts exceed the total")
    # Nobody registered anywhere: share the pool equally instead.
    weights = dict(populations) if sum(populations.values()) > 0 else dict.fromkeys(populations, 1)
    total_weight = sum(weights.values())
    shares = {key: pool * weight // total_weight for key, weight in weights.items()}
    remainders = {key: pool * weight % total_weight for key, weight in weights.items()}
    left = pool - sum(shares.values())
    # Largest remainder first; the key breaks equal remainders so the split is reproducible.
    for key in sorted(weights, key=lambda k: (-remainders[k], k))[:left]:
        shares[key] += 1
    return {key: base_amount + shares[key] for key in populations}


def set_budget(session: Session, round_: Round, community_id: int, amount: int) -> CommunityBudget:
    """Set one community's budget. Raises PhaseClosed once voting has begun."""
    require_phase(round_, Action.SET_BUDGETS)
    budget = next((b for b in round_.budgets if b.community_id == community_id), None)
    if budget is None:
        budget = CommunityBudget(round=round_, community_id=community_id, amount=amount)
        session.add(budget)
    else:
        budget.amount = amount
    return budget


# ---------------------------------------------------------------------------
# Round administration: creating a round, its dates, settings and budgets
# ---------------------------------------------------------------------------


class RoundError(DomainError):
    """A round cannot be created or changed as asked; ``field`` names the form field to blame, if any."""

    status = 422

    def __init__(self, message: Any, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def create_round(session: Session, name: str, fund_name: str, pool_amount: int, *, actor: StaffUser) -> Round:
    """A new round in the draft phase. Raises RoundError when the name is taken."""
    name = name.strip()
    if session.scalar(select(Round.id).where(Round.name == name)) is not None:
        raise RoundError(_l("Der findes allerede en runde med det navn. Vælg et andet."), field="name")
    round_ = Round(name=name, fund_name=fund_name.strip(), pool_amount=pool_amount, phase=Phase.DRAFT)
    session.add(round_)
    session.flush()
    record(
        session, "round.create", actor=actor, obj=round_,
        details={"after": {"name": name, "fund_name": round_.fund_name, "pool_amount": pool_amount}},
    )
    return round_


#: The phases that have a planned window (archived has none: it lasts).
PLANNED_PHASES = (Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING, Phase.TALLYING, Phase.PUBLISHED)


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_ZONE)


def window_dates(window: PhaseWindow) -> tuple[date, date]:
    """A window as the first and last day it covers, in Danish time."""
    starts = window.starts_at.astimezone(LOCAL_ZONE).date()
    ends = (window.ends_at.astimezone(LOCAL_ZONE) - timedelta(microseconds=1)).date()
    return starts, ends


def set_phase_windows(
    session: Session, round_: Round, windows: Mapping[Phase, tuple[date, date] | None], *, actor: StaffUser
) -> None:
    """Plan each phase from its first to its last day (whole days, Danish time); None removes a plan.

    Raises RoundError when a phase ends before it starts or begins before the
    phase before it has ended.
    """
    require_phase(round_, Action.PLAN_PHASES)
    previous: tuple[Phase, date] | None = None
    for phase in PLANNED_PHASES:
        dates = windows.get(phase)
        if dates is None:
            continue
        first, last = dates
        if last < first:
            raise RoundError(
                _l("%(phase)s slutter, før den begynder. Ret datoerne.", phase=PHASE_NAMES[phase]),
                field=f"{phase.value}_ends",
            )
        if previous is not None and first <= previous[1]:
            raise RoundError(
                _l(
                    "%(phase)s begynder, før %(previous)s er slut. Faserne skal komme efter hinanden.",
                    phase=PHASE_NAMES[phase], previous=str(PHASE_NAMES[previous[0]]).lower(),
                ),
                field=f"{phase.value}_starts",
            )
        previous = (phase, last)

    before = {w.phase.value: [d.isoformat() for d in window_dates(w)] for w in round_.phase_windows}
    for phase in PLANNED_PHASES:
        dates = windows.get(phase)
        existing = round_.window(phase)
        if dates is None:
            if existing is not None:
                round_.phase_windows.remove(existing)
            continue
        starts_at, ends_at = _local_start(dates[0]), _local_start(dates[1] + timedelta(days=1))
        if existing is None:
            round_.phase_windows.append(PhaseWindow(phase=phase, starts_at=starts_at, ends_at=ends_at))
        else:
            existing.starts_at, existing.ends_at = starts_at, ends_at
    after = {p.value: [d.isoformat() for d in dates] for p, dates in windows.items() if dates is not None}
    session.flush()
    record(session, "round.phase_windows", actor=actor, obj=round_, details={"before": before, "after": after})


@dataclass(frozen=True)
class CategorySetting:
    """One category as the form gives it; ``id`` is None for a new one."""

    id: int | None
    name: str
    min_spend: int | None = None
    max_spend: int | None = None


@dataclass(frozen=True)
class RoundSettings:
    name: str
    fund_name: str
    pool_amount: int
    ballot_type: BallotType
    selection_rule: SelectionRule
    min_voter_age: int
    self_registration_open: bool
    approval_min_choices: int | None = None
    approval_max_choices: int | None = None
    cumulative_points: int | None = None
    categories: tuple[CategorySetting, ...] = ()


def _settings_summary(round_: Round) -> dict[str, Any]:
    return {
        "name": round_.name,
        "fund_name": round_.fund_name,
        "pool_amount": round_.pool_amount,
        "ballot_type": round_.ballot_type.value,
        "selection_rule": round_.selection_rule.value,
        "min_voter_age": round_.min_voter_age,
        "self_registration_open": round_.self_registration_open,
        "approval_min_choices": round_.approval_min_choices,
        "approval_max_choices": round_.approval_max_choices,
        "cumulative_points": round_.cumulative_points,
        "categories": [[c.name, c.min_spend, c.max_spend] for c in round_.categories],
    }


def _check_settings(session: Session, round_: Round, settings: RoundSettings) -> None:
    """Raise RoundError, naming the field, for the first setting that does not hold."""
    taken = session.scalar(select(Round.id).where(Round.name == settings.name, Round.id != round_.id))
    if taken is not None:
        raise RoundError(_l("Der findes allerede en runde med det navn. Vælg et andet."), field="name")
    if settings.ballot_type is BallotType.APPROVAL:
        low, high = settings.approval_min_choices, settings.approval_max_choices
        if low is None or high is None:
            raise RoundError(
                _l("Skriv, hvor mange forslag man mindst og højst skal vælge."),
                field="approval_min_choices" if low is None else "approval_max_choices",
            )
        if low < 1:
            raise RoundError(_l("Man skal mindst vælge 1 forslag."), field="approval_min_choices")
        if high < low:
            raise RoundError(
                _l("Det højeste antal forslag kan ikke være mindre end det laveste."), field="approval_max_choices"
            )
    if settings.ballot_type is BallotType.CUMULATIVE and not settings.cumulative_points:
        raise RoundError(_l("Skriv, hvor mange point hver vælger kan fordele."), field="cumulative_points")
    names = [c.name.strip().casefold() for c in settings.categories]
    duplicates = sorted({c.name.strip() for c in settings.categories if names.count(c.name.strip().casefold()) > 1})
    if duplicates:
        raise RoundError(_l("Kategorien »%(name)s« står der to gange.", name=duplicates[0]), field="categories")
    for category in settings.categories:
        if category.min_spend is not None and category.max_spend is not None and category.max_spend < category.min_spend:
            raise RoundError(
                _l("Kategorien »%(name)s«: Højst-beløbet er mindre end mindst-beløbet.", name=category.name),
                field="categories",
            )
    spending_limits = any(c.min_spend is not None or c.max_spend is not None for c in settings.categories)
    if spending_limits and settings.selection_rule is not SelectionRule.MAX_WELFARE:
        raise RoundError(
            _l(
                "Mindst- og højst-beløb for kategorier kan kun overholdes af reglen »%(rule)s«."
                " Vælg den regel, eller fjern beløbene.",
                rule=SELECTION_RULE_NAMES[SelectionRule.MAX_WELFARE],
            ),
            field="selection_rule",
        )


def update_round_settings(session: Session, round_: Round, settings: RoundSettings, *, actor: StaffUser) -> None:
    """Change the round's settings and categories. Raises PhaseClosed once voting has begun, or RoundError."""
    require_phase(round_, Action.EDIT_ROUND_SETTINGS)
    _check_settings(session, round_, settings)
    before = _settings_summary(round_)
    is_approval = settings.ballot_type is BallotType.APPROVAL
    round_.name = settings.name
    round_.fund_name = settings.fund_name
    round_.pool_amount = settings.pool_amount
    round_.ballot_type = settings.ballot_type
    round_.selection_rule = settings.selection_rule
    round_.min_voter_age = settings.min_voter_age
    round_.self_registration_open = settings.self_registration_open
    round_.approval_min_choices = settings.approval_min_choices if is_approval else None
    round_.approval_max_choices = settings.approval_max_choices if is_approval else None
    round_.cumulative_points = (
        settings.cumulative_points if settings.ballot_type is BallotType.CUMULATIVE else None
    )
    _replace_categories(session, round_, settings.categories)
    session.flush()
    after = _settings_summary(round_)
    changed = sorted(key for key in after if after[key] != before[key])
    record(
        session, "round.settings", actor=actor, obj=round_,
        details={
            "before": {k: before[k] for k in changed}, "after": {k: after[k] for k in changed},
        },
    )


def _replace_categories(session: Session, round_: Round, wanted: tuple[CategorySetting, ...]) -> None:
    """Keep, rename, add and remove categories; one that proposals use cannot be removed."""
    from pb.proposals.models import Proposal

    by_id = {c.id: c for c in round_.categories}
    kept = {c.id for c in wanted if c.id is not None}
    for category in list(round_.categories):
        if category.id in kept:
            continue
        used = session.scalar(select(func.count(Proposal.id)).where(Proposal.category_id == category.id)) or 0
        if used:
            raise RoundError(
                _l(
                    "Kategorien »%(name)s« bruges af %(count)d forslag og kan ikke fjernes. Omdøb den i stedet.",
                    name=category.name, count=used,
                ),
                field="categories",
            )
        round_.categories.remove(category)
    session.flush()  # free the removed names before a new category takes one
    for setting in wanted:
        category = by_id.get(setting.id) if setting.id is not None else None
        if category is None:
            category = Category(name=setting.name.strip())
            round_.categories.append(category)
        category.name = setting.name.strip()
        category.min_spend = setting.min_spend
        category.max_spend = setting.max_spend


@dataclass(frozen=True)
class BudgetPlan:
    """A split of the pool over the communities, before it is saved."""

    #: (community, amount) in the communities' name order.
    amounts: list[tuple[Community, int]]
    pool: int
    #: How the amounts were found: "formula" or "direct".
    method: str
    base_amount: int | None = None
    #: Kroner per resident before rounding (exact), for the formula; None when nobody lives anywhere.
    per_resident: Fraction | None = None
    #: Kroner that the rounding down left over and that were handed out one by one.
    rounding_kroner: int = 0

    @property
    def total(self) -> int:
        return sum(amount for _, amount in self.amounts)

    @property
    def difference(self) -> int:
        """How much more (positive) or less (negative) the amounts are than the pool."""
        return self.total - self.pool


def communities_in_order(session: Session) -> list[Community]:
    return list(session.scalars(select(Community).order_by(Community.name)))


def require_pool(round_: Round) -> int:
    if round_.pool_amount is None:
        raise RoundError(_l("Skriv først rundens samlede pulje under indstillinger."), field="pool")
    return round_.pool_amount


def plan_budgets_by_formula(session: Session, round_: Round, base_amount: int) -> BudgetPlan:
    """``base_amount`` to each community, the rest of the pool in proportion to its residents.

    Raises RoundError when the base amounts alone exceed the pool.
    """
    pool = require_pool(round_)
    communities = communities_in_order(session)
    if not communities:
        raise RoundError(_l("Der er ingen lokalsamfund at fordele puljen til."))
    if base_amount * len(communities) > pool:
        raise RoundError(
            _one_full_stop(
                _l(
                    "Grundbeløbet til %(count)d lokalsamfund er %(needed)s, men puljen er kun %(pool)s.",
                    count=len(communities), needed=format_kroner(base_amount * len(communities)),
                    pool=format_kroner(pool),
                )
            ),
            field="base_amount",
        )
    by_slug = budgets_by_formula(pool, base_amount, {c.slug: c.population for c in communities})
    rest = pool - base_amount * len(communities)
    residents = sum(c.population for c in communities)
    per_resident = Fraction(rest, residents) if residents else None
    if residents:
        rounding = rest - sum(rest * c.population // residents for c in communities)
    else:
        rounding = rest % len(communities)
    return BudgetPlan(
        [(c, by_slug[c.slug]) for c in communities], pool, "formula", base_amount, per_resident, rounding
    )


def plan_budgets_directly(session: Session, round_: Round, amounts: Mapping[int, int]) -> BudgetPlan:
    """The amounts an official typed, by community id (a community left out gets 0 kr.)."""
    pool = require_pool(round_)
    return BudgetPlan([(c, amounts.get(c.id, 0)) for c in communities_in_order(session)], pool, "direct")


def save_budgets(session: Session, round_: Round, plan: BudgetPlan, *, actor: StaffUser) -> None:
    """Store the planned budgets. Raises PhaseClosed once voting has begun, RoundError unless they add up to the pool."""
    require_phase(round_, Action.SET_BUDGETS)
    if plan.difference:
        raise RoundError(budget_mismatch_message(plan), field="budgets")
    before = {b.community.slug: b.amount for b in round_.budgets}
    for community, amount in plan.amounts:
        set_budget(session, round_, community.id, amount)
    session.flush()
    details: dict[str, Any] = {
        "method": plan.method,
        "before": before,
        "after": {c.slug: amount for c, amount in plan.amounts},
    }
    if plan.base_amount is not None:
        details["base_amount"] = plan.base_amount
    record(session, "round.budgets", actor=actor, obj=round_, details=details)


def _one_full_stop(message: Any) -> LazyString:
    """An amount such as "100 kr." that ends a sentence takes no second full stop."""
    return LazyString(lambda: str(message).replace("kr..", "kr."))


def budget_mismatch_message(plan: BudgetPlan) -> Any:
    if plan.difference > 0:
        return _one_full_stop(_l(
            "Budgetterne giver tilsammen %(total)s, men puljen er %(pool)s. Fjern %(diff)s.",
            total=format_kroner(plan.total), pool=format_kroner(plan.pool), diff=format_kroner(plan.difference),
        ))
    return _one_full_stop(_l(
        "Budgetterne giver tilsammen %(total)s, men puljen er %(pool)s. Fordel %(diff)s mere.",
        total=format_kroner(plan.total), pool=format_kroner(plan.pool), diff=format_kroner(-plan.difference),
    ))


def explain_formula(plan: BudgetPlan) -> str:
    """The split and its rounding in plain Danish, for the preview."""
    from flask_babel import format_decimal, gettext as _, ngettext

    assert plan.base_amount is not None
    count = len(plan.amounts)
    rest = plan.pool - plan.base_amount * count
    parts = [
        _(
            "Hvert af de %(count)d lokalsamfund får først %(base)s. Resten af puljen, %(rest)s,"
            " fordeles efter indbyggertal.",
            count=count, base=format_kroner(plan.base_amount), rest=format_kroner(rest),
        )
    ]
    if plan.per_resident is not None:
        parts.append(
            _("Det giver %(amount)s kr. pr. indbygger.", amount=format_decimal(float(plan.per_resident), "#,##0.00"))
        )
    else:
        parts.append(_("Ingen lokalsamfund har indbyggere registreret, så resten deles ligeligt."))
    if plan.rounding_kroner:
        parts.append(
            ngettext(
                "Beløbene rundes ned til hele kroner. Det efterlader %(num)d krone, som går til det"
                " lokalsamfund, afrundingen tog mest fra.",
                "Beløbene rundes ned til hele kroner. Det efterlader %(num)d kroner, som gives én ad gangen"
                " til de lokalsamfund, afrundingen tog mest fra.",
                plan.rounding_kroner,
            )
        )
    else:
        parts.append(_("Beløbene går op i hele kroner, så intet skal rundes."))
    parts.append(_("Tilsammen giver budgetterne præcis puljen: %(pool)s.", pool=format_kroner(plan.pool)))
    return str(_one_full_stop(" ".join(parts)))
