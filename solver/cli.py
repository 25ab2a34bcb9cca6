"""``python -m solver tally FILE.pb --rule RULE``: count a pabulib file from the command line.

Bad input (missing or malformed file, ordinal ballots, bad arguments) exits
with status 2 and a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .errors import SolverError, SolverInputError
from .pabulib import read_pb
from .result import Result, money, result_to_json
from .tally import RULES, tally
from .tiebreak import TieBreak


class _OneLineParser(argparse.ArgumentParser):
    """argparse prints usage plus a message; the contract asks for a single line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(prog="python -m solver", description="Participatory budgeting solver.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    count = sub.add_parser("tally", help="count a pabulib .pb file")
    count.add_argument("file", help="a pabulib .pb file")
    count.add_argument("--rule", required=True, choices=RULES)
    count.add_argument("--tie-order", choices=("default", "lexicographic"), default="default")
    count.add_argument("--seed", type=int, default=0, help="seed of the lot (default tie order)")
    count.add_argument("--min-score", type=int, default=0, help="minimum score to be eligible")
    count.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 ok, 2 bad input, 1 solver failure)."""
    args = _parser().parse_args(argv)
    tie_break = TieBreak.lexicographic() if args.tie_order == "lexicographic" else TieBreak.default(args.seed)
    try:
        election = read_pb(args.file)
        result = tally(election.instance, election.ballots, args.rule, tie_break, min_score=args.min_score)
    except (OSError, SolverInputError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        sys.stderr.write(f"error: {args.file}: {' '.join(message.split())}\n")
        return 2
    except SolverError as exc:
        sys.stderr.write(f"error: solver failed: {' '.join(str(exc).split())}\n")
        return 1
    if args.json:
        text = json.dumps(result_to_json(result), ensure_ascii=False, indent=2)
    else:
        text = result_table(result, {p.id: p.name for p in election.instance.projects})
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `... | head` closed the pipe: not an error of ours, and no traceback wanted.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces stdout until exit
    return 0


def result_table(result: Result, names: dict[str, str]) -> str:
    """A readable plain-text table: funded projects in order, then the others."""
    s = result.scale
    lines = [
        f"rule: {result.rule}   tie order: {result.tie_break.kind}"
        + (f" (seed {result.tie_break.seed})" if result.tie_break.kind == "default" else ""),
        f"budget: {money(result.budget, s)}   spent: {money(result.spent, s)}   "
        + f"leftover: {money(result.leftover, s)}   total score: {result.total_score}",
        "",
        f"{'step':>4}  {'project':<12} {'score':>8} {'cost':>14}  status",
    ]
    ordered = sorted(result.explanations, key=lambda e: (e.step is None, e.step or 0, -e.score))
    for e in ordered:
        status = e.status if not e.reason else f"{e.status} ({e.reason})"
        step = str(e.step) if e.step else "-"
        name = names.get(e.project_id, "")
        lines.append(f"{step:>4}  {e.project_id:<12} {e.score:>8} {money(e.cost, s)!s:>14}  {status}  {name[:40]}")
    return "\n".join(lines)
