"""Rounds: the officials' pages to create a round and set its dates, settings, budgets and phase."""
from flask import Blueprint

bp = Blueprint("rounds", __name__, url_prefix="/staff/runder")

from pb.rounds import routes  # noqa: E402,F401  (routes attach themselves to bp)
