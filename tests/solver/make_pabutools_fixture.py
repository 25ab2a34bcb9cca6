"""Run pabutools over the pabulib corpus and record its outcomes as a test fixture.

Usage (from the repository root, with the project venv):

    nice -n 10 .venv/bin/python tests/solver/make_pabutools_fixture.py [--jobs N]
        [--only FILE ...] [--rules RULE ...] [--redo] [--timeout SECONDS]

For every approval, choose-1 and cumulative ``.pb`` file of the corpus (ordinal
files are skipped) it runs pabutools with lexicographic tie-breaking and stores,
per file and rule, the selected project ids (sorted strings, as in the file) and
pabutools' own seconds.  For max-welfare it also stores the optimal total score
(approvals, or points, of the funded projects), because optimal sets can differ.

Rules and satisfaction measures:

* greedy: ``greedy_utilitarian_welfare`` with ``Cost_Sat`` on approval and
  choose-1 ballots, and with points x cost (``PointsTimesCostSat`` below) on
  cumulative ballots, so that the greedy order is by total points;
* equal-shares: ``method_of_equal_shares`` with ``Cost_Sat`` (approval,
  choose-1) or ``Additive_Cardinal_Sat`` (cumulative);
* equal-shares-add1: the same with ``voter_budget_increment=1``, approval and
  choose-1 ballots only, in a child process killed after ``--timeout`` seconds
  (recorded as ``{"timeout": 60}``);
* max-welfare: ``max_additive_utilitarian_welfare`` (pabutools' default
  primal/dual knapsack) with ``Cardinality_Sat`` (approval, choose-1) or
  ``Additive_Cardinal_Sat`` (cumulative); the same satisfaction profile is also
  solved with pabutools' ILP algorithm and that optimum is kept as
  ``score_ilp``, which guards against a wrong optimum on either side.

The JSON file is rewritten after every result, and results already in it are
kept, so an interrupted run resumes where it stopped (``--redo`` recomputes).
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pabutools_results.json"
RULES = ("greedy", "equal-shares", "equal-shares-add1", "max-welfare")
COVERED_VOTE_TYPES = ("approval", "choose-1", "cumulative")
ADD1_TIMEOUT = 60


def corpus_dir() -> Path:
    """The pabulib corpus: env PB_PABULIB_DIR, else <repo>/../shared/pabulib."""
    env = os.environ.get("PB_PABULIB_DIR")
    return Path(env) if env else REPO.parent / "shared" / "pabulib"


def pb_vote_type(path: Path) -> str:
    """The META ``vote_type`` of a ``.pb`` file (reads only the META section)."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.reader(fh, delimiter=";"):
            if row and row[0].strip().lower() == "projects":
                break
            if len(row) >= 2 and row[0].strip() == "vote_type":
                return row[1].strip()
    raise ValueError(f"{path}: no vote_type in META")


def corpus_files(corpus: Path) -> dict[str, str]:
    """Map file name -> vote type for the covered ``.pb`` files of the corpus."""
    files = {path.name: pb_vote_type(path) for path in sorted(corpus.glob("*.pb"))}
    return {name: vt for name, vt in files.items() if vt in COVERED_VOTE_TYPES}


def rules_for(vote_type: str) -> tuple[str, ...]:
    """The rules recorded for a vote type (add1 only on approval-style ballots)."""
    if vote_type == "cumulative":
        return tuple(r for r in RULES if r != "equal-shares-add1")
    return RULES


# --------------------------------------------------------------------------
# pabutools side (imported lazily so that `--help` is instant)


def _points_times_cost_sat_class():
    from pabutools.election import AdditiveSatisfaction

    def points_times_cost(instance, profile, ballot, project, precomputed_values):
        return ballot.get(project, 0) * project.cost

    class PointsTimesCostSat(AdditiveSatisfaction):
        """Satisfaction of a cumulative ballot: points given to a project x its cost."""

        def __init__(self, instance, profile, ballot):
            AdditiveSatisfaction.__init__(
                self, instance, profile, ballot, points_times_cost
            )

    return PointsTimesCostSat


