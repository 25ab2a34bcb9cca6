from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/staff/forslag")

from pb.moderation import routes  # noqa: E402,F401  (routes attach themselves to bp)
