"""Benchmark our solver against pabutools 1.2.3 on the pabulib corpus.

Not a test: it times both libraries in the same run, file by file, and prints
per rule the total seconds of each and the ratio (pabutools / ours).  Parsing is
not timed for either side; what is timed is one rule call on the parsed
election (pabutools' time includes building its satisfaction profile, which its
rule functions do themselves when given a satisfaction class).  A call that
takes under a second is timed up to three times and the fastest kept, on both
sides (see ``best_of``); longer calls are timed once.

* pabutools runs exactly as ``tests/solver/make_pabutools_fixture.py`` runs it
  (same rules, satisfaction measures and lexicographic tie-breaking; the
  max-welfare figure is its default primal/dual solve only).
* equal-shares-add1: pabutools runs in a child process capped at ``--timeout``
  seconds (60), and so does our solver (``--our-timeout``, 60); the comparison
  uses only the files where both finished, and the output names the others.
* ``--baseline-rev REV`` also times the solver as it was at git revision
  ``REV`` (its ``solver/`` extracted with ``git archive`` into a temporary
  folder), to show new figures beside old ones in one run.  Both copies then
  run in child processes of their own (``bench/solver_worker.py``), and each
  (file, rule) alternates new, old, new, old, ... (``--repeats`` of each, 3 by
  default, however long), keeping each side's fastest: the machine's load then
  hits both alike.  The summary gives new / old per rule (total time, and the
  median of the per-file ratios); ``--no-pabutools`` leaves pabutools out.
* Peak RSS: for each rule, a fresh child process reads the largest file
  (Poland_Wroclaw_2015*, 131,778 voters) with our reader and tallies it, and
  reports its own peak RSS (``VmHWM``).

Usage (repository root):

    nice -n 10 .venv/bin/python bench/solver_vs_pabutools.py
    .venv/bin/python bench/solver_vs_pabutools.py --max-voters 2000 --rules greedy
    .venv/bin/python bench/solver_vs_pabutools.py --rss-only
    nice -n 10 .venv/bin/python bench/solver_vs_pabutools.py --baseline-rev main --no-pabutools --no-rss
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAKER_PATH = REPO / "tests" / "solver" / "make_pabutools_fixture.py"
WORKER_PATH = REPO / "bench" / "solver_worker.py"
LARGEST = "Poland_Wroclaw_2015_150_-_500.pb"
TARGETS = {  # rule -> minimum speed-up (pabutools time / our time)
    "greedy": 10.0,
    "equal-shares": 10.0,
    "equal-shares-add1": 100.0,
    "max-welfare": 1.0,
}
RSS_TARGET_MB = 500
#: Runs shorter than this (seconds) are measured up to REPEATS times, keeping the fastest.
SHORT_RUN, REPEATS = 1.0, 3


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_pabutools_fixture", MAKER_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


maker = _load_maker()

# The child reports its own high-water mark (VmHWM, per address space): the
# ru_maxrss that os.wait4 returns keeps the high-water mark of the process it
# was forked from (Linux carries it across exec), so after pabutools has grown
# this process to gigabytes it would report those, not the child's own peak.
RSS_CHILD = """
import sys, time
from solver import TieBreak, read_pb, tally
election = read_pb(sys.argv[1])
seconds = 0.0
if sys.argv[2] != "read-only":
    start = time.perf_counter()
    result = tally(election.instance, election.ballots, rule=sys.argv[2],
                   tie_break=TieBreak.lexicographic())
    seconds = time.perf_counter() - start
with open("/proc/self/status") as fh:
    hwm_kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
