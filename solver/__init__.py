"""The pure participatory-budgeting solver: no Flask, no database.

Frozen dataclasses go in (:class:`Instance`, ballots), one :class:`Result` comes
out of :func:`tally`, whatever the rule.  Money is integer minor units.
"""

from .errors import (
    InfeasibleConstraintsError,
    PbFormatError,
    SolverError,
    SolverInputError,
    UnsupportedBallotError,
    UnsupportedConstraintError,
)
from .export import export_pb, read_recount
from .model import (
    ApprovalBallot,
    BallotRules,
    Constraints,
    CumulativeBallot,
    Instance,
    OrdinalBallot,
    Project,
)
from .pabulib import PbElection, read_pb, write_pb
from .result import Explanation, Result, TieRecord, result_from_json, result_to_json
from .tally import RULES, tally
from .tiebreak import TieBreak

__all__ = [
    "RULES",
    "ApprovalBallot",
    "BallotPayments",
    "BallotRules",
    "Constraints",
    "CumulativeBallot",
    "Explanation",
    "InfeasibleConstraintsError",
    "Instance",
    "OrdinalBallot",
    "PbElection",
    "PbFormatError",
    "Project",
    "Result",
    "SolverError",
    "SolverInputError",
    "TieBreak",
    "TieRecord",
    "UnsupportedBallotError",
    "UnsupportedConstraintError",
    "ballot_payments",
    "export_pb",
    "read_pb",
    "read_recount",
    "result_from_json",
    "result_to_json",
    "tally",
    "write_pb",
]


def __getattr__(name: str):
    """``ballot_payments`` and ``BallotPayments``, imported on first use.

    They pull in numpy and the Equal Shares engine, which a greedy count never needs.
    """
    if name in ("BallotPayments", "ballot_payments"):
        from .rules.equal_shares import payments

        return getattr(payments, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
