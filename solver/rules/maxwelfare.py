"""Maximum welfare: an exact 0/1 knapsack ILP (PuLP) with optional constraints."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import InfeasibleConstraintsError, SolverError, SolverInputError
from ..limits import MAX_TOTAL_SCORE
from ..model import Constraints
from ..result import (
    DID_NOT_FIT,
    EXCLUDED,
    FUNDED,
    NOT_FUNDED,
    NOT_IN_OPTIMUM,
    Explanation,
    TieRecord,
)
from .base import Context
from .ilp import chosen, make_solver, solve
from .outcome import Outcome


@dataclass(frozen=True)
class _Rule:
    """One named linear constraint over the project variables."""

    name: str
    kind: str  # "budget", "exclusive", "min-spend", "max-spend", "must-fund"
    projects: tuple[str, ...]
    bound: int


def max_welfare(ctx: Context, constraints: Constraints, ilp_solver: Any = None) -> Outcome:
    """Fund the set with the highest total score that fits the budget and the constraints.

    Determinism: the ILP may have several optimal sets.  Among them this picks
    the one the tie order prefers lexicographically: the best-ranked project is
    funded if some optimal set funds it, then the next one given that choice,
    and so on.  Each question "can this project join an optimal set?" is first
    answered with an exact fractional-knapsack bound (integers and Fractions);
    only when the bound cannot rule it out is the ILP re-solved with the optimum
    fixed as a constraint (scores are integers, so ``score >= optimum`` is exact).
    Finally the ILP is solved once more with the chosen set cut off to tell
    whether another optimal set exists.

    Small instances (at most :data:`ENUMERATE_UP_TO` eligible projects, no
    constraints, no solver asked for) skip the ILP: every subset is tried in exact
    integers, which gives the same set and takes less time than starting a solver.

    Exactness: costs, bounds and scores are integers below 10^13
    (:mod:`solver.limits`), which doubles and PuLP's CBC model file carry
    exactly; every set a solver returns is still checked in integers against
    every constraint, and one that fails (a tolerance let it through) is cut off
    and the model solved again.
    """
    total = sum(ctx.scores[p] for p in ctx.eligible)
    if total > MAX_TOTAL_SCORE:
        raise SolverInputError(
            f"max-welfare counts exactly only while the total score is at most {MAX_TOTAL_SCORE}; it is {total}"
        )
    if constraints.is_empty() and len(ctx.eligible) <= ENUMERATE_UP_TO and ilp_solver is None:
        selected, other = _enumerate(ctx)
        optimum = sum(ctx.scores[p] for p in selected)
        return _outcome(ctx, _rules(ctx, constraints), selected, optimum, other)
    solver = make_solver(ilp_solver)
    rules = _rules(ctx, constraints)
    must = {r.projects[0] for r in rules if r.kind == "must-fund"}
    eligible = set(ctx.eligible)
    for pid in must - eligible:
        raise InfeasibleConstraintsError(
            f"must-fund project {pid!r} scores below the minimum score {ctx.min_score}",
            (f"must-fund {pid}", "minimum score"),
        )
    first = _solve(ctx, rules, solver, fixed={})
    if first is None:
        names = _irreducible(ctx, rules, solver)
        raise InfeasibleConstraintsError("no set of projects satisfies: " + "; ".join(names), tuple(names))
    optimum = sum(ctx.scores[p] for p in first)
    selected = _preferred_optimum(ctx, rules, solver, first, optimum, must)
    other = _solve(ctx, rules, solver, fixed={}, at_least=optimum, cut=selected) is not None
    return _outcome(ctx, rules, selected, optimum, other)


def _outcome(ctx, rules, selected, optimum: int, other: bool) -> Outcome:
    ordered = tuple(ctx.by_tie_order(selected))
    ties: tuple[TieRecord, ...] = ()
    if other:
        ties = (TieRecord(len(ordered), ordered, ordered[0] if ordered else "", "optimal-set", ctx.tie_break.kind),)
    explanations = _explain(ctx, rules, ordered)
    return Outcome(ordered, ties, explanations, {"optimum": optimum}, other_optimal_sets=other)


#: Up to this many eligible projects, and without constraints, max-welfare tries every subset
#: (4,096 at 12) in exact integers instead of starting an ILP solver: less time than one solve.
ENUMERATE_UP_TO = 12


def _enumerate(ctx: Context) -> tuple[set[str], bool]:
    """The optimal set the tie order prefers, and whether another optimal set exists, by trying every subset.

    Subset ``k`` funds the projects whose bits are set in ``k``, the best-ranked project
    on the highest bit.  Among the optimal subsets the largest ``k`` is then the one the
    ILP walk picks (fund the best-ranked project if some optimal set does, then the next
    given that choice, ...).
    """
    inst = ctx.instance
    ranked = ctx.by_tie_order(ctx.eligible)[::-1]  # worst first: the best-ranked gets the highest bit
    costs, scores = [0], [0]
    for pid in ranked:
        cost, score = inst.project(pid).cost, ctx.scores[pid]
        costs += [c + cost for c in costs]
        scores += [s + score for s in scores]
    budget = inst.budget
    optimum = max(s for c, s in zip(costs, scores) if c <= budget)
    best = [k for k, (c, s) in enumerate(zip(costs, scores)) if s == optimum and c <= budget]
    chosen = best[-1]
    return {pid for bit, pid in enumerate(ranked) if chosen >> bit & 1}, len(best) > 1


def _rules(ctx: Context, constraints: Constraints) -> list[_Rule]:
    inst = ctx.instance
    for pid in list(constraints.must_fund) + [p for g in constraints.exclusive_groups for p in g]:
        if pid not in inst:
            raise SolverInputError(f"constraint names unknown project {pid!r}")
    rules = [_Rule("budget", "budget", inst.project_ids, inst.budget)]
    for group in constraints.exclusive_groups:
        rules.append(_Rule(f"at most one of {', '.join(group)}", "exclusive", tuple(group), 1))
    for kind, pairs, word in (
        ("min-spend", constraints.category_min_spend, "at least"),
        ("max-spend", constraints.category_max_spend, "at most"),
    ):
        for category, amount in pairs:
            members = tuple(p.id for p in inst.projects if category in p.categories)
            rules.append(_Rule(f"category {category!r} spends {word} {amount}", kind, members, amount))
    for pid in constraints.must_fund:
        rules.append(_Rule(f"must fund {pid}", "must-fund", (pid,), 1))
    return rules


def _solve(ctx, rules, solver, fixed, at_least=None, cut=None) -> set[str] | None:
    """Maximise total score under ``rules`` and ``fixed`` values; None when infeasible."""
    import pulp

    inst = ctx.instance
    problem = pulp.LpProblem("max_welfare", pulp.LpMaximize)
    # Variable names are positional: project ids may hold characters PuLP rejects.
    x = {pid: problem.add_variable(f"x{i}", cat=pulp.LpBinary) for i, pid in enumerate(ctx.eligible)}
    score = pulp.lpSum(ctx.scores[pid] * var for pid, var in x.items())
    problem += score
    for i, rule in enumerate(rules):
        terms = [x[p] for p in rule.projects if p in x]
        spend = pulp.lpSum(inst.project(p).cost * x[p] for p in rule.projects if p in x)
        if rule.kind in ("budget", "max-spend"):
            problem += spend <= rule.bound, f"c{i}"
        elif rule.kind == "min-spend":
            problem += spend >= rule.bound, f"c{i}"
        elif rule.kind == "exclusive":
            problem += pulp.lpSum(terms) <= 1, f"c{i}"
        elif rule.kind == "must-fund":
            if not terms:
                return None  # below the minimum score: cannot be funded
            problem += terms[0] == 1, f"c{i}"
    for j, (pid, value) in enumerate(fixed.items()):
        problem += x[pid] == value, f"fix{j}"
    if at_least is not None:
        problem += score >= at_least, "optimum"
    if cut is not None:
        # Any other set: at least one variable differs from the chosen set.
        problem += pulp.lpSum((1 - x[p]) if p in cut else x[p] for p in x) >= 1, "other_set"
    for _ in range(_MAX_CUTS):
        if not solve(problem, solver):
            return None
        found = chosen(x)
        if _holds(ctx, rules, found, fixed, at_least, cut):
            return found
        # The solver's answer breaks a constraint once counted in integers (a float tolerance
        # let it through): cut exactly this set off and ask again.
        problem += pulp.lpSum((1 - x[p]) if p in found else x[p] for p in x) >= 1, f"exact{_}"
    raise SolverError(f"the ILP solver kept returning sets that break a constraint when counted exactly ({_MAX_CUTS} tries)")


#: How often an answer that fails the exact check is cut off before giving up.
_MAX_CUTS = 20


def _holds(ctx, rules, found: set[str], fixed, at_least, cut) -> bool:
    """Check a solver's answer in exact integers against every constraint of the model."""
    inst = ctx.instance
    for rule in rules:
        members = [p for p in rule.projects if p in found]
        spend = sum(inst.project(p).cost for p in members)
        if rule.kind in ("budget", "max-spend") and spend > rule.bound:
            return False
        if rule.kind == "min-spend" and spend < rule.bound:
            return False
        if rule.kind == "exclusive" and len(members) > 1:
            return False
        if rule.kind == "must-fund" and not members:
            return False
    if any((p in found) != bool(v) for p, v in fixed.items()):
        return False
    if at_least is not None and sum(ctx.scores[p] for p in found) < at_least:
        return False
    return cut is None or found != set(cut)


