"""Who is signed in, and the one check for role and community that every staff view uses."""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable, TypeVar
from urllib.parse import urlsplit

from flask import Response, abort, current_app, g, redirect, request, session, url_for
from werkzeug.exceptions import HTTPException
from sqlalchemy.exc import SQLAlchemyError

from pb.communities.models import Community
from pb.communities.services import community_by_slug
from pb.db import get_session
from pb.auth.models import OFFICIAL_ROLES, Role, StaffUser
from pb.auth.services import session_fingerprint

F = TypeVar("F", bound=Callable[..., Any])
SESSION_KEY = "staff_id"
FINGERPRINT_KEY = "staff_fp"


def log_in(user: StaffUser) -> None:
    session.clear()  # a fresh session on sign-in: no fixation
    session[SESSION_KEY] = user.id
    session[FINGERPRINT_KEY] = session_fingerprint(user)


def log_out() -> None:
    session.clear()


def current_staff() -> StaffUser | None:
    if "staff_user" not in g:
        g.staff_user = _load_staff()
    return g.staff_user


def _load_staff() -> StaffUser | None:
    staff_id = session.get(SESSION_KEY)
    if staff_id is None:
        return None
    user = get_session().get(StaffUser, staff_id)
    if user is None or not user.is_active or session.get(FINGERPRINT_KEY) != session_fingerprint(user):
        session.clear()
        return None
    return user


def can_access_community(user: StaffUser, community: Community) -> bool:
    """Admins and officials reach every community; a playmaker only their own."""
    if user.is_official:
        return True
    return any(c.id == community.id for c in user.communities)


def staff_required(*roles: Role, community_arg: str | None = None) -> Callable[[F], F]:
    """Require a signed-in staff user with one of ``roles`` (all roles when none are given).

    With ``community_arg``, the view's URL argument of that name is a community
    slug: the community is loaded (404 if unknown), checked against the user's
    scope (403) and passed to the view as ``community``.
    """
    allowed = roles or tuple(Role)

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = current_staff()
            if user is None:
                # Only a page can be come back to: after signing in, the browser follows `next` with a GET.
                back = request.full_path.rstrip("?") if request.method in ("GET", "HEAD") else None
                return redirect(url_for("auth.login", next=back))
            if user.role not in allowed:
                abort(403)
            if community_arg is not None:
                slug = kwargs.pop(community_arg)
                community = community_by_slug(get_session(), slug)
                if community is None:
                    abort(404)
                if not can_access_community(user, community):
                    abort(403)
                kwargs["community"] = community
            return view(*args, **kwargs)

        #: Marks the view as staff-only, so tests/test_authorisation.py finds it wherever its URL is.
        wrapper.staff_roles = allowed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def official_required(*, community_arg: str | None = None) -> Callable[[F], F]:
    """``staff_required`` for admins and officials only (``StaffUser.is_official``)."""
    return staff_required(*OFFICIAL_ROLES, community_arg=community_arg)


def staff_context() -> dict[str, Any]:
    """What every page's header needs: who is signed in, and the sign-out form (registered in create_app)."""
    from pb.auth.forms import LogoutForm

    try:
        user = current_staff()
    except SQLAlchemyError:
        # Error pages render this too; a database that is down must not hide them.
        user = None
    return {"current_staff": user, "logout_form": LogoutForm() if user else None}


#: URL prefix of every staff page (sign-in, administration, and the features' staff routes).
STAFF_PREFIX = "/staff"


def no_store_for_staff(response: Response) -> Response:
    """Staff pages, and any page rendered for a signed-in staff user, are never cached (shared office PCs)."""
    if request.path == STAFF_PREFIX or request.path.startswith(STAFF_PREFIX + "/") or g.get("staff_user") is not None:
        response.headers["Cache-Control"] = "no-store"
    return response


def safe_next_url(target: str | None) -> str | None:
    """Only a page on this site that answers GET, so the sign-in page sends nobody elsewhere or to a 405."""
    if not target:
        return None
    if not _answers_get(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    return target


def _answers_get(path: str) -> bool:
    """Whether a GET of ``path`` reaches a route (a POST-only URL such as sign-out does not)."""
    adapter = current_app.url_map.bind("localhost")
    try:
        adapter.match(urlsplit(path).path, method="GET")
    except HTTPException:
        return False
    return True
