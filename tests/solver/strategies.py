"""Hypothesis strategies for small random elections (shared by the solver property tests)."""

from hypothesis import strategies as st

from solver import ApprovalBallot, CumulativeBallot, Instance, Project

#: Ids whose string order differs from numeric order, so tie-breaking is exercised.
IDS = ("9", "10", "a", "B", "b", "p1")


@st.composite
def elections(draw, cumulative: bool = False, zero_costs: bool = True, max_voters: int = 7):
    """An (instance, ballots) pair with few projects, small costs and many ties."""
    m = draw(st.integers(1, len(IDS)))
    low = 0 if zero_costs else 1
    costs = draw(st.lists(st.integers(low, 12), min_size=m, max_size=m))
    budget = draw(st.integers(0, 40))
    inst = Instance(tuple(Project(IDS[i], IDS[i], costs[i]) for i in range(m)), budget)
    n = draw(st.integers(0, max_voters))
    ballots = []
    for _ in range(n):
        if cumulative:
            points = draw(st.lists(st.integers(0, 4), min_size=m, max_size=m))
            ballots.append(CumulativeBallot(tuple((IDS[i], p) for i, p in enumerate(points) if p > 0)))
        else:
            mask = draw(st.lists(st.booleans(), min_size=m, max_size=m))
            ballots.append(ApprovalBallot(tuple(IDS[i] for i in range(m) if mask[i])))
    return inst, tuple(ballots)


@st.composite
def long_add1_elections(draw, cumulative: bool = False):
    """Elections where add1 takes many steps: dear projects, a tight budget, ties in support."""
    m = draw(st.integers(2, len(IDS)))
    costs = draw(st.lists(st.integers(10, 120), min_size=m, max_size=m))
    budget = draw(st.integers(max(costs), max(max(costs), sum(costs) * 2 // 3)))
    inst = Instance(tuple(Project(IDS[i], IDS[i], costs[i]) for i in range(m)), budget)
    # Few distinct ballots, each cast by several voters, so supports often tie.
    kinds = draw(st.lists(st.lists(st.integers(0, 3), min_size=m, max_size=m), min_size=2, max_size=8))
    ballots = []
    for weights in kinds:
        if cumulative:
            ballot = CumulativeBallot(tuple((IDS[i], w) for i, w in enumerate(weights) if w > 0))
        else:
            ballot = ApprovalBallot(tuple(IDS[i] for i, w in enumerate(weights) if w > 1))
        ballots.extend([ballot] * draw(st.integers(1, 6)))
    return inst, tuple(ballots)
