"""Sign-in and access control: who is signed in, the throttle, and the role/community check (access.py)."""
from flask import Blueprint, Flask

bp = Blueprint("auth", __name__, url_prefix="/staff")


def init_app(app: Flask) -> None:
    """What sign-in adds to every page: the header's staff context, and no caching of staff pages."""
    from pb.auth.access import no_store_for_staff, staff_context

    app.context_processor(staff_context)
    app.after_request(no_store_for_staff)


from pb.auth import routes  # noqa: E402,F401  (routes attach themselves to bp)
