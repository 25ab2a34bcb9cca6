"""Rounds: finding the current one, and budgets by formula."""
from __future__ import annotations

from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pb.rounds.models import CommunityBudget, Phase, Round


def current_round(session: Session) -> Round | None:
    """The newest round that is not archived (the CLI's default ``--round``)."""
    return session.scalar(
        select(Round)
        .where(Round.phase != Phase.ARCHIVED)
        .order_by(Round.created_at.desc(), Round.id.desc())
        .options(selectinload(Round.phase_windows), selectinload(Round.budgets))
        .limit(1)
    )


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
    budget = next((b for b in round_.budgets if b.community_id == community_id), None)
    if budget is None:
        budget = CommunityBudget(round=round_, community_id=community_id, amount=amount)
        session.add(budget)
    else:
        budget.amount = amount
    return budget
