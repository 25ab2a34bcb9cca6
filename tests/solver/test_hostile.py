"""Hostile .pb files: every one is refused with exit 2 and one line, quickly, within the limits of solver.limits."""

from __future__ import annotations

import io
import itertools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import RULES, Instance, PbFormatError, Project, SolverInputError, TieBreak, read_pb, tally
from solver.cli import main
from solver.limits import MAX_AMOUNT, MAX_FILE_BYTES, MAX_PROJECTS

GOOD = (
    "META\nkey;value\nbudget;{budget}\nvote_type;{vote_type}\n{meta}"
    "PROJECTS\nproject_id;cost\na;{cost}\nb;20\nc;30\n"
    "VOTES\nvoter_id;vote{points_header}\n1;a,b{points}\n2;b,c{points}\n3;a{points1}\n"
)


def pb(budget="100", cost="10", vote_type="approval", meta="", points=""):
    """A small valid file with one value replaced."""
    cumulative = vote_type == "cumulative"
    return GOOD.format(
        budget=budget, cost=cost, vote_type=vote_type, meta=meta,
        points_header=";points" if cumulative else "",
        points=f";{points or '1'},1" if cumulative else "",
        points1=f";{points or '1'}" if cumulative else "",
    )


HOSTILE = {
    "cost 1e1000000": pb(cost="1e1000000"),
    "cost of 5000 digits": pb(cost="9" * 5000),
    "budget 1e1000000": pb(budget="1e1000000"),
    "budget of 4301 digits": pb(budget="1" * 4301),
    "cost 2^63": pb(cost=str(2**63)),
    "cost 1e21": pb(cost="1e21", budget="5e21"),
    "cost just above the limit": pb(cost=str(MAX_AMOUNT + 1)),
    "cost 1e-999999999": pb(cost="1e-999999999"),
    "budget with 7 decimals": pb(budget="100.0000001"),
    "min_length 1e100000000": pb(meta="min_length;1e100000000\n"),
    "max_sum_points 1e100000000": pb(vote_type="cumulative", meta="max_sum_points;1e100000000\n"),
    "points 1e30": pb(vote_type="cumulative", points="1e30"),
    "cost NaN": pb(cost="NaN"),
    "cost -Infinity": pb(cost="-Infinity"),
    "a second META section": pb() .replace("PROJECTS", "META\nkey;value\nbudget;1\nPROJECTS", 1),
    "a second PROJECTS section": pb() + "PROJECTS\nproject_id;cost\nz;1\n",
    "a META key twice": pb(meta="budget;5\n"),
    "too many projects": (
        "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n"
        + "".join(f"p{i};1\n" for i in range(MAX_PROJECTS + 1)) + "VOTES\nvoter_id;vote\n1;p1\n"
    ),
}


def run_cli(path, capsys, rule="greedy"):
    code = main(["tally", str(path), "--rule", rule, "--json"])
    err = capsys.readouterr().err
    return code, err


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_exits_2_with_one_line(tmp_path, capsys, name):
    """Huge, tiny, long or non-finite numbers, repeated sections and keys, too many projects: exit 2, one line."""
    path = tmp_path / "hostile.pb"
    path.write_text(HOSTILE[name], encoding="utf-8")
    for rule in RULES:
        code, err = run_cli(path, capsys, rule)
        assert code == 2, (name, rule)
        assert err.count("\n") == 1 and "Traceback" not in err and len(err) < 300, err


def test_valid_base_file_is_accepted(tmp_path, capsys):
    """The file the hostile ones are made from is itself fine (so each refusal is about its one change)."""
    for kwargs in ({}, {"vote_type": "cumulative"}, {"cost": str(MAX_AMOUNT), "budget": str(MAX_AMOUNT)}):
        path = tmp_path / "good.pb"
        path.write_text(pb(**kwargs), encoding="utf-8")
        assert main(["tally", str(path), "--rule", "equal-shares", "--json"]) == 0
    capsys.readouterr()


def test_file_above_the_size_limit_is_refused_unread(tmp_path, capsys):
    """A file larger than MAX_FILE_BYTES is refused from its size, before it is read."""
    path = tmp_path / "big.pb"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no disk space
    code, err = run_cli(path, capsys)
    assert code == 2 and "limit" in err and err.count("\n") == 1


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_stream_is_cut_off(capsys):
    """/dev/zero (no size, no line break) is refused at the size limit instead of filling memory."""
    code, err = run_cli("/dev/zero", capsys)
    assert code == 2 and "limit" in err and err.count("\n") == 1


def test_every_project_tied_on_one_ballot_at_the_project_limit():
    """MAX_PROJECTS equal projects on every ballot: every rule finishes and funds what fits."""
    n = MAX_PROJECTS
    text = (
        "META\nkey;value\nbudget;50\nPROJECTS\nproject_id;cost\n"
        + "".join(f"p{i};1\n" for i in range(n))
        + "VOTES\nvoter_id;vote\n" + "".join(f"{v};" + ",".join(f"p{i}" for i in range(n)) + "\n" for v in range(3))
    )
    election = read_pb(io.StringIO(text))
    for rule in ("greedy", "greedy-no-skip", "equal-shares"):
        result = tally(election.instance, election.ballots, rule, TieBreak.lexicographic())
        assert len(result.selected) == 50, rule


