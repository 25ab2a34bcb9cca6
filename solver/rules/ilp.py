"""PuLP plumbing for ``max-welfare``: picking the solver and reading results only when optimal."""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from typing import Any

from ..errors import SolverError, SolverInputError


def make_solver(ilp_solver: Any):
    """Turn ``None``/``"highs"``/``"cbc"``/a PuLP solver object into a PuLP solver.

    The default is HiGHS through PuLP's in-process interface (the ``highspy``
    package) when it is installed: a call costs no process start, which on small
    instances is most of the time CBC takes.  Without highspy it is CBC (bundled
    with PuLP, see :func:`bundled_cbc_path`).  Gaps are zero so that the optimum is
    proven, not approximated; messages are off.
    """
    import pulp

    if ilp_solver is None:
        ilp_solver = "highs" if highs_available() else "cbc"
    if ilp_solver == "cbc":
        # Cuts off: with costs of 10^9 and more, CBC's cutting planes cut off optimal sets of tight
        # knapsacks (tests/solver/test_hostile.py has one); without them it searches exactly.
        return pulp.COIN_CMD(msg=False, gapRel=0, gapAbs=0, path=bundled_cbc_path(), options=["cuts off"])
    if ilp_solver == "highs":
        if not highs_available():
            raise SolverInputError("the HiGHS solver needs the highspy package (pip install highspy)")
        _quiet_highs_banner()
        # One thread: the models are small, and threads cost more to start than they save.  No
        # feasibility jump: HiGHS 1.16 spends 0.6 s in it on a 14-project knapsack (Assen 2024)
        # that it then solves in no time.
        return pulp.HiGHS(msg=False, gapRel=0, gapAbs=0, threads=1, mip_heuristic_run_feasibility_jump=False)
    if isinstance(ilp_solver, str):
        raise SolverInputError(f"unknown ILP solver {ilp_solver!r}; use 'cbc', 'highs' or a PuLP solver")
    return ilp_solver


_banner_lock = threading.Lock()
_banner_done = False


def _quiet_highs_banner() -> None:
    """Create the process's first HiGHS object with file descriptor 1 on /dev/null.

    HiGHS prints a copyright banner from C++ on the first ``Highs()`` of a process,
    before any option can switch its output off; on stdout it would corrupt the
    CLI's JSON.  Later objects print nothing.
    """
    global _banner_done
    with _banner_lock:
        if _banner_done:
            return
        import highspy

        sys.stdout.flush()
        saved = os.dup(1)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.close(devnull)
            highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _banner_done = True


def highs_available() -> bool:
    """True when the highspy package (HiGHS in process) can be imported."""
    return importlib.util.find_spec("highspy") is not None


def bundled_cbc_path() -> str | None:
    """The CBC binary shipped inside PuLP, or None to let COIN_CMD find one on PATH.

    PuLP 3.3 deprecates the ``PULP_CBC_CMD`` wrapper (a warning, which our tests
    treat as an error) but still ships the binary; ``COIN_CMD`` pointed at it is
    the same solver without the warning.
    """
    import pulp

    path = getattr(pulp.PULP_CBC_CMD, "pulp_cbc_path", None)
    return path if path and os.access(path, os.X_OK) else None


def solve(problem, solver) -> bool:
    """Solve; return True when proven optimal, False when proven infeasible.

    Raises
    ------
    SolverError
        For any other status (not solved, unbounded, undefined, a time limit hit
        before optimality): no variable is read in that case.
    """
    import pulp

    problem.solve(solver)
    status = problem.status
    if status == pulp.LpStatusInfeasible:
        return False
    # sol_status tells "optimal" from "feasible, stopped early"; older solvers leave it unset.
    sol_status = getattr(problem, "sol_status", pulp.LpSolutionOptimal)
    if status != pulp.LpStatusOptimal or sol_status not in (pulp.LpSolutionOptimal, None):
        raise SolverError(
            f"ILP solver returned status {pulp.LpStatus.get(status, status)!r}"
            f" (solution status {pulp.LpSolution.get(sol_status, sol_status)!r}), not an optimal solution"
        )
    return True


def chosen(variables: dict[str, Any]) -> set[str]:
    """The ids whose binary variable is 1 (read only after :func:`solve` returned True)."""
    return {pid for pid, var in variables.items() if var.varValue is not None and var.varValue > 0.5}
