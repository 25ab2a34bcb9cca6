"""Errors raised by the solver.

Every error derives from :class:`SolverInputError` (a ``ValueError``) or from
:class:`SolverError` so that callers (the web app, the CLI) can turn them into
one-line messages without catching unrelated exceptions.
"""

from __future__ import annotations


class SolverInputError(ValueError):
    """The instance, the ballots or the arguments cannot be tallied as asked."""


class PbFormatError(SolverInputError):
    """A ``.pb`` file is malformed (missing section, bad number, unknown project)."""


class UnsupportedBallotError(SolverInputError):
    """The rule cannot count this ballot type (e.g. ordinal ballots)."""


class UnsupportedConstraintError(SolverInputError):
    """A constraint was given to a rule that cannot honour it (only the ILP can)."""


class SolverError(RuntimeError):
    """The ILP solver did not report an optimal solution (status checked before reading values)."""


class InfeasibleConstraintsError(SolverInputError):
    """No set of projects satisfies the constraints.

    Attributes
    ----------
    constraints : tuple[str, ...]
        Human-readable names of the constraints that were involved.
    """

    def __init__(self, message: str, constraints: tuple[str, ...] = ()):
        super().__init__(message)
        self.constraints = constraints