def _best(instance, scores):
    ids = instance.project_ids
    return max(
        sum(scores[p] for p in subset)
        for r in range(len(ids) + 1)
        for subset in itertools.combinations(ids, r)
        if sum(instance.project(p).cost for p in subset) <= instance.budget
    )


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_max_welfare_is_exact_at_the_largest_amounts(solver, approvals):
    """Costs and budget near MAX_AMOUNT, one unit apart: the ILP answer fits and is optimal, exactly."""
    pytest.importorskip("highspy") if solver == "highs" else None
    big = MAX_AMOUNT
    costs = {"a": big // 2, "b": big // 2 + 1, "c": big // 2 - 1, "d": big // 3, "e": big // 3 + 1}
    instance = Instance(tuple(Project(p, p, c) for p, c in costs.items()), big - 1)
    ballots = approvals("ab", "ab", "b", "cde", "de", "a")
    result = tally(instance, ballots, "max-welfare", TieBreak.lexicographic(), ilp_solver=solver)
    assert result.spent <= instance.budget
    assert result.total_score == _best(instance, result.scores)


def test_equal_shares_is_exact_at_the_largest_amounts(approvals):
    """Equal Shares at costs near MAX_AMOUNT selects what pabutools (exact fractions) selects."""
    from pabutools.election import ApprovalBallot as PtBallot
    from pabutools.election import ApprovalProfile, Cost_Sat
    from pabutools.election import Instance as PtInstance
    from pabutools.election import Project as PtProject
    from pabutools.rules import method_of_equal_shares
    from pabutools.tiebreaking import lexico_tie_breaking

    big = MAX_AMOUNT
    costs = {"a": big // 2, "b": big // 2 + 1, "c": big // 3, "d": big // 7, "e": big - 1}
    instance = Instance(tuple(Project(p, p, c) for p, c in costs.items()), big)
    ballots = approvals("ab", "ab", "bc", "cde", "de", "a", "e", "abd")
    ours = tally(instance, ballots, "equal-shares", TieBreak.lexicographic())
    projects = {p: PtProject(p, c) for p, c in costs.items()}
    theirs = method_of_equal_shares(
        PtInstance(projects.values(), budget_limit=big),
        ApprovalProfile([PtBallot([projects[p] for p in b.approved]) for b in ballots]),
        sat_class=Cost_Sat, tie_breaking=lexico_tie_breaking,
    )
    assert sorted(ours.selected) == sorted(p.name for p in theirs)


def test_model_refuses_values_beyond_the_limits():
    """Instances built in code meet the same limits as files (so no rule sees larger values)."""
    with pytest.raises(SolverInputError, match="limit"):
        Project("a", "a", MAX_AMOUNT + 1)
    with pytest.raises(SolverInputError, match="limit"):
        Instance((Project("a", "a", 1),), MAX_AMOUNT + 1)
    with pytest.raises(SolverInputError, match="limit"):
        Instance(tuple(Project(str(i)) for i in range(MAX_PROJECTS + 1)), 1)


# --------------------------------------------------------------------------
# Fuzz: random damage to a valid file never escapes as anything but a one-line refusal.

NUMBERS = st.one_of(
    st.integers(-10, 10**40).map(str),
    st.sampled_from(["1e1000000", "1e-999999999", "NaN", "inf", "-0", "1e16", "0.0000001", "9" * 5000, "", " ", "1,5"]),
    st.text(alphabet="0123456789.eE+-", max_size=12),
)
DAMAGE = st.one_of(
    st.tuples(st.just("number"), NUMBERS),
    st.tuples(st.just("line"), st.sampled_from(["META", "PROJECTS", "VOTES", "key;value", "budget;5", ";;;", '"', "\x00"])),
    st.tuples(st.just("cut"), st.integers(0, 200)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damages=st.lists(DAMAGE, min_size=1, max_size=3), where=st.lists(st.integers(0, 10**6), min_size=3, max_size=3),
       cumulative=st.booleans())
def test_fuzzed_files_are_read_or_refused_cleanly(damages, where, cumulative):
    """A damaged file either reads (and tallies) or raises a SolverInputError, never anything else."""
    text = pb(vote_type="cumulative" if cumulative else "approval", meta="min_length;1\nmax_sum_points;5\n")
    for (kind, value), at in zip(damages, where):
        lines = text.split("\n")
        i = at % len(lines)
        if kind == "number":
            cells = lines[i].split(";")
            cells[-1] = value
            lines[i] = ";".join(cells)
        elif kind == "line":
            lines.insert(i, value)
        else:
            lines[i] = lines[i][: value % (len(lines[i]) + 1)]
        text = "\n".join(lines)
    try:
        election = read_pb(io.StringIO(text))
    except SolverInputError:
        return
    for rule in ("greedy", "equal-shares"):
        try:
            tally(election.instance, election.ballots, rule)
        except SolverInputError:
            pass