def _preferred_optimum(ctx, rules, solver, incumbent, optimum, must) -> set[str]:
    """Walk projects in tie order, funding each one some optimal set (given earlier choices) funds."""
    fixed: dict[str, int] = {p: 1 for p in must}
    exclusive = [set(r.projects) for r in rules if r.kind == "exclusive"]
    for pid in ctx.by_tie_order(ctx.eligible):
        if pid in fixed:
            continue
        if pid in incumbent:
            fixed[pid] = 1
            continue
        funded = [p for p, v in fixed.items() if v == 1]
        if any(pid in group and group & set(funded) for group in exclusive) or not _bound_allows(
            ctx, fixed, pid, optimum
        ):
            fixed[pid] = 0
            continue
        better = _solve(ctx, rules, solver, {**fixed, pid: 1}, at_least=optimum)
        if better is None:
            fixed[pid] = 0
        else:
            fixed[pid] = 1
            incumbent = better
    return {p for p, v in fixed.items() if v == 1} | (set(incumbent) - set(fixed))


def _bound_allows(ctx, fixed, pid, optimum) -> bool:
    """Fractional-knapsack upper bound on the score with ``pid`` funded; False if below the optimum."""
    inst = ctx.instance
    funded = [p for p, v in fixed.items() if v == 1] + [pid]
    room = inst.budget - sum(inst.project(p).cost for p in funded)
    if room < 0:
        return False
    bound = Fraction(sum(ctx.scores[p] for p in funded))
    free = [p for p in ctx.eligible if p not in fixed and p != pid]
    free.sort(key=lambda p: Fraction(ctx.scores[p], inst.project(p).cost) if inst.project(p).cost else Fraction(10**30), reverse=True)
    for p in free:
        cost = inst.project(p).cost
        if cost <= room:
            bound += ctx.scores[p]
            room -= cost
        else:
            bound += Fraction(ctx.scores[p] * room, cost)
            break
    return bound >= optimum


