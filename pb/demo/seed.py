"""Load the demo data, idempotently: every row is found by its natural key before it is made.

DEMO DATA ONLY: the place names are real, the populations approximate, and
every proposal, person and e-mail address is invented.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.communities.models import Community
from pb.db import utcnow
from pb.demo.content import CATEGORIES, COMMUNITIES, DEMO_VOTER_NAMES, PROPOSALS, PROPOSERS
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.models import Category, CommunityBudget, Phase, PhaseWindow, Round, SelectionRule
from pb.rounds.services import budgets_by_formula
from pb.auth.models import Role, StaffUser
from pb.admin.services import create_staff
from pb.voting.models import Voter, VoterSource

DEMO_ROUND_NAME = "Oplandspuljen 2027 (demo)"
FUND_NAME = "Oplandspuljen"
#: The yearly pool from 2025 on, split as a base amount plus a share per resident.
TOTAL_BUDGET = 4_770_000
BASE_AMOUNT = 100_000

#: (email, password, role, community slugs): printed by ``seed-demo`` so people can sign in.
DEMO_STAFF = (
    ("admin@demo.oplandspuljen.dk", "demo-admin-2027", Role.ADMIN, ()),
    ("medarbejder@demo.oplandspuljen.dk", "demo-medarbejder-2027", Role.OFFICIAL, ()),
    ("playmaker@demo.oplandspuljen.dk", "demo-playmaker-2027", Role.PLAYMAKER, ("tranbjerg", "maarslet")),
)
VOTERS_PER_COMMUNITY = 3
VOTER_COMMUNITIES = ("tranbjerg", "maarslet", "harlev")


@dataclass
class SeedSummary:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    def describe(self) -> str:
        if not self.created:
            return "Demo data already complete; nothing added."
        parts = ", ".join(f"{kind}: {n}" for kind, n in sorted(self.created.items()))
        return f"Demo data added (DEMO DATA, not real): {parts}."


def database_has_data(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(Community.id.isnot(None)))))


def seed_demo(session: Session, phase: Phase = Phase.VOTING) -> SeedSummary:
    """Add whatever part of the demo data is missing; never duplicates or overwrites.

    The demo round is made in ``phase``, its dates around today; an existing
    demo round in another phase is moved to it (demo data only).
    """
    summary = SeedSummary()
    communities = _communities(session, summary)
    round_ = _demo_round(session, summary, phase)
    categories = _categories(session, round_, summary)
    _budgets(session, round_, communities, summary)
    _proposals(session, round_, communities, categories, summary)
    _staff(session, summary)
    _voters(session, round_, communities, summary)
    if summary.created:
        record(session, "demo.seed", actor_label="cli", details={"created": summary.created})
    session.flush()
    return summary


def _communities(session: Session, summary: SeedSummary) -> dict[str, Community]:
    existing = {c.slug: c for c in session.scalars(select(Community))}
    for demo in COMMUNITIES:
        if demo.slug not in existing:
            community = Community(
                name=demo.name, slug=demo.slug, population=demo.population, postcodes=list(demo.postcodes)
            )
            session.add(community)
            existing[demo.slug] = community
            summary.count("communities")
    session.flush()
    return existing


#: How long each planned phase of the demo round lasts.
DEMO_PHASE_DAYS = {Phase.PROPOSALS: 35, Phase.REVIEW: 28, Phase.VOTING: 28, Phase.TALLYING: 7, Phase.PUBLISHED: 365}


def demo_windows(phase: Phase) -> dict[Phase, tuple[datetime, datetime]]:
    """Phase dates laid out so that ``phase`` began a week ago (all in the future for a draft)."""
    today = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    planned = list(DEMO_PHASE_DAYS)
    start = today + timedelta(days=7) if phase not in DEMO_PHASE_DAYS else today - timedelta(days=7)
    for earlier in planned[: planned.index(phase)] if phase in DEMO_PHASE_DAYS else []:
        start -= timedelta(days=DEMO_PHASE_DAYS[earlier])
    windows = {}
    for planned_phase in planned:
        end = start + timedelta(days=DEMO_PHASE_DAYS[planned_phase])
        windows[planned_phase] = (start, end)
        start = end
    return windows


def _demo_round(session: Session, summary: SeedSummary, phase: Phase = Phase.VOTING) -> Round:
    windows = demo_windows(phase)
    round_ = session.scalar(select(Round).where(Round.name == DEMO_ROUND_NAME))
    if round_ is not None:
        if round_.phase is not phase:
            before = round_.phase
            round_.phase = phase
            for window in round_.phase_windows:
                if window.phase in windows:
                    window.starts_at, window.ends_at = windows[window.phase]
            record(session, "demo.phase", actor_label="cli", obj=round_, details={"phase": [before.value, phase.value]})
            summary.count("phase changes")
        return round_
    round_ = Round(
        fund_name=FUND_NAME,
        name=DEMO_ROUND_NAME,
        phase=phase,
        selection_rule=SelectionRule.GREEDY,
        min_voter_age=15,
        tie_break_seed=secrets.randbelow(2**31),
        pool_amount=TOTAL_BUDGET,
    )
    round_.phase_windows = [PhaseWindow(phase=p, starts_at=s, ends_at=e) for p, (s, e) in windows.items()]
    session.add(round_)
    session.flush()
    summary.count("rounds")
    return round_


def _categories(session: Session, round_: Round, summary: SeedSummary) -> dict[str, Category]:
    existing = {c.name: c for c in session.scalars(select(Category).where(Category.round_id == round_.id))}
    for name in CATEGORIES:
        if name not in existing:
            existing[name] = Category(round=round_, name=name)
            session.add(existing[name])
            summary.count("categories")
    session.flush()
    return existing


def _budgets(session: Session, round_: Round, communities: dict[str, Community], summary: SeedSummary) -> None:
    demo_slugs = [demo.slug for demo in COMMUNITIES]
    amounts = budgets_by_formula(
        TOTAL_BUDGET, BASE_AMOUNT, {slug: communities[slug].population for slug in demo_slugs}
    )
    have = {b.community_id for b in round_.budgets}
    for slug, amount in amounts.items():
        if communities[slug].id not in have:
            # Demo data is loaded as it stands, in whatever phase the demo round is in.
            session.add(CommunityBudget(round=round_, community_id=communities[slug].id, amount=amount))
            summary.count("budgets")


def _proposals(
    session: Session,
    round_: Round,
    communities: dict[str, Community],
    categories: dict[str, Category],
    summary: SeedSummary,
) -> None:
    existing = set(
        session.execute(select(Proposal.community_id, Proposal.title).where(Proposal.round_id == round_.id)).tuples()
    )
    for slug, proposals in PROPOSALS.items():
        community = communities[slug]
        rng = random.Random(slug)  # the same invented proposers on every run
        for demo in proposals:
            proposer = rng.choice(PROPOSERS)
            if (community.id, demo.title) in existing:
                continue
            session.add(
                Proposal(
                    round=round_,
                    community=community,
                    title=demo.title,
                    summary=demo.summary,
                    description=demo.description,
                    estimated_cost=demo.cost,
                    category=categories[demo.category],
                    proposer_name=proposer,
                    proposer_email=_demo_email(proposer),
                    consent_to_publish=rng.random() < 0.7,
                    status=ProposalStatus.APPROVED,
                    confirmed_at=utcnow(),
                )
            )
            summary.count("proposals")


def _staff(session: Session, summary: SeedSummary) -> None:
    for email, password, role, slugs in DEMO_STAFF:
        if session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
            continue
        create_staff(session, email, password, role, slugs, actor_label="demo-seed")
        summary.count("staff users")


def _voters(session: Session, round_: Round, communities: dict[str, Community], summary: SeedSummary) -> None:
    existing = set(session.scalars(select(Voter.email).where(Voter.round_id == round_.id)))
    names = iter(DEMO_VOTER_NAMES)
    for slug in VOTER_COMMUNITIES:
        for _ in range(VOTERS_PER_COMMUNITY):
            name = next(names)
            email = _demo_email(name)
            if email in existing:
                continue
            session.add(
                Voter(round=round_, community=communities[slug], email=email, name=name, source=VoterSource.ROLL)
            )
            summary.count("voters")


def _demo_email(name: str) -> str:
    letters = {"æ": "ae", "ø": "oe", "å": "aa", "é": "e", " ": "."}
    local = "".join(letters.get(ch, ch) for ch in name.lower())
    return f"{local}@example.org"


def describe_logins(session: Session, base_url: str) -> str:
    """The demo staff logins as lines to print (only the accounts that exist)."""
    lines = [f"Demo staff logins (DEMO ONLY) at {base_url}/staff/login:"]
    for email, password, role, slugs in DEMO_STAFF:
        if session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is None:
            continue
        scope = f" ({', '.join(slugs)})" if slugs else ""
        lines.append(f"  {role.value:<9} {email}  password: {password}{scope}")
    return "\n".join(lines)


def describe_voter_links(session: Session, per_community: int = 1) -> str:
    """Personal voting links of a few demo voters (DEMO ONLY), built from PB_BASE_URL; nothing is changed."""
    from pb.voting.identity import ballot_url

    round_ = session.scalar(select(Round).where(Round.name == DEMO_ROUND_NAME))
    if round_ is None:
        return ""
    if round_.phase is not Phase.VOTING:
        return f"The demo round is in its {round_.phase.value} phase: voting links open only while it is voting."
    lines = ["Demo voter links (DEMO ONLY; each opens one invented resident's ballot):"]
    for slug in VOTER_COMMUNITIES:
        voters = session.scalars(
            select(Voter)
            .join(Community, Community.id == Voter.community_id)
            .where(Voter.round_id == round_.id, Community.slug == slug)
            .order_by(Voter.id)
            .limit(per_community)
        )
        for voter in voters:
            lines.append(f"  {voter.name} ({voter.community.name}): {ballot_url(voter)}")
    return "\n".join(lines)
