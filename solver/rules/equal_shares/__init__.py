"""The Method of Equal Shares and its add1 completion."""

from .add1 import equal_shares_add1
from .rule import equal_shares

__all__ = ["equal_shares", "equal_shares_add1"]