def _irreducible(ctx, rules, solver) -> list[str]:
    """Drop constraints one by one while the rest stay infeasible: the names left conflict."""
    needed = list(rules)
    for rule in list(rules):
        trial = [r for r in needed if r is not rule]
        if _solve(ctx, trial, solver, fixed={}) is None:
            needed = trial
    return [r.name for r in needed]


def _explain(ctx, rules, ordered) -> dict[str, Explanation]:
    inst = ctx.instance
    explanations = ctx.threshold_explanations()
    funded = set(ordered)
    spent = sum(inst.project(p).cost for p in ordered)
    for step, pid in enumerate(ordered, start=1):
        explanations[pid] = Explanation(pid, FUNDED, ctx.scores[pid], inst.project(pid).cost, step=step)
    for pid in ctx.eligible:
        if pid in funded:
            continue
        cost = inst.project(pid).cost
        blocking = None
        for rule in rules:
            if pid not in rule.projects:
                continue
            if rule.kind == "exclusive" and funded & set(rule.projects):
                blocking = rule.name
            elif rule.kind == "max-spend":
                in_category = sum(inst.project(p).cost for p in funded if p in rule.projects)
                if in_category + cost > rule.bound:
                    blocking = rule.name
        if blocking:
            explanations[pid] = Explanation(pid, EXCLUDED, ctx.scores[pid], cost, constraint=blocking)
        elif spent + cost > inst.budget:
            explanations[pid] = Explanation(
                pid, NOT_FUNDED, ctx.scores[pid], cost, reason=DID_NOT_FIT, budget_left=inst.budget - spent
            )
        else:
            explanations[pid] = Explanation(pid, NOT_FUNDED, ctx.scores[pid], cost, reason=NOT_IN_OPTIMUM)
    return explanations
