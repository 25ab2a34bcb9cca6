"""Voting: voter rolls, personal links, ballots, receipts."""
from flask import Blueprint

#: The voter's pages, reached with a personal link.
bp = Blueprint("voting", __name__, url_prefix="/stem")
#: The staff pages of voting: the roll, voters' links.
staff_bp = Blueprint("voting_staff", __name__, url_prefix="/staff/afstemning")
#: The help page for residents, linked from every public page and every mail.
help_bp = Blueprint("help", __name__)

from pb.voting import mail, paper_routes, routes, staff_routes  # noqa: E402,F401  (routes and mail templates register themselves)
