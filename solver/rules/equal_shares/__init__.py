"""The Method of Equal Shares and its add1 completion, exact and fast.

Read in this order:

- :mod:`.rule`: the rule itself (one run at ``budget / voters``) and the outcome
  with one explanation per project.
- :mod:`.engine`: one exact run, round by round (:class:`~.engine.Rounds`).
- :mod:`.supporters`: who supports what, counted once per election.
- :mod:`.money`: the voters' money, exact, in shared classes; charging a payment.
- :mod:`.prices`: a project's exact price from a float guess checked exactly.
- :mod:`.add1`: the add1 completion (growing shares until the outcome is exhaustive).
- :mod:`.add1_verifier`: checks many add1 steps at once with bounded floats, so
  that add1 needs few exact runs.
- :mod:`.payments`: on request, what each ballot paid towards each funded project.

Every outcome comes from an exact run; floats only choose where exact work is
needed.  The pabutools cross-check (``tests/solver/test_crosscheck_pabutools.py``)
holds both rules to pabutools' outcomes on the pabulib corpus.
"""

from .add1 import equal_shares_add1
from .rule import equal_shares

__all__ = ["equal_shares", "equal_shares_add1"]
