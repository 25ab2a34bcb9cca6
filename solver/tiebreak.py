"""Tie-breaking: a total order over projects that rules consult when their own criterion ties."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import SolverInputError
from .model import Instance


@dataclass(frozen=True)
class TieBreak:
    """How ties between projects are decided.

    Use the constructors :meth:`default`, :meth:`lexicographic` and :meth:`explicit`.

    Attributes
    ----------
    kind : str
        ``"default"``, ``"lexicographic"`` or ``"explicit"``.
    seed : int or None
        Seed of the lot (``default`` only).
    order : tuple of str or None
        The explicit order, most preferred first (``explicit`` only).
    """

    kind: str
    seed: int | None = None
    order: tuple[str, ...] | None = None

    @classmethod
    def default(cls, seed: int = 0) -> TieBreak:
        """Higher score, then lower cost, then a lot drawn from ``seed``.

        Parameters
        ----------
        seed : int
            Seed of the lot; the lot is ``random.Random(seed).shuffle`` of the
            project ids sorted as strings, so it is the same on every run.
        """
        return cls("default", seed=int(seed))

    @classmethod
    def lexicographic(cls) -> TieBreak:
        """Project id compared as a string, as pabutools' ``lexico_tie_breaking`` does."""
        return cls("lexicographic")

    @classmethod
    def explicit(cls, order: Iterable[str]) -> TieBreak:
        """A given order of project ids, most preferred first.

        Parameters
        ----------
        order : iterable of str
            Must name every project of the instance being tallied, once.
        """
        return cls("explicit", order=tuple(order))

    def lot(self, instance: Instance) -> tuple[str, ...]:
        """The seeded random order of project ids used as the last criterion of ``default``."""
        ids = sorted(instance.project_ids)
        random.Random(self.seed).shuffle(ids)
        return tuple(ids)

    def ranking(self, instance: Instance, scores: Mapping[str, int]) -> dict[str, int]:
        """Map each project id to its rank (0 = preferred) in this tie order.

        Parameters
        ----------
        instance : Instance
        scores : mapping of str to int
            Project scores; used by ``default`` (higher score first).
        """
        if self.kind == "lexicographic":
            ordered = sorted(instance.project_ids)
        elif self.kind == "explicit":
            order = self.order or ()
            if len(set(order)) != len(order) or set(order) != set(instance.project_ids):
                raise SolverInputError("explicit tie order must list every project id exactly once")
            ordered = list(order)
        elif self.kind == "default":
            lot = {pid: i for i, pid in enumerate(self.lot(instance))}
            ordered = sorted(
                instance.project_ids,
                key=lambda pid: (-scores.get(pid, 0), instance.project(pid).cost, lot[pid]),
            )
        else:
            raise SolverInputError(f"unknown tie-break kind {self.kind!r}")
        return {pid: i for i, pid in enumerate(ordered)}

    def describe(self) -> dict[str, object]:
        """JSON-friendly description (what the result and exported files record)."""
        out: dict[str, object] = {"tie_break": self.kind}
        if self.kind == "default":
            out["seed"] = self.seed
        if self.kind == "explicit":
            out["order"] = list(self.order or ())
        return out
