"""What the public pages show: the current round and its communities."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pb.communities.models import Community
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.labels import PHASE_NAMES  # noqa: F401  (re-exported for the templates)
from pb.rounds.models import Phase, Round
from pb.rounds.services import budget_by_community, current_round

#: What a resident can do now, by phase: the button text on each community card.
CALLS_TO_ACTION = {
    Phase.DRAFT: _l("Læs om runden"),
    Phase.PROPOSALS: _l("Se hvordan du indsender et forslag"),
    Phase.REVIEW: _l("Se de indsendte forslag"),
    Phase.VOTING: _l("Se forslagene, du kan stemme på"),
    Phase.TALLYING: _l("Se forslagene – stemmerne tælles op"),
    Phase.PUBLISHED: _l("Se hvilke forslag der får støtte"),
    Phase.ARCHIVED: _l("Se den afsluttede runde"),
}

#: One sentence under the round's heading, telling residents what happens now.
PHASE_GUIDANCE = {
    Phase.DRAFT: _l("Runden er ved at blive gjort klar. Snart kan du indsende forslag."),
    Phase.PROPOSALS: _l("Nu kan du komme med forslag til, hvad pengene i dit lokalsamfund skal bruges på."),
    Phase.REVIEW: _l("Playmakerne gennemgår forslagene. Snart kan du stemme."),
    Phase.VOTING: _l("Nu kan du stemme. Du stemmer med det personlige afstemningslink, du har fået på e-mail."),
    Phase.TALLYING: _l("Afstemningen er slut. Stemmerne bliver talt op."),
    Phase.PUBLISHED: _l("Resultatet er klar. Se hvilke forslag der får støtte i dit lokalsamfund."),
    Phase.ARCHIVED: _l("Runden er afsluttet."),
}


@dataclass(frozen=True)
class CommunityCard:
    community: Community
    budget: int | None


@dataclass(frozen=True)
class FrontPage:
    round: Round | None
    cards: list[CommunityCard]
    total_budget: int


def front_page(session: Session) -> FrontPage:
    round_ = current_round(session)
    communities = list(session.scalars(select(Community).order_by(Community.name)))
    budgets = budget_by_community(round_) if round_ else {}
    cards = [CommunityCard(c, budgets.get(c.id)) for c in communities]
    return FrontPage(round_, cards, sum(budgets.values()))


def ballot_proposals(session: Session, round_: Round, community: Community) -> list[Proposal]:
    """The approved proposals of a community: what stands on its ballot."""
    return list(
        session.scalars(
            select(Proposal)
            .where(
                Proposal.round_id == round_.id,
                Proposal.community_id == community.id,
                Proposal.status == ProposalStatus.APPROVED,
            )
            .order_by(Proposal.title)
        )
    )


def database_is_up(session: Session) -> bool:
    try:
        session.execute(text("SELECT 1"))
    except Exception:  # any driver error means "down" here; /healthz reports it, not raises it
        session.rollback()
        return False
    return True
