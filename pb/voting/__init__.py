"""Voting: voter rolls, personal links, ballots, receipts."""
from flask import Blueprint

bp = Blueprint("voting", __name__, url_prefix="/stem")

from pb.voting import mail, routes  # noqa: E402,F401  (routes and mail templates register themselves)
