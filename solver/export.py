"""Publishing a tally: an instance, its ballots and a :class:`Result` as a ``.pb`` file pabulib accepts.

:func:`export_pb` writes what the app publishes (anonymised ballots and the
outcome) in the form pabulib's own checker (the ``pabulib-checker`` package)
validates, so that anyone can recount it, with pabutools or with this solver:

* META holds only fields pabulib knows, in pabulib's order.  ``rule`` is
  pabulib's label for the rule (:data:`PABULIB_RULES`); the exact recount
  recipe, which pabulib has no field for, is the first numbered ``comment``:
  ``#1: rule=RULE; tie_break=KIND; seed=N`` (or ``order=ID,ID,...`` for an
  explicit order), RULE being the name :func:`solver.tally` takes.  A minimum
  score is pabulib's ``min_project_score_threshold``; a budget that covers every
  project is declared with ``fully_funded``.
* PROJECTS carries a ``name`` (the id for a project without one, as pabulib requires), ``votes`` (and ``score``, the points, on cumulative ballots)
  and ``selected`` (1 funded, 0 not), and lists the projects in the order greedy
  considers them (score, then our tie order), because the checker's greedy
  recount walks the file in that order.
* VOTES has one row per ballot with the voter id and, when given, pabulib's
  ``voting_method`` (``internet`` or ``paper``).  Cumulative ballots list their
  projects by descending points, as the checker expects.

What the checker still reports then comes from the data, not from the file:
a project that costs nothing or more than the whole budget, a project nobody
voted for, a ``max_length`` no ballot reached, Equal Shares on ballots the
checker cannot recount (cumulative, choose-1), and max-welfare, which pabulib
has no label for (``unknown``: "rule validation skipped").

:func:`read_recount` reads the recipe back from a file's META.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TextIO

from .errors import SolverInputError
from .model import Ballot, CumulativeBallot, Instance, OrdinalBallot
from .pabulib import META_FIELDS, PbElection, format_amount, write_pb
from .result import Result
from .tiebreak import TieBreak

#: Our rule name -> pabulib's META ``rule`` label (pabulib has none for max-welfare).
PABULIB_RULES = {
    "greedy": "greedy",
    "greedy-no-skip": "greedy-no-skip",
    "equal-shares": "equalshares",
    "equal-shares-add1": "equalshares/add1",
    "max-welfare": "unknown",
}

#: META fields the caller describes the election with; the format requires them, non-empty.
REQUIRED_META = ("description", "country", "unit", "instance", "date_begin", "date_end")
#: META fields :func:`export_pb` fills in itself from the instance, the ballots and the result.
_DERIVED_META = (
    "num_projects", "num_votes", "budget", "vote_type", "rule", "min_length", "max_length", "max_sum_cost",
    "min_sum_points", "max_sum_points", "min_project_score_threshold", "currency", "fully_funded", "comment",
)
#: pabulib's values of the per-vote ``voting_method`` field.
VOTING_METHODS = ("internet", "paper")

_RECIPE = re.compile(r"#1: rule=(?P<rule>[a-z0-9-]+); tie_break=(?P<kind>[a-z]+)(?:; (?P<rest>.*?))?(?=\s*#2: |$)", re.S)


@dataclass(frozen=True)
class Recount:
    """How a published file was counted: enough to count it again.

    Attributes
    ----------
    rule : str
        One of :data:`solver.RULES`.
    tie_break : TieBreak
    min_score : int
    """

    rule: str
    tie_break: TieBreak
    min_score: int = 0


def recount_comment(rule: str, tie_break: TieBreak) -> str:
    """The first numbered comment: ``#1: rule=RULE; tie_break=KIND; seed=N`` (or ``order=...``)."""
    if rule not in PABULIB_RULES:
        raise SolverInputError(f"unknown rule {rule!r}")
    text = f"#1: rule={rule}; tie_break={tie_break.kind}"
    if tie_break.kind == "default":
        text += f"; seed={tie_break.seed}"
    elif tie_break.kind == "explicit":
        text += "; order=" + ",".join(tie_break.order or ())
    return text


def read_recount(meta: Mapping[str, str]) -> Recount | None:
    """The recount recipe of a file written by :func:`export_pb`, or None when it has none."""
    match = _RECIPE.match(meta.get("comment", "").strip())
    if match is None or match["rule"] not in PABULIB_RULES:
        return None
    rest = (match["rest"] or "").strip()
    kind = match["kind"]
    if kind == "default" and rest.startswith("seed="):
        try:
            tie_break = TieBreak.default(int(rest[len("seed="):]))
        except ValueError:
            return None
    elif kind == "lexicographic" and not rest:
        tie_break = TieBreak.lexicographic()
    elif kind == "explicit" and rest.startswith("order="):
        tie_break = TieBreak.explicit(p for p in rest[len("order="):].split(",") if p)
    else:
        return None
    threshold = meta.get("min_project_score_threshold", "").strip()
    return Recount(match["rule"], tie_break, int(threshold) if threshold.isdigit() else 0)


