"""PuLP plumbing for ``max-welfare``: picking the solver and reading results only when optimal."""

from __future__ import annotations

import importlib.util
from typing import Any

from ..errors import SolverError, SolverInputError


def make_solver(ilp_solver: Any):
    """Turn ``None``/``"cbc"``/``"highs"``/a PuLP solver object into a PuLP solver.

    CBC (bundled with PuLP, see :func:`bundled_cbc_path`) is the default.  Its gaps are set to zero so that the
    optimum is proven, not approximated; messages are off.
    """
    import pulp

    if ilp_solver is None or ilp_solver == "cbc":
        return pulp.COIN_CMD(msg=False, gapRel=0, gapAbs=0, path=bundled_cbc_path())
    if ilp_solver == "highs":
        if importlib.util.find_spec("highspy") is None:
            raise SolverInputError("the HiGHS solver needs the highspy package (pip install highspy)")
        return pulp.HiGHS(msg=False, gapRel=0, gapAbs=0)
    if isinstance(ilp_solver, str):
        raise SolverInputError(f"unknown ILP solver {ilp_solver!r}; use 'cbc', 'highs' or a PuLP solver")
    return ilp_solver


def bundled_cbc_path() -> str | None:
    """The CBC binary shipped inside PuLP, or None to let COIN_CMD find one on PATH.

    PuLP 3.3 deprecates the ``PULP_CBC_CMD`` wrapper (a warning, which our tests
    treat as an error) but still ships the binary; ``COIN_CMD`` pointed at it is
    the same solver without the warning.
    """
    import os

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
