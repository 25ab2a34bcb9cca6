"""Where did my share go?  What each ballot paid towards each project Equal Shares funded.

A plain tally keeps no payments: the engine (:mod:`.engine`) charges whole
money classes and forgets who paid what, so that large elections stay small
in memory.  :func:`ballot_payments` is the separate, on-request path: it runs
the winning run again, at the share the result reports, with payment recording
on (:class:`~.engine.Rounds` with ``record_payments=True``), and checks that
this run funds exactly the result's projects.  For add1 that share is the
final one (``voter_budget``), since add1's outcome is one exact run there.

Why the amounts are right: in each round every supporter pays
``min(money, rho * utility)``, and the price ``rho`` is the one at which these
payments add up to the cost exactly (:mod:`.prices`); the amounts recorded are
those very payments, as exact ``Fraction`` values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ...errors import SolverInputError
from ...model import Ballot, Instance
from ...result import Result
from ..base import group_index, make_context
from .engine import Rounds
from .supporters import prepare

#: The rules whose results can say what each ballot paid.
PAYING_RULES = ("equal-shares", "equal-shares-add1")


@dataclass(frozen=True, eq=False)  # holds numpy arrays, which do not compare to one bool
class BallotPayments:
    """What the voter behind each ballot paid towards each funded project.

    Amounts are exact ``Fraction`` values in the instance's minor units (the
    unit of ``Project.cost``: øre when ``Instance.scale`` is 100, kroner when it
    is 1).  Identical ballots paid identical amounts, so they are stored once.

    Attributes
    ----------
    share : Fraction
        The money every voter started with (minor units).
    projects : tuple of str
        The projects paid for, in the order they were funded.  Funded projects
        that cost nothing are not among them: nobody pays for them.
    group_of_ballot : ndarray of intp
        For each ballot, in the order given, the index of its distinct ballot.
    paid : mapping of str to (ndarray of intp, tuple of Fraction)
        Per project, the distinct ballots whose voters paid for it (ascending)
        and what one such voter paid.
    """

    share: Fraction
    projects: tuple[str, ...]
    group_of_ballot: np.ndarray
    paid: Mapping[str, tuple[np.ndarray, tuple[Fraction, ...]]]

    def __len__(self) -> int:
        """The number of ballots."""
        return len(self.group_of_ballot)

    def __getitem__(self, i: int) -> dict[str, Fraction]:
        """What the voter who cast ballot ``i`` paid, by project, leaving out projects they paid nothing for.

        Parameters
        ----------
        i : int
            Position of the ballot in the sequence given to :func:`ballot_payments`.

        Returns
        -------
        dict of str to Fraction
            Project id to the amount paid (minor units), in funding order.
        """
        group = int(self.group_of_ballot[i])
        out: dict[str, Fraction] = {}
        for pid in self.projects:
            groups, amounts = self.paid[pid]
            at = int(np.searchsorted(groups, group))
            if at < len(groups) and groups[at] == group and amounts[at]:
                out[pid] = amounts[at]
        return out

    def __iter__(self) -> Iterator[dict[str, Fraction]]:
        """Each ballot's payments, in the order of the ballots."""
        return (self[i] for i in range(len(self)))

    def spent(self, i: int) -> Fraction:
        """All that the voter who cast ballot ``i`` paid (at most :attr:`share`)."""
        return sum(self[i].values(), Fraction(0))

    def totals(self) -> dict[str, Fraction]:
        """Per project, what all its payers paid together: its cost, exactly."""
        counts = np.bincount(self.group_of_ballot)
        return {
            pid: sum((amount * int(counts[g]) for g, amount in zip(groups.tolist(), amounts)), Fraction(0))
            for pid, (groups, amounts) in self.paid.items()
        }


def ballot_payments(instance: Instance, ballots: Sequence[Ballot], result: Result) -> BallotPayments:
    """What each ballot paid towards each project an Equal Shares result funded.

    Parameters
    ----------
    instance : Instance
        The instance the result was tallied on.
    ballots : sequence of ApprovalBallot or CumulativeBallot
        The same ballots, in the order whose positions :class:`BallotPayments` indexes.
    result : Result
        An ``equal-shares`` or ``equal-shares-add1`` result of :func:`solver.tally`
        on them.

    Returns
    -------
    BallotPayments

    Raises
    ------
    SolverInputError
        If the result's rule does not charge voters, or if re-running it on these
        ballots does not fund the result's projects (the result belongs to
        other ballots).
    """
    if result.rule not in PAYING_RULES:
        raise SolverInputError(f"only {' and '.join(PAYING_RULES)} results say what each ballot paid, not {result.rule!r}")
    ctx = make_context(instance, ballots, result.tie_break, result.parameters.get("min_score", 0))
    groups = np.array(group_index(ballots), dtype=np.intp)
    if ctx.num_voters == 0:
        if result.selected:
            raise SolverInputError("the result funds projects, but there are no ballots")
        return BallotPayments(Fraction(0), (), groups, {})
    share = Fraction(result.parameters["voter_budget"])
    supporters = prepare(ctx)
    run = Rounds(ctx, supporters, share, record_payments=True).play()
    if tuple(run.selected) != tuple(result.selected):
        raise SolverInputError("these ballots do not give this result: re-running it funds other projects")
    paid = {pid: (supporters.backers[pid].groups, tuple(run.paid[pid])) for pid in run.steps}
    return BallotPayments(share, tuple(run.steps), groups, paid)
