"""Sign-in and access control: who is signed in, the throttle, and the role/community check (access.py)."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/staff")

from pb.auth import routes  # noqa: E402,F401  (routes attach themselves to bp)
