"""Every table, imported in one place so ``Base.metadata`` is complete (Alembic needs it)."""
from pb.audit.models import AuditEvent
from pb.communities.models import Community
from pb.db import Base
from pb.mail.models import MailStatus, OutboundEmail
from pb.proposals.models import Proposal, ProposalStatus
from pb.results.models import Result
from pb.rounds.models import (
    BallotType,
    Category,
    CommunityBudget,
    Phase,
    PhaseWindow,
    Round,
    SelectionRule,
)
from pb.auth.models import LoginAttempt, Role, StaffUser, staff_community
from pb.voting.models import (
    Ballot,
    BallotChannel,
    BallotItem,
    BallotRevision,
    LinkRequest,
    LinkRequestKind,
    PendingPaperBallot,
    Voter,
    VoterSource,
)

__all__ = [
    "AuditEvent", "Ballot", "BallotChannel", "BallotItem", "BallotRevision", "BallotType", "Base",
    "Category", "Community", "CommunityBudget", "LinkRequest", "LinkRequestKind", "LoginAttempt", "MailStatus", "OutboundEmail", "PendingPaperBallot",
    "Phase", "PhaseWindow", "Proposal", "ProposalStatus", "Result", "Role", "Round",
    "SelectionRule", "StaffUser", "Voter", "VoterSource", "staff_community",
]
