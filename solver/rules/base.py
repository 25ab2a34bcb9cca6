"""What every rule shares: grouped ballots, scores, eligibility and the tie ranking."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

from ..errors import SolverInputError, UnsupportedBallotError
from ..model import ApprovalBallot, Ballot, CumulativeBallot, Instance, OrdinalBallot
from ..result import BELOW_THRESHOLD, Explanation
from ..tiebreak import TieBreak


class BallotGroup(NamedTuple):
    """Identical ballots counted once, with how many voters cast them.

    A named tuple rather than a dataclass: large elections make tens of thousands.
    """

    #: ``(project_id, weight)``: weight 1 for approval, the points for cumulative.
    items: tuple[tuple[str, int], ...]
    count: int


@dataclass(frozen=True)
class Context:
    """Everything a rule needs, computed once by :func:`solver.tally`."""

    instance: Instance
    groups: tuple[BallotGroup, ...]
    num_voters: int
    cumulative: bool
    scores: dict[str, int]
    eligible: tuple[str, ...]
    rank: dict[str, int]
    tie_break: TieBreak
    min_score: int

    def by_tie_order(self, ids: Iterable[str]) -> list[str]:
        """Sort ids by the tie order (preferred first)."""
        return sorted(ids, key=self.rank.__getitem__)

    def threshold_explanations(self) -> dict[str, Explanation]:
        """Explanations for projects that fell below the minimum score."""
        eligible = set(self.eligible)
        return {
            p.id: Explanation(p.id, BELOW_THRESHOLD, self.scores[p.id], p.cost)
            for p in self.instance.projects
            if p.id not in eligible
        }


def group_ballots(instance: Instance, ballots: Sequence[Ballot]) -> tuple[tuple[BallotGroup, ...], bool]:
    """Group identical ballots; return the groups and whether they are cumulative.

    Raises
    ------
    UnsupportedBallotError
        For ordinal ballots, or approval and cumulative ballots mixed.
    SolverInputError
        For a ballot naming an unknown project or giving negative points.
    """
    # Count by identity first (read_pb hands out one object per distinct ballot, so this
    # is cheap), then merge equal ballots that are distinct objects by value.  The groups
    # follow the first appearance of each distinct ballot (see group_index).
    by_identity = Counter(map(id, ballots))
    objects = dict(zip(map(id, ballots), ballots))
    counts: dict[Ballot, int] = {}
    for key, count in by_identity.items():
        ballot = objects[key]
        counts[ballot] = counts.get(ballot, 0) + count
    del by_identity, objects  # freed before the groups are built: they hold an entry per distinct ballot
    kinds = {type(b) for b in counts}
    if OrdinalBallot in kinds:
        raise UnsupportedBallotError("ordinal ballots cannot be tallied by these rules (approval or cumulative only)")
    if len(kinds) > 1:
        raise UnsupportedBallotError("approval and cumulative ballots cannot be mixed in one tally")
    cumulative = CumulativeBallot in kinds
    known = frozenset(instance.project_ids)
    # One shared (id, 1) pair per project: a million distinct approval ballots then cost
    # one tuple each, not one tuple per approval.
    approve = {pid: (pid, 1) for pid in instance.project_ids}
    groups = []
    for ballot, count in counts.items():
        if isinstance(ballot, ApprovalBallot):
            items = tuple(approve.get(pid) or (pid, 1) for pid in dict.fromkeys(ballot.approved))
        elif isinstance(ballot, CumulativeBallot):
            merged: dict[str, int] = {}
            for pid, pts in ballot.points:
                if not isinstance(pts, int) or pts < 0:
                    raise SolverInputError(f"points must be non-negative ints, got {pts!r}")
                merged[pid] = merged.get(pid, 0) + pts
            # Zero points carry no support (pabutools treats them the same way).
            items = tuple((pid, pts) for pid, pts in merged.items() if pts > 0)
        else:
            raise UnsupportedBallotError(f"unsupported ballot type {type(ballot).__name__}")
        named = [pid for pid, _ in items] if cumulative else ballot.approved
        if not known.issuperset(named):
            unknown = next(pid for pid in named if pid not in known)
            raise SolverInputError(f"a ballot names unknown project {unknown!r}")
        groups.append(BallotGroup(items, count))
    return tuple(groups), cumulative


def group_index(ballots: Iterable[Ballot]) -> list[int]:
    """For each ballot, the index of its group among those :func:`group_ballots` returns.

    Groups follow the first appearance of each distinct ballot, so equal
    ballots share an index whether or not they are the same object.
    """
    index: dict[Ballot, int] = {}
    return [index.setdefault(ballot, len(index)) for ballot in ballots]


def make_context(
    instance: Instance, ballots: Sequence[Ballot], tie_break: TieBreak, min_score: int
) -> Context:
    """Group ballots, count scores, apply the minimum score and rank projects for ties."""
    groups, cumulative = group_ballots(instance, ballots)
    scores = {pid: 0 for pid in instance.project_ids}
    for group in groups:
        count = group.count
        for pid, weight in group.items:
            scores[pid] += weight * count
    eligible = tuple(pid for pid in instance.project_ids if scores[pid] >= min_score)
    rank = tie_break.ranking(instance, scores)
    num_voters = sum(g.count for g in groups)
    return Context(instance, groups, num_voters, cumulative, scores, eligible, rank, tie_break, min_score)