def _number(value):
    """A pabutools number (int, mpq, float) as a JSON number."""
    try:
        if value.denominator == 1:
            return int(value.numerator)
    except AttributeError:
        pass
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def _ids(allocation) -> list[str]:
    return sorted(p.name for p in allocation)


def run_rule(instance, profile, vote_type: str, rule: str, check_ilp: bool = True) -> dict:
    """Run one pabutools rule; return the fixture entry (without timeouts).

    ``check_ilp=False`` skips the second, ILP-based max-welfare solve.
    """
    from pabutools.election import (
        Additive_Cardinal_Sat,
        Cardinality_Sat,
        Cost_Sat,
    )
    from pabutools.rules import (
        MaxAddUtilWelfareAlgo,
        greedy_utilitarian_welfare,
        max_additive_utilitarian_welfare,
        method_of_equal_shares,
    )
    from pabutools.tiebreaking import lexico_tie_breaking

    cumulative = vote_type == "cumulative"
    start = time.perf_counter()
    if rule == "greedy":
        sat = _points_times_cost_sat_class() if cumulative else Cost_Sat
        outcome = greedy_utilitarian_welfare(
            instance, profile, sat_class=sat, tie_breaking=lexico_tie_breaking
        )
    elif rule in ("equal-shares", "equal-shares-add1"):
        outcome = method_of_equal_shares(
            instance,
            profile,
            sat_class=Additive_Cardinal_Sat if cumulative else Cost_Sat,
            tie_breaking=lexico_tie_breaking,
            voter_budget_increment=1 if rule == "equal-shares-add1" else None,
        )
    elif rule == "max-welfare":
        sat_profile = profile.as_sat_profile(
            Additive_Cardinal_Sat if cumulative else Cardinality_Sat
        )
        outcome = max_additive_utilitarian_welfare(
            instance, profile, sat_profile=sat_profile
        )
        seconds = time.perf_counter() - start
        entry = {
            "selected": _ids(outcome),
            "score": _number(sat_profile.total_satisfaction(outcome)),
            "seconds": round(seconds, 4),
        }
        if not check_ilp:
            return entry
        ilp = max_additive_utilitarian_welfare(
            instance,
            profile,
            sat_profile=sat_profile,
            inner_algo=MaxAddUtilWelfareAlgo.ILP_SOLVER,
        )
        entry["score_ilp"] = _number(sat_profile.total_satisfaction(ilp))
        return entry
    else:
        raise ValueError(f"unknown rule {rule!r}")
    seconds = time.perf_counter() - start
    return {"selected": _ids(outcome), "seconds": round(seconds, 4)}


