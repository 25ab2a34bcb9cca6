from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from pb.staff import routes  # noqa: E402,F401  (routes attach themselves to bp)
