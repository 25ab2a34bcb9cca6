from flask import Blueprint

bp = Blueprint("proposals", __name__)

from pb.proposals import mail, routes  # noqa: E402,F401  (routes attach themselves to bp; mail registers templates)
