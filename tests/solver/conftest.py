"""Solver test fixtures: the pabulib corpus location and small instance factories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from solver import ApprovalBallot, CumulativeBallot, Instance, Project

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"


def _corpus_dir() -> Path:
    return Path(os.environ.get("PB_PABULIB_DIR", REPO.parent / "shared" / "pabulib"))


def corpus_files() -> list[str]:
    """Names of the corpus's approval, choose-1 and cumulative files (empty without the corpus)."""
    import csv

    path = _corpus_dir()
    names = []
    for pb in sorted(path.glob("*.pb")) if path.is_dir() else ():
        with open(pb, newline="", encoding="utf-8-sig") as handle:
            for row in csv.reader(handle, delimiter=";"):
                if row and row[0].strip().upper() == "PROJECTS":
                    break
                if len(row) >= 2 and row[0].strip() == "vote_type" and row[1].strip() != "ordinal":
                    names.append(pb.name)
    return names


@pytest.fixture(scope="session")
def pabulib_dir() -> Path:
    """The pabulib corpus folder (env PB_PABULIB_DIR); skipped when missing unless PB_REQUIRE_CORPUS=1."""
    path = _corpus_dir()
    if not path.is_dir() or not any(path.glob("*.pb")):
        message = (
            f"pabulib corpus not found at {path} (set PB_PABULIB_DIR; the README's 'The pabulib corpus' says why"
            " it is not in the repository)"
        )
        if os.environ.get("PB_REQUIRE_CORPUS") == "1":
            pytest.fail(message + " and PB_REQUIRE_CORPUS=1")
        pytest.skip(message)
    return path


@pytest.fixture
def data_dir() -> Path:
    """The folder of small hand-written .pb fixtures."""
    return DATA


@pytest.fixture
def make_instance():
    """Factory: ``make_instance({"a": 30, "b": 50}, budget=60)`` builds an Instance."""

    def make(costs: dict[str, int], budget: int, categories: dict[str, set[str]] | None = None) -> Instance:
        categories = categories or {}
        return Instance(
            tuple(Project(pid, pid.upper(), cost, frozenset(categories.get(pid, ()))) for pid, cost in costs.items()),
            budget,
        )

    return make


@pytest.fixture
def approvals():
    """Factory: ``approvals("ab", "b", "ab")`` gives one ApprovalBallot per string of one-letter ids."""

    def make(*ballots: str | tuple[str, ...]) -> tuple[ApprovalBallot, ...]:
        return tuple(ApprovalBallot(tuple(b)) for b in ballots)

    return make


@pytest.fixture
def cumulative():
    """Factory: ``cumulative({"a": 3, "b": 1}, ...)`` gives CumulativeBallots."""

    def make(*ballots: dict[str, int]) -> tuple[CumulativeBallot, ...]:
        return tuple(CumulativeBallot(tuple(b.items())) for b in ballots)

    return make