print(seconds, hwm_kb)
"""


def peak_rss_mb(path: Path, rule: str) -> tuple[float, float]:
    """Peak RSS (MB) and tally seconds of a fresh interpreter reading `path` and tallying `rule`."""
    proc = subprocess.run(
        [sys.executable, "-c", RSS_CHILD, str(path), rule],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        raise RuntimeError(f"RSS child for {rule} failed: {proc.stderr.strip()[-500:]}")
    seconds, hwm_kb = proc.stdout.split()
    return int(hwm_kb) / 1024, float(seconds)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "pabutools": maker.pabutools_version(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def run_ours(election, rule: str) -> dict:
    """Time one tally of our solver: {"seconds", "selected" (sorted), "score"}."""
    from solver import TieBreak, tally

    start = time.perf_counter()
    result = tally(
        election.instance, election.ballots, rule=rule, tie_break=TieBreak.lexicographic()
    )
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "selected": sorted(result.selected), "score": result.total_score}


class SolverWorker:
    """A child process timing tallies of the ``solver`` package under ``root`` (``bench/solver_worker.py``)."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER_PATH), str(root)], cwd=root,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        ready = json.loads(self.proc.stdout.readline() or '{"error": "worker exited"}')
        if "ready" not in ready:
            raise RuntimeError(f"solver worker for {root}: {ready.get('error')}")
        self.package = ready["ready"]

    def run(self, path: Path, rule: str, timeout: float | None = None) -> dict:
        """One timed tally: {"seconds", "selected", "score"}, or {"timeout"} / {"error"}."""
        self.proc.stdin.write(json.dumps({"path": str(path), "rule": rule, "timeout": timeout}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline() or '{"error": "worker exited"}')

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def extract_revision(rev: str, into: Path) -> Path:
    """Write git revision ``rev``'s ``solver/`` under ``into`` (with ``git archive``); return ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "solver"], capture_output=True, check=False,
    )
    if archive.returncode:
        raise SystemExit(f"git archive {rev} failed: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def versus(new: SolverWorker, old: SolverWorker, path: Path, rule: str, timeout: float | None,
           repeats: int = REPEATS) -> tuple[dict, dict]:
    """Time ``rule`` on ``path`` with both workers, alternating new and old; each side's fastest run.

    Each side runs ``repeats`` times, each run right after the other side's, so
    that a busy spell of the machine hits both alike (a side that timed out or
    failed is not run again).
    """
    best = {"new": None, "old": None}
    for _ in range(repeats):
        for side, worker in (("new", new), ("old", old)):
            if best[side] is not None and "seconds" not in best[side]:
                continue
            again = worker.run(path, rule, timeout)
            if best[side] is None or again.get("seconds", float("inf")) < best[side]["seconds"]:
                best[side] = again
    return best["new"], best["old"]


def warm_up(corpus: Path, rules, workers=()) -> None:
    """Import every rule's code once (PuLP etc.) so the first timed file does not pay it."""
    from solver import read_pb

    election = read_pb(corpus / "Poland_Zabrze_2021_Zandka.pb")
    for rule in rules:
        run_ours(election, rule)
        for worker in workers:
            worker.run(corpus / "Poland_Zabrze_2021_Zandka.pb", rule)


def best_of(measure, short: float = SHORT_RUN, repeats: int = REPEATS) -> dict:
    """The fastest of up to ``repeats`` measurements, repeating only while runs are short.

    A run of a few milliseconds right after a long one (the other library's
    minute of work on the previous file) can take twice as long as usual; the
    minimum of a few runs is the usual remedy (``timeit`` does the same).  Long
    runs are not repeated: their noise is small next to their length.  Both
    libraries are measured this way.
    """
    best = measure()
    for _ in range(repeats - 1):
        if "seconds" not in best or best["seconds"] >= short:
            break
        again = measure()
        if again.get("seconds", float("inf")) < best["seconds"]:
            best = again
    return best


def bench_file(path: Path, vote_type: str, rules, timeout: int, our_timeout: int,
               workers: tuple[SolverWorker, SolverWorker] | None = None, pabutools: bool = True,
               repeats: int = REPEATS) -> dict:
    """Time both libraries on one file; return {rule: row}.

    With ``workers`` (new, old), our solver runs in the new worker, alternating
    with the old one (``versus``); without ``pabutools`` that side is skipped.
    """
    from pabutools.election import parse_pabulib
    from solver import read_pb

    election = None if workers else read_pb(path)
    instance, profile = parse_pabulib(str(path)) if pabutools else (None, None)
    # Children forked below would otherwise garbage-collect, and so copy, the parent's
    # young objects (the parsed elections); freezing them spares both sides that cost.
    gc.collect()
    gc.freeze()
    rows = {}
    for rule in rules:
        add1 = rule == "equal-shares-add1"
        old = None
        if workers:
            ours, old = versus(*workers, path, rule, our_timeout if add1 else None, repeats)
        elif add1:
            ours = best_of(lambda: maker.call_with_timeout(run_ours, (election, rule), our_timeout))
        else:
            ours = best_of(lambda: run_ours(election, rule))
        if not pabutools:
            theirs = {"skipped": True}
        elif add1:
            theirs = best_of(lambda: maker.run_rule_with_timeout(
                instance, profile, vote_type, rule, timeout, check_ilp=False
            ))
        else:
            theirs = best_of(lambda: maker.run_rule(instance, profile, vote_type, rule, check_ilp=False))
        if "seconds" not in ours:  # our add1 did not finish within our_timeout
            rows[rule] = {"ours_failed": ours, "pabutools": theirs.get("seconds")}
            continue
        row = {"ours": ours["seconds"]}
        if old is not None:
            if "seconds" in old:
                row["old"] = old["seconds"]
                row["agree_old"] = ours["selected"] == old["selected"]
            else:
                row["old_failed"] = old
        if "seconds" in theirs:
            row["pabutools"] = theirs["seconds"]
            if rule == "max-welfare":
                row["agree"] = ours["score"] == theirs["score"]
            else:
                row["agree"] = ours["selected"] == theirs["selected"]
        elif pabutools:
            row["pabutools_failed"] = theirs
        rows[rule] = row
    return rows


def summarise(results: dict, rules) -> list[dict]:
    summary = []
    for rule in rules:
        rows = {f: r[rule] for f, r in results.items() if rule in r}
        if not rows:
            continue
        finished = {f: r for f, r in rows.items() if "ours" in r}
        done = {f: r for f, r in finished.items() if r.get("pabutools") is not None}
        theirs = sum(r["pabutools"] for r in done.values())
        ours = sum(r["ours"] for r in done.values())
        ratios = [r["pabutools"] / r["ours"] for r in done.values() if r["ours"] > 0]
        slowest = max(finished.items(), key=lambda kv: kv[1]["ours"], default=("-", {"ours": 0}))
        summary.append({
            "rule": rule,
            "files": len(rows),
            "compared": len(done),
            "pabutools_s": theirs,
            "ours_s": ours,
            "ours_all_finished_s": sum(r["ours"] for r in finished.values()),
            "ratio": theirs / ours if ours else float("inf"),
            "median_file_ratio": statistics.median(ratios) if ratios else None,
            "min_file_ratio": min(ratios) if ratios else None,
            "slowest_ours": (slowest[0], slowest[1]["ours"]),
            "disagree": sorted(f for f, r in done.items() if not r["agree"]),
            "pabutools_unfinished": sorted(
                f for f, r in rows.items() if "pabutools_failed" in r
                or ("ours_failed" in r and r.get("pabutools") is None)),
            "ours_unfinished": sorted(f for f, r in rows.items() if "ours_failed" in r),
            "target": TARGETS[rule],
            **_versus_old(finished),
        })
    return summary


def _versus_old(finished: dict) -> dict:
    """New against old over the files where both finished (empty without a baseline)."""
    both = {f: r for f, r in finished.items() if "old" in r}
    if not both:
        return {}
    new, old = sum(r["ours"] for r in both.values()), sum(r["old"] for r in both.values())
    per_file = [r["ours"] / r["old"] for r in both.values() if r["old"] > 0]
    return {
        "old_compared": len(both),
        "new_s": new,
        "old_s": old,
        "new_over_old": new / old if old else float("inf"),
        "median_file_new_over_old": statistics.median(per_file) if per_file else None,
        "worst_file_new_over_old": max(per_file, default=None),
        "differ_from_old": sorted(f for f, r in both.items() if not r["agree_old"]),
        "old_unfinished": sorted(f for f, r in finished.items() if "old_failed" in r),
    }


def print_versus_old(summary: list[dict], rev: str) -> None:
    """New against the baseline revision: time ratios per rule (below 1 is faster)."""
    print(f"\nthis tree against {rev} (new / old; below 1 means faster now):")
    print(f"{'rule':<18} {'files':>5} {'new / old':>10} {'median':>8} {'worst':>7}  same outcome")
    for s in summary:
        if "old_compared" not in s:
            continue
        same = "yes" if not s["differ_from_old"] else "NO: " + ", ".join(s["differ_from_old"])
        print(f"{s['rule']:<18} {s['old_compared']:>5} {s['new_over_old']:>10.3f} "
              f"{s['median_file_new_over_old']:>8.3f} {s['worst_file_new_over_old']:>7.3f}  {same}")
        if s["old_unfinished"]:
            print(f"  {s['rule']}: the old solver did not finish on " + ", ".join(s["old_unfinished"]))


def print_summary(summary: list[dict], timeout: int, our_timeout: int) -> None:
    if not any(s["compared"] for s in summary):
        return
    print()
    print(f"{'rule':<18} {'files':>5} {'pabutools s':>12} {'ours s':>9} {'ratio':>8} "
          f"{'median':>8} {'min':>7} {'target':>7}  met")
    for s in summary:
        met = "yes" if s["ratio"] >= s["target"] else "NO"
        print(f"{s['rule']:<18} {s['compared']:>5} {s['pabutools_s']:>12.2f} {s['ours_s']:>9.3f} "
              f"{s['ratio']:>7.1f}x {s['median_file_ratio'] or 0:>7.1f}x "
              f"{s['min_file_ratio'] or 0:>6.1f}x {s['target']:>6.0f}x  {met}")
    for s in summary:
        name, seconds = s["slowest_ours"]
        print(f"  {s['rule']}: our slowest file {name} {seconds:.3f} s")
        if s["compared"] < s["files"]:
            print(f"  {s['rule']}: compared on {s['compared']} of {s['files']} files only")
        if s["pabutools_unfinished"]:
            print(f"  {s['rule']}: pabutools did not finish within {timeout} s on "
                  f"{len(s['pabutools_unfinished'])}: " + ", ".join(s["pabutools_unfinished"]))
        if s["ours_unfinished"]:
            print(f"  {s['rule']}: OUR solver did not finish within {our_timeout} s on "
                  f"{len(s['ours_unfinished'])}: " + ", ".join(s["ours_unfinished"]))
        if s["compared"] < s["files"]:
            print(f"  {s['rule']}: our time on all files where we finished "
                  f"{s['ours_all_finished_s']:.3f} s")
        if s["disagree"]:
            print(f"  {s['rule']}: outcome differs from pabutools on " + ", ".join(s["disagree"]))


def print_markdown(report: dict) -> None:
    """The figures of a saved run as Markdown tables (for docs/performance.md)."""
    if any(s["compared"] for s in report["summary"]):
        _print_pabutools_markdown(report)
    if any("old_compared" in s for s in report["summary"]):
        print()
        print("| rule | files | new / old, total time | median per-file new / old | worst file | same outcome |")
        print("|---|---:|---:|---:|---:|---|")
        for s in report["summary"]:
            if "old_compared" in s:
                same = "yes" if not s["differ_from_old"] else "**no**"
                print(f"| {s['rule']} | {s['old_compared']} | {s['new_over_old']:.3f} "
                      f"| {s['median_file_new_over_old']:.3f} | {s['worst_file_new_over_old']:.3f} | {same} |")
    if report.get("rss"):
        print()
        print("| Wroclaw 2015, fresh process | peak RSS MB |")
        print("|---|---:|")
        for rule, mb in report["rss"].items():
            print(f"| {rule} | {mb:.1f} |")


def _print_pabutools_markdown(report: dict) -> None:
    print("| rule | files compared | pabutools s | ours s | ratio (pabutools / ours) "
          "| median per-file ratio | target | met |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for s in report["summary"]:
        if s["median_file_ratio"] is None:
            print(f"| {s['rule']} | 0 of {s['files']} | - | - | - | - | {s['target']:.0f}x | - |")
            continue
        met = "yes" if s["ratio"] >= s["target"] else "**no**"
        print(f"| {s['rule']} | {s['compared']} of {s['files']} | {s['pabutools_s']:.2f} "
              f"| {s['ours_s']:.3f} | {s['ratio']:.1f}x | {s['median_file_ratio']:.1f}x "
              f"| {s['target']:.0f}x | {met} |")


def bench_corpus(corpus: Path, files: dict, args, report: dict, workers) -> None:
    """Time every file, printing one line per file; rows go to ``report["files"]``."""
    warm_up(corpus, args.rules, workers or ())
    started = time.perf_counter()
    nan = float("nan")
    for i, (name, vote_type) in enumerate(sorted(files.items()), 1):
        rules = [r for r in maker.rules_for(vote_type) if r in args.rules]
        rows = bench_file(corpus / name, vote_type, rules, args.timeout, args.our_timeout,
                          workers, pabutools=not args.no_pabutools, repeats=args.repeats)
        report["files"][name] = rows
        brief = "  ".join(
            f"{r}: {row.get('pabutools') or nan:.2f}/{row.get('ours', nan):.3f}"
            + (f" (old {row.get('old', nan):.3f})" if workers else "")
            for r, row in rows.items()
        )
        print(f"[{time.perf_counter() - started:7.1f}s {i}/{len(files)}] {name}  {brief}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="FILE", help="corpus files (names or paths)")
    parser.add_argument("--rules", nargs="+", choices=maker.RULES, default=list(maker.RULES))
    parser.add_argument("--max-voters", type=int, help="skip files with more ballots (MANIFEST)")
    parser.add_argument("--timeout", type=int, default=maker.ADD1_TIMEOUT,
                        help="pabutools add1 cap per file, seconds")
    parser.add_argument("--our-timeout", type=int, default=maker.ADD1_TIMEOUT,
                        help="our add1 cap per file, seconds (also a child process)")
    parser.add_argument("--no-rss", action="store_true", help="skip the peak-RSS measurement")
    parser.add_argument("--rss-only", action="store_true", help="only the peak-RSS measurement")
    parser.add_argument("--baseline-rev", metavar="REV",
                        help="also time the solver of this git revision, alternating with this tree's")
    parser.add_argument("--no-pabutools", action="store_true", help="do not time pabutools")
    parser.add_argument("--repeats", type=int, default=REPEATS,
                        help="with --baseline-rev: runs of each side per file and rule, alternating")
    parser.add_argument("--json-out", type=Path, help="also write the raw figures as JSON")
    parser.add_argument("--markdown", type=Path, metavar="JSON",
                        help="print a saved --json-out run as Markdown tables and exit")
    args = parser.parse_args(argv)
    if args.markdown:
        print_markdown(json.loads(args.markdown.read_text()))
        return 0

    corpus = maker.corpus_dir()
    if not corpus.is_dir():
        parser.error(f"pabulib corpus not found at {corpus} (set PB_PABULIB_DIR)")
    files = maker.corpus_files(corpus)
    if args.only:
        wanted = {Path(f).name for f in args.only}
        files = {f: vt for f, vt in files.items() if f in wanted}
    if args.max_voters is not None:
        import csv

        with open(corpus / "MANIFEST.csv", newline="", encoding="utf-8-sig") as fh:
            votes = {r["file"]: int(r["num_votes"]) for r in csv.DictReader(fh)}
        files = {f: vt for f, vt in files.items() if votes.get(f, 0) <= args.max_voters}

    info = machine()
    print("machine: " + ", ".join(f"{k}={v}" for k, v in info.items()), flush=True)
    report = {"machine": info, "files": {}, "summary": [], "rss": {}}

    if not args.rss_only:
        with tempfile.TemporaryDirectory(prefix="bench-baseline-") as baseline_root:
            workers = None
            if args.baseline_rev:
                report["baseline_rev"] = args.baseline_rev
                workers = (SolverWorker(REPO), SolverWorker(extract_revision(args.baseline_rev, Path(baseline_root))))
                print(f"new: {workers[0].package}\nold ({args.baseline_rev}): {workers[1].package}", flush=True)
            try:
                bench_corpus(corpus, files, args, report, workers)
            finally:
                for worker in workers or ():
                    worker.close()
        report["summary"] = summarise(report["files"], args.rules)
        print_summary(report["summary"], args.timeout, args.our_timeout)
        if args.baseline_rev:
            print_versus_old(report["summary"], args.baseline_rev)

    if not args.no_rss and (corpus / LARGEST).exists():
        print(f"\npeak RSS, fresh process reading and tallying {LARGEST}:")
        base, _ = peak_rss_mb(corpus / LARGEST, "read-only")
        report["rss"]["read-only"] = base
        print(f"  {'read only':<18} {base:8.1f} MB")
        for rule in args.rules:
            mb, seconds = peak_rss_mb(corpus / LARGEST, rule)
            report["rss"][rule] = mb
            verdict = "ok" if mb < RSS_TARGET_MB else f"OVER {RSS_TARGET_MB} MB"
            print(f"  {rule:<18} {mb:8.1f} MB  {verdict}  (tally {seconds:.3f} s)")

    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