def _child(conn, func, args):
    try:
        conn.send(func(*args))
    except BaseException as exc:  # report, the parent records the error
        conn.send({"error": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def call_with_timeout(func, args: tuple, timeout: float) -> dict:
    """Call ``func(*args)`` (returning a dict) in a forked child killed after `timeout` s.

    Returns ``{"timeout": timeout}`` when it did not finish, ``{"error": ...}`` if it failed.
    """
    ctx = mp.get_context("fork")
    parent_conn, child_conn = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(child_conn, func, args))
    child.start()
    child_conn.close()
    try:
        if parent_conn.poll(timeout):
            return parent_conn.recv()
        return {"timeout": timeout}
    except EOFError:
        return {"error": f"child exited with code {child.exitcode}"}
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        parent_conn.close()


def run_rule_with_timeout(
    instance, profile, vote_type, rule, timeout, check_ilp=True
) -> dict:
    """Run a pabutools rule in a forked child process, killed after `timeout` seconds."""
    return call_with_timeout(
        run_rule, (instance, profile, vote_type, rule, check_ilp), timeout
    )


def _file_worker(path: str, vote_type: str, rules, timeout, queue) -> None:
    """Parse one file and put (file, rule, entry) on the queue for every rule."""
    from pabutools.election import parse_pabulib

    name = Path(path).name
    try:
        instance, profile = parse_pabulib(path)
    except BaseException as exc:
        for rule in rules:
            queue.put((name, rule, {"error": f"parse: {type(exc).__name__}: {exc}"}))
        return
    for rule in rules:
        if rule == "equal-shares-add1":
            entry = run_rule_with_timeout(instance, profile, vote_type, rule, timeout)
        else:
            try:
                entry = run_rule(instance, profile, vote_type, rule)
            except Exception as exc:
                entry = {"error": f"{type(exc).__name__}: {exc}"}
        queue.put((name, rule, entry))


# --------------------------------------------------------------------------
# fixture file


def load_fixture(path: Path = FIXTURE) -> dict:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


def save_fixture(data: dict, path: Path = FIXTURE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def pabutools_version() -> str:
    from importlib.metadata import version

    return version("pabutools")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="FILE", help="corpus files (names or paths)")
    parser.add_argument("--rules", nargs="+", choices=RULES, default=list(RULES))
    parser.add_argument("--jobs", type=int, default=1, help="files in parallel (default 1)")
    parser.add_argument("--timeout", type=int, default=ADD1_TIMEOUT, help="add1 cap in seconds")
    parser.add_argument("--redo", action="store_true", help="recompute results already stored")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder")
    parser.add_argument("--output", type=Path, default=FIXTURE)
    args = parser.parse_args(argv)

    corpus = args.corpus or corpus_dir()
    if not corpus.is_dir():
        parser.error(f"pabulib corpus not found at {corpus} (set PB_PABULIB_DIR)")
    files = corpus_files(corpus)
    if args.only:
        wanted = {Path(f).name for f in args.only}
        unknown = wanted - files.keys()
        if unknown:
            parser.error(f"not covered corpus files: {sorted(unknown)}")
        files = {f: vt for f, vt in files.items() if f in wanted}

    data = load_fixture(args.output)
    version = pabutools_version()
    if data.get("pabutools_version") not in (None, version):
        print(f"fixture was made with pabutools {data['pabutools_version']}; recomputing all")
        data = {}
    data["pabutools_version"] = version
    data["tie_breaking"] = "lexico_tie_breaking"
    data["add1_timeout_seconds"] = args.timeout
    entries = data.setdefault("files", {})

    todo = []  # (file, vote_type, rules) biggest first, to balance the jobs
    for name, vote_type in files.items():
        stored = entries.setdefault(name, {"vote_type": vote_type, "rules": {}})
        stored["vote_type"] = vote_type
        rules = [
            r for r in rules_for(vote_type)
            if r in args.rules and (args.redo or r not in stored["rules"]
                                    or "error" in stored["rules"][r])
        ]
        if rules:
            todo.append((name, vote_type, rules))
    todo.sort(key=lambda t: -(corpus / t[0]).stat().st_size)
    save_fixture(data, args.output)
    print(f"{len(todo)} files to run with pabutools {version}, {args.jobs} job(s)", flush=True)

    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    running: dict[str, tuple] = {}  # name -> (process, pending rules)
    started = time.perf_counter()
    errors = 0
    while todo or running:
        while todo and len(running) < max(1, args.jobs):
            name, vote_type, rules = todo.pop(0)
            proc = ctx.Process(
                target=_file_worker,
                args=(str(corpus / name), vote_type, rules, args.timeout, queue),
            )
            proc.start()
            running[name] = (proc, set(rules))
        try:
            name, rule, entry = queue.get(timeout=5)
        except Exception:  # queue.Empty: check for dead workers
            for name, (proc, pending) in list(running.items()):
                if not proc.is_alive() and queue.empty():
                    for rule in pending:
                        entries[name]["rules"][rule] = {
                            "error": f"worker exited with code {proc.exitcode}"
                        }
                        errors += 1
                    proc.join()
                    del running[name]
            save_fixture(data, args.output)
            continue
        entries[name]["rules"][rule] = entry
        save_fixture(data, args.output)
        errors += "error" in entry
        summary = {k: v for k, v in entry.items() if k != "selected"}
        print(f"[{time.perf_counter() - started:7.1f}s] {name} {rule}: {summary}", flush=True)
        proc, pending = running[name]
        pending.discard(rule)
        if not pending:
            proc.join()
            del running[name]
    print(f"done in {time.perf_counter() - started:.1f}s, {errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
