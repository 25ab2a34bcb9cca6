"""Who supports which project, and with what utility: the part of Equal Shares no share changes.

Voters who cast the same ballot are one *group* (:class:`~solver.rules.base.BallotGroup`).
:func:`prepare` lists, per project, the groups that support it and their
utility, as numpy arrays (:class:`Backers`).  Utility is the project's cost for
approval ballots (pabutools' ``Cost_Sat``) and the points for cumulative ballots
(``Additive_Cardinal_Sat``); zero utility is no support.

add1 (:mod:`.add1`) runs Equal Shares many times on one election, so this is
computed once and shared by every run of the engine (:mod:`.engine`) and by the
verifier (:mod:`.add1_verifier`).  Nothing here is decided: these are counts,
and integers stay integers (voter counts are held as float64 only for
``np.bincount``, which is exact far beyond any electorate).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..base import Context


@dataclass(frozen=True)
class Cell:
    """A project's supporters counted per ``(money class, utility)``, as parallel arrays.

    Attributes
    ----------
    classes : ndarray of intp
        Money class of each entry (see :class:`~solver.rules.equal_shares.money.MoneyClasses`).
    weights : ndarray of float64
        Utility of each entry (an integer held as a float).
    counts : ndarray of float64
        Voters in each entry (an integer held as a float).
    """

    classes: np.ndarray
    weights: np.ndarray
    counts: np.ndarray


@dataclass(frozen=True)
class Backers:
    """The groups supporting one project, as arrays.

    Attributes
    ----------
    groups : ndarray of intp
        Index of each supporting group in ``ctx.groups``, ascending.
    voters : ndarray of float64
        Voters per group, as ``np.bincount`` weights (exact: counts stay far below 2**53).
    weight_codes : ndarray of intp
        Index into ``weights`` of each group's utility for the project.
    weights : tuple of int
        The distinct utilities, ascending.
    """

    groups: np.ndarray
    voters: np.ndarray
    weight_codes: np.ndarray
    weights: tuple[int, ...]

    @classmethod
    def of(cls, group_ids: list[int], utilities: list[int], voters: np.ndarray) -> Backers:
        """Arrays for the supporting groups ``group_ids`` with their ``utilities`` (parallel lists)."""
        groups = np.array(group_ids, dtype=np.intp)
        distinct, codes = np.unique(np.array(utilities, dtype=np.int64), return_inverse=True)
        return cls(groups, voters[groups], codes.astype(np.intp), tuple(distinct.tolist()))

    def utilities(self) -> np.ndarray:
        """Each supporting group's utility for the project, as int64."""
        return np.array(self.weights, dtype=np.int64)[self.weight_codes]

    def keyed_classes(self, group_class: np.ndarray) -> tuple[np.ndarray, int]:
        """One code per group, ``class * width + weight code``, and that width."""
        width = len(self.weights)
        classes = group_class[self.groups]
        return (classes if width == 1 else classes * width + self.weight_codes), width

    def cell(self, group_class: np.ndarray) -> Cell:
        """Voters per ``(class, weight)`` among these groups, given each group's money class."""
        codes, width = self.keyed_classes(group_class)
        counts = np.bincount(codes, weights=self.voters)
        present = np.flatnonzero(counts)
        weight_of = np.array(self.weights, dtype=np.float64)
        return Cell(present // width, weight_of[present % width], counts[present])


@dataclass(frozen=True)
class Supporters:
    """The share-independent part of an Equal Shares run (see the module docstring).

    Attributes
    ----------
    groups : dict of str to list of int
        Per eligible project, the ballot groups that support it (utility above zero).
    free : tuple of str
        Supported projects that cost nothing; pabutools funds them before the first round.
    live : tuple of str
        Supported projects with a positive cost: the candidates of the rounds.
    total_utility : dict of str to int
        Per live project, the sum of its supporters' utilities (voters times utility).
    neighbours : dict of str to frozenset of str
        Per live project, every live project some supporter also supports: the
        projects whose cells a payment for it can change.
    backers : dict of str to Backers
        Per live project, its supporting groups as arrays.
    """

    groups: dict[str, list[int]]
    free: tuple[str, ...]
    live: tuple[str, ...]
    total_utility: dict[str, int]
    neighbours: dict[str, frozenset[str]]
    backers: dict[str, Backers]


def prepare(ctx: Context) -> Supporters:
    """Compute the share-independent part of an Equal Shares run for ``ctx``."""
    inst = ctx.instance
    cost = {pid: inst.project(pid).cost for pid in ctx.eligible}
    groups: dict[str, list[int]] = {pid: [] for pid in ctx.eligible}
    utilities: dict[str, list[int]] = {pid: [] for pid in ctx.eligible}
    for gi, group in enumerate(ctx.groups):
        for pid, points in group.items:
            members = groups.get(pid)
            if members is None:
                continue  # below the minimum score
            utility = points if ctx.cumulative else cost[pid]
            # Zero utility is no support: under cost utility a free project is never
            # funded, exactly as in pabutools (its Cost_Sat is 0).
            if utility > 0:
                members.append(gi)
                utilities[pid].append(utility)
    free = tuple(pid for pid in ctx.eligible if groups[pid] and cost[pid] == 0)
    live = tuple(pid for pid in ctx.eligible if groups[pid] and cost[pid] > 0)
    voters = np.array([g.count for g in ctx.groups], dtype=np.float64)
    backers = {pid: Backers.of(groups[pid], utilities[pid], voters) for pid in live}
    total_utility = {
        pid: sum(u * n for u, n in zip(utilities[pid], voters[backers[pid].groups].astype(np.int64).tolist()))
        for pid in live
    }
    # Which projects share a supporter, from a group-by-project incidence table.
    incidence = np.zeros((len(ctx.groups), len(live)), dtype=bool)
    for j, pid in enumerate(live):
        incidence[backers[pid].groups, j] = True
    neighbours = {
        pid: frozenset(live[j] for j in np.flatnonzero(incidence[backers[pid].groups].any(axis=0)).tolist())
        for pid in live
    }
    return Supporters(groups, free, live, total_utility, neighbours, backers)
