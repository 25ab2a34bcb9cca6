"""Frozen input types: projects, instances, ballots and constraints.

Money is always an ``int`` in minor units (e.g. øre).  ``Instance.scale`` says
how many minor units make one unit of the currency the data came in, so a
pabulib file with costs such as ``1234.5`` is held as ``12345`` with
``scale == 10`` and can be written back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import SolverInputError
from .limits import MAX_AMOUNT, MAX_POINTS, MAX_PROJECTS

#: Ballot kinds an :class:`Instance` may declare (pabulib's ``vote_type``).
BALLOT_KINDS = ("approval", "cumulative", "choose-1", "ordinal")


@dataclass(frozen=True, slots=True)
class Project:
    """A proposal that can be funded.

    Parameters
    ----------
    id : str
        Stable identifier, compared as a string when ties are broken lexicographically.
    name : str
        Display name.
    cost : int
        Cost in minor units; must be a non-negative ``int``.
    categories : frozenset of str
        Categories used by per-category spending constraints.
    """

    id: str
    name: str = ""
    cost: int = 0
    categories: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # bool is an int subclass; a True cost is always a bug upstream.
        if not isinstance(self.cost, int) or isinstance(self.cost, bool) or self.cost < 0:
            raise SolverInputError(f"project {self.id!r}: cost must be a non-negative int, got {self.cost!r}")
        if self.cost > MAX_AMOUNT:
            raise SolverInputError(f"project {self.id!r}: cost {self.cost} is above the limit of {MAX_AMOUNT} minor units")
        if not isinstance(self.categories, frozenset):
            object.__setattr__(self, "categories", frozenset(self.categories))


@dataclass(frozen=True, slots=True)
class BallotRules:
    """What a valid ballot looks like (checked by the app; carried for the file format).

    Parameters
    ----------
    kind : str
        One of ``"approval"``, ``"cumulative"``, ``"choose-1"``, ``"ordinal"``.
    min_length, max_length : int or None
        Bounds on the number of projects on a ballot.
    min_sum_points, max_sum_points : int or None
        Bounds on the points of a cumulative ballot.
    max_sum_cost : int or None
        Bound on the total cost (minor units) of the projects on a knapsack-style ballot.
    """

    kind: str = "approval"
    min_length: int | None = None
    max_length: int | None = None
    min_sum_points: int | None = None
    max_sum_points: int | None = None
    max_sum_cost: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in BALLOT_KINDS:
            raise SolverInputError(f"unknown ballot kind {self.kind!r}; expected one of {', '.join(BALLOT_KINDS)}")


@dataclass(frozen=True)
class Instance:
    """A budget and the projects competing for it.

    Parameters
    ----------
    projects : tuple of Project
        The projects, in a fixed order; ids must be unique.
    budget : int
        The budget in minor units.
    ballot_rules : BallotRules
        The ballot type and its limits.
    scale : int
        Minor units per currency unit of the source data (1 for integral data).
    currency : str
        Currency code, informational.
    """

    projects: tuple[Project, ...]
    budget: int
    ballot_rules: BallotRules = BallotRules()
    scale: int = 1
    currency: str = ""
    _by_id: Mapping[str, Project] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        projects = tuple(self.projects)
        object.__setattr__(self, "projects", projects)
        if len(projects) > MAX_PROJECTS:
            raise SolverInputError(f"{len(projects)} projects is more than the limit of {MAX_PROJECTS}")
        by_id = {p.id: p for p in projects}
        if len(by_id) != len(projects):
            raise SolverInputError("project ids must be unique")
        if not isinstance(self.budget, int) or self.budget < 0:
            raise SolverInputError(f"budget must be a non-negative int, got {self.budget!r}")
        if self.budget > MAX_AMOUNT:
            raise SolverInputError(f"budget {self.budget} is above the limit of {MAX_AMOUNT} minor units")
        if not isinstance(self.scale, int) or self.scale < 1:
            raise SolverInputError(f"scale must be a positive int, got {self.scale!r}")
        object.__setattr__(self, "_by_id", by_id)

    def project(self, project_id: str) -> Project:
        """Return the project with this id (``KeyError`` when unknown)."""
        return self._by_id[project_id]

    def __contains__(self, project_id: object) -> bool:
        return project_id in self._by_id

    @property
    def project_ids(self) -> tuple[str, ...]:
        """Project ids in instance order."""
        return tuple(p.id for p in self.projects)


@dataclass(frozen=True, slots=True)
class ApprovalBallot:
    """The set of projects a voter approves (choose-1 ballots are approval ballots of length 1).

    Parameters
    ----------
    approved : tuple of str
        Project ids, without repeats, in the order the voter gave them.
    """

    approved: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CumulativeBallot:
    """Points a voter gives to projects.

    Parameters
    ----------
    points : tuple of (str, int)
        ``(project_id, points)`` pairs with positive points, without repeated ids.
    """

    points: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        for pid, value in self.points:
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_POINTS:
                raise SolverInputError(f"points for {pid!r} must be an int from 0 to {MAX_POINTS}, got {value!r}")


@dataclass(frozen=True, slots=True)
class OrdinalBallot:
    """A ranking of projects, most preferred first.  Read and written; refused by the rules.

    Parameters
    ----------
    ranking : tuple of str
        Project ids in preference order.
    """

    ranking: tuple[str, ...]


Ballot = ApprovalBallot | CumulativeBallot | OrdinalBallot


@dataclass(frozen=True)
class Constraints:
    """Extra conditions that only the ``max-welfare`` ILP can honour.

    Parameters
    ----------
    exclusive_groups : tuple of tuple of str
        Each group lists projects of which at most one may be funded (e.g. the same site).
    category_min_spend, category_max_spend : tuple of (str, int)
        ``(category, minor units)`` lower/upper bounds on the spend in a category.
    must_fund : tuple of str
        Projects that have to be funded.

    Notes
    -----
    The minimum score for eligibility is not a constraint here but the ``min_score``
    argument of :func:`solver.tally`, because every rule honours it.
    """

    exclusive_groups: tuple[tuple[str, ...], ...] = ()
    category_min_spend: tuple[tuple[str, int], ...] = ()
    category_max_spend: tuple[tuple[str, int], ...] = ()
    must_fund: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "exclusive_groups", tuple(tuple(g) for g in self.exclusive_groups))
        object.__setattr__(self, "category_min_spend", _pairs(self.category_min_spend))
        object.__setattr__(self, "category_max_spend", _pairs(self.category_max_spend))
        object.__setattr__(self, "must_fund", tuple(self.must_fund))
        for category, amount in self.category_min_spend + self.category_max_spend:
            if not 0 <= amount <= MAX_AMOUNT:
                raise SolverInputError(f"spending bound of {category!r} must be from 0 to {MAX_AMOUNT} minor units")

    def is_empty(self) -> bool:
        """True when no constraint is set."""
        return not (self.exclusive_groups or self.category_min_spend or self.category_max_spend or self.must_fund)


def _pairs(value: Mapping[str, int] | Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), int(v)) for k, v in items)
