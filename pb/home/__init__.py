from flask import Blueprint

bp = Blueprint("home", __name__)

from pb.home import routes  # noqa: E402,F401  (routes attach themselves to bp)
