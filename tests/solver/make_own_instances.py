"""Write the project's own small .pb instances and pabutools' outcomes on them (test fixtures).

Usage (repository root, project venv):

    .venv/bin/python tests/solver/make_own_instances.py

The pabulib corpus may not be copied into the repository (../shared/pabulib/README.md),
so the pabutools cross-check that must run on a fresh clone runs on instances of our
own making instead.  They are drawn from a seeded random generator, so this script
writes the same bytes every time:

* ``approval_small``: 12 projects, 300 voters, costs with decimals, popular projects
  (support drawn with skewed weights, so scores tie now and then);
* ``approval_ties``: 8 projects of three costs and 60 voters in a few blocs, so that
  scores and Equal Shares' prices tie and the tie order decides;
* ``cumulative``: 10 projects, 200 voters spreading 10 points each;
* ``choose1``: 9 projects, 400 voters with one choice each;
* ``approval_large``: 80 projects and 20,000 voters (350 KB), for the large-file paths.

Beside them it writes ``fixtures/own_instances_pabutools.json``: pabutools 1.2.3's
outcome for every rule on every instance, run exactly as for the corpus
(``make_pabutools_fixture.run_rule``), so the test compares without pabutools' minutes.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = HERE / "instances"
FIXTURE = HERE / "fixtures" / "own_instances_pabutools.json"
sys.path.insert(0, str(REPO))

from solver import ApprovalBallot, BallotRules, CumulativeBallot, Instance, PbElection, Project  # noqa: E402
from solver.pabulib import write_pb  # noqa: E402

#: pabutools' add1 on the large instance may take minutes; beyond this it is recorded as a timeout.
ADD1_TIMEOUT = 900

META = {
    "description": "Generated test instance (not a real election)",
    "country": "Worldwide",
    "unit": "Test",
    "date_begin": "2026",
    "date_end": "2026",
}


def _projects(rng: random.Random, n: int, low: int, high: int, decimals: bool = False) -> tuple[Project, ...]:
    step = 1 if decimals else 100
    return tuple(
        Project(f"{i + 1}", f"Projekt {i + 1}", rng.randrange(low, high, step)) for i in range(n)
    )


def _approvals(rng, projects, voters, mean_length, weights, max_length):
    ids = [p.id for p in projects]
    ballots = []
    for _ in range(voters):
        length = max(1, min(max_length, round(rng.gauss(mean_length, 1.5))))
        chosen = set()
        while len(chosen) < length:
            chosen.add(rng.choices(ids, weights)[0])
        ballots.append(ApprovalBallot(tuple(sorted(chosen, key=ids.index))))
    return tuple(ballots)


def approval_small(rng):
    projects = _projects(rng, 12, 5_000, 60_000, decimals=True)  # minor units, scale 100
    weights = [rng.paretovariate(1.5) for _ in projects]
    instance = Instance(projects, 150_000, BallotRules("approval", 1, 5), scale=100)
    return instance, _approvals(rng, projects, 300, 3, weights, 5)


def approval_ties(rng):
    costs = (200, 300, 500)
    projects = tuple(Project(f"t{i}", f"Tie {i}", costs[i % 3]) for i in range(8))
    blocs = [("t0", "t1", "t2"), ("t3", "t4"), ("t5", "t6", "t7"), ("t0", "t4", "t7"), ("t1", "t5")]
    ballots = tuple(ApprovalBallot(blocs[i % len(blocs)]) for i in range(60))
    return Instance(projects, 1_200, BallotRules("approval")), ballots


def cumulative(rng):
    projects = _projects(rng, 10, 1_000, 20_000)
    ids = [p.id for p in projects]
    weights = [rng.paretovariate(1.2) for _ in ids]
    ballots = []
    for _ in range(200):
        points: dict[str, int] = {}
        for _ in range(10):
            pid = rng.choices(ids, weights)[0]
            points[pid] = points.get(pid, 0) + 1
        ballots.append(CumulativeBallot(tuple(sorted(points.items(), key=lambda kv: -kv[1]))))
    rules = BallotRules("cumulative", max_sum_points=10)
    return Instance(projects, 40_000, rules), tuple(ballots)


def choose1(rng):
    projects = _projects(rng, 9, 2_000, 15_000)
    weights = [rng.paretovariate(1.3) for _ in projects]
    ids = [p.id for p in projects]
    ballots = tuple(ApprovalBallot((rng.choices(ids, weights)[0],)) for _ in range(400))
    return Instance(projects, 30_000, BallotRules("choose-1", 1, 1)), ballots


def approval_large(rng):
    projects = _projects(rng, 80, 10_000, 400_000)
    weights = [rng.paretovariate(1.1) for _ in projects]
    instance = Instance(projects, 3_000_000, BallotRules("approval", 1, 10))
    return instance, _approvals(rng, projects, 20_000, 4, weights, 10)


INSTANCES = {
    "approval_small": approval_small,
    "approval_ties": approval_ties,
    "cumulative": cumulative,
    "choose1": choose1,
    "approval_large": approval_large,
}


def write_instances(out: Path = OUT) -> dict[str, str]:
    """Write every instance into ``out``; return file name -> vote type."""
    out.mkdir(exist_ok=True)
    kinds = {}
    for seed, (name, make) in enumerate(INSTANCES.items()):
        instance, ballots = make(random.Random(seed))
        kind = instance.ballot_rules.kind
        meta = {**META, "instance": name}
        write_pb(PbElection(instance, ballots, meta, kind), out / f"{name}.pb")
        kinds[f"{name}.pb"] = kind
    return kinds


def main() -> int:
    kinds = write_instances()
    spec = importlib.util.spec_from_file_location("make_pabutools_fixture", HERE / "make_pabutools_fixture.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    from pabutools.election import parse_pabulib

    data = {"pabutools_version": maker.pabutools_version(), "tie_breaking": "lexico_tie_breaking", "files": {}}
    for name, kind in kinds.items():
        instance, profile = parse_pabulib(str(OUT / name))
        rules = {}
        for rule in maker.rules_for(kind):
            if rule == "equal-shares-add1":
                entry = maker.run_rule_with_timeout(instance, profile, kind, rule, ADD1_TIMEOUT)
            else:
                entry = maker.run_rule(instance, profile, kind, rule)
            entry.pop("seconds", None)  # keeps the file byte-identical between runs
            rules[rule] = entry
            print(name, rule, {k: v for k, v in entry.items() if k != "selected"}, flush=True)
        data["files"][name] = {"vote_type": kind, "rules": rules}
    FIXTURE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
