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
from .result import Explanation, Result, TieRecord
from .tally import RULES, tally
from .tiebreak import TieBreak

__all__ = [
    "RULES",
    "ApprovalBallot",
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
    "read_pb",
    "tally",
    "write_pb",
]
