"""The largest input the solver accepts, and why each limit is where it is.

Beyond these limits the reader (:func:`solver.read_pb`) raises
:class:`~solver.PbFormatError` and the model raises
:class:`~solver.SolverInputError`, so the CLI exits 2 with one line and no rule
ever sees such a value.  Within them every rule is exact and memory grows
linearly with the file.  The largest pabulib corpus file (4 MB, 199 projects,
amounts up to 10^9 minor units, 77 points) is far inside every limit.
"""

from __future__ import annotations

#: Largest ``.pb`` file read, in bytes (64 MiB, 16 times the largest pabulib file).  A stream
#: without a size (a pipe, ``/dev/zero``) is cut off at the same length.
MAX_FILE_BYTES = 64 * 1024 * 1024

#: Most projects in one instance.  Tie records list the tied projects at each step, so a
#: ballot tying every project costs memory in the square of this (about 4 MB at 1,000).
MAX_PROJECTS = 1_000

#: Largest amount of money (a cost, the budget, a spending bound) in minor units:
#: 13 digits.  max-welfare hands amounts to its ILP solver as doubles, and PuLP writes
#: CBC's model file with 13 significant digits, so every amount below 10^13 reaches
#: either solver exactly; Equal Shares' sums of such amounts stay far below 2^63.
MAX_AMOUNT = 10**13 - 1

#: Most decimals an amount may have in a file (the file's scale is at most 10^6).
MAX_DECIMALS = 6

#: Longest number, in characters, the reader converts (longer ones are refused unread).
MAX_NUMBER_CHARS = 40

#: Most points one ballot may give one project.
MAX_POINTS = 10**6

#: Largest count in META (``min_length``, ``max_sum_points``, ...).
MAX_COUNT = 10**9

#: max-welfare's objective: the total score of all eligible projects must stay below
#: 10^13 for the same reason as amounts (scores are exact integers in the solver).
MAX_TOTAL_SCORE = 10**13 - 1

__all__ = [
    "MAX_AMOUNT",
    "MAX_COUNT",
    "MAX_DECIMALS",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_CHARS",
    "MAX_POINTS",
    "MAX_PROJECTS",
    "MAX_TOTAL_SCORE",
]