def export_pb(
    instance: Instance,
    ballots: Sequence[Ballot],
    result: Result,
    target: str | os.PathLike[str] | TextIO | None = None,
    *,
    meta: Mapping[str, str],
    voter_ids: Sequence[str] | None = None,
    voting_methods: Sequence[str] | None = None,
    comments: Iterable[str] = (),
) -> str | None:
    """Write an instance, its ballots and the result of tallying them as a pabulib ``.pb`` file.

    Parameters
    ----------
    instance : Instance
    ballots : sequence of Ballot
        The ballots that were tallied, in the order to publish them.
    result : Result
        What :func:`solver.tally` returned for exactly these ballots.
    target : path or text stream, optional
        Where to write; without it the text is returned.
    meta : mapping of str to str
        The election's description: :data:`REQUIRED_META` (``description``,
        ``country`` as a country name, ``unit``, ``instance``, ``date_begin`` and
        ``date_end`` as ``DD.MM.YYYY`` or ``YYYY``), and optionally other pabulib
        META fields (``language``, ``district``, ``edition``, ...).  Fields the
        file derives itself (:data:`_DERIVED_META`) must not be given.
    voter_ids : sequence of str, optional
        One unique id per ballot (e.g. hex hashes); ``1..n`` by default.
    voting_methods : sequence of str, optional
        One per ballot: ``"internet"`` or ``"paper"``.
    comments : iterable of str
        Further notes, written as ``#2: ...``, ``#3: ...`` after the recount recipe.

    Returns
    -------
    str or None
        The file's text when ``target`` is None.

    Raises
    ------
    SolverInputError
        Missing or unknown META fields, ids or methods that do not match the
        ballots, or a result that is not of this instance.
    """
    election = _election(instance, ballots, result, meta, voter_ids, voting_methods, comments)
    if target is None:
        buffer = io.StringIO()
        write_pb(election, buffer)
        return buffer.getvalue()
    write_pb(election, target)
    return None


def _election(instance, ballots, result, meta, voter_ids, voting_methods, comments) -> PbElection:
    if result.budget != instance.budget or set(result.scores) != set(instance.project_ids):
        raise SolverInputError("the result is not a tally of this instance")
    ballots = tuple(ballots)
    if any(isinstance(b, OrdinalBallot) for b in ballots):
        raise SolverInputError("ordinal ballots cannot have been tallied; nothing to export")
    unknown = sorted(set(meta) - set(META_FIELDS))
    if unknown:
        raise SolverInputError(f"pabulib has no META field {', '.join(unknown)}; put such notes in comments")
    derived = sorted(set(meta) & set(_DERIVED_META))
    if derived:
        raise SolverInputError(f"META {', '.join(derived)} is written from the instance and the result")
    missing = [k for k in REQUIRED_META if not str(meta.get(k, "")).strip()]
    if missing:
        raise SolverInputError(f"META needs {', '.join(missing)}")
    if voter_ids is not None:
        voter_ids = tuple(str(v) for v in voter_ids)
        if len(voter_ids) != len(ballots) or len(set(voter_ids)) != len(voter_ids) or not all(
            v.strip() == v and v for v in voter_ids
        ):
            raise SolverInputError("voter_ids must give one unique, non-empty id per ballot")
    if voting_methods is not None:
        voting_methods = tuple(voting_methods)
        if len(voting_methods) != len(ballots) or any(m not in VOTING_METHODS for m in voting_methods):
            raise SolverInputError("voting_methods must give 'internet' or 'paper' per ballot")

    kind = instance.ballot_rules.kind
    cumulative = kind == "cumulative"
    min_score = int(result.parameters.get("min_score", 0) or 0)
    rule = PABULIB_RULES[result.rule]
    if rule == "greedy" and min_score > 0:
        rule = "greedy-threshold"  # pabulib's name for greedy with a minimum score
    full = dict(meta)
    full.update(
        num_projects=str(len(instance.projects)),
        num_votes=str(len(ballots)),
        budget=format_amount(instance.budget, instance.scale),
        vote_type=kind,
        rule=rule,
        comment=" ".join(
            [recount_comment(result.rule, result.tie_break)]
            + [f"#{i}: {' '.join(str(c).split())}" for i, c in enumerate(comments, start=2)]
        ),
    )
    if min_score > 0:
        full["min_project_score_threshold"] = str(min_score)
    if sum(p.cost for p in instance.projects) <= instance.budget:
        full["fully_funded"] = "1"

    votes = {pid: 0 for pid in instance.project_ids}
    for ballot in ballots:
        for pid in (p for p, _ in ballot.points) if isinstance(ballot, CumulativeBallot) else ballot.approved:
            votes[pid] += 1
    rank = result.tie_break.ranking(instance, result.scores)
    order = sorted(instance.projects, key=lambda p: (-result.scores[p.id], rank[p.id]))
    selected = set(result.selected)
    extra: dict[str, dict[str, str]] = {}
    for p in instance.projects:
        columns = {"votes": str(votes[p.id])}
        if cumulative:
            columns["score"] = str(result.scores[p.id])
        columns["selected"] = "1" if p.id in selected else "0"
        extra[p.id] = columns
    published = tuple(
        CumulativeBallot(tuple(sorted(b.points, key=lambda item: -item[1]))) if isinstance(b, CumulativeBallot) else b
        for b in ballots
    )
    # pabulib requires a non-empty name (its checker fails without one): a nameless project is published under its id.
    order = [p if p.name.strip() else replace(p, name=p.id) for p in order]
    return PbElection(
        Instance(tuple(order), instance.budget, instance.ballot_rules, instance.scale, instance.currency),
        published,
        full,
        kind,
        voter_ids,
        extra,
        {"voting_method": voting_methods} if voting_methods is not None else {},
    )


__all__ = ["PABULIB_RULES", "REQUIRED_META", "Recount", "export_pb", "read_recount", "recount_comment"]
