"""A child process that times tallies of one copy of ``solver``, for bench/solver_vs_pabutools.py.

Usage: ``python bench/solver_worker.py ROOT``, where ``ROOT/solver`` is the
package to time (this repository's, or an older revision's extracted with
``git archive``).  It reads one JSON request per line on stdin,
``{"path": ..., "rule": ..., "timeout": seconds}``, and answers one JSON line:
``{"seconds", "selected" (sorted), "score"}``, or ``{"timeout": s}`` /
``{"error": text}``.  Parsing is not timed; the last parsed file is kept, so
the parent can alternate two workers on the same file and rule.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    sys.path.insert(0, str(root))
    import solver
    from solver import TieBreak, read_pb, tally

    where = Path(solver.__file__).resolve()
    if root not in where.parents:
        print(json.dumps({"error": f"imported solver from {where}, not from {root}"}), flush=True)
        return 1
    print(json.dumps({"ready": str(where.parent)}), flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    loaded: tuple[str, object] | None = None
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if loaded is None or loaded[0] != request["path"]:
                loaded = None  # drop the previous election before reading the next
                loaded = (request["path"], read_pb(request["path"]))
            election = loaded[1]
            signal.setitimer(signal.ITIMER_REAL, request.get("timeout") or 0)
            try:
                start = time.perf_counter()
                result = tally(election.instance, election.ballots, rule=request["rule"],
                               tie_break=TieBreak.lexicographic())
                seconds = time.perf_counter() - start
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            answer = {"seconds": seconds, "selected": sorted(result.selected), "score": result.total_score}
        except _Timeout:
            answer = {"timeout": request.get("timeout")}
        except Exception as exc:  # reported to the parent, which names the file
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
