from flask import abort, current_app, jsonify, render_template, request, url_for

from pb.communities.services import community_by_slug
from pb.db import get_session
from pb.home import bp
from pb.home.services import database_is_up, front_page
from pb.proposals.forms import optional_int
from pb.proposals.services import public_proposals
from pb.rounds.services import budget_by_community, public_round


@bp.get("/")
def index():
    return render_template("home/index.html", page=front_page(get_session()))


@bp.get("/lokalsamfund/<slug>")
def community(slug: str):
    session = get_session()
    community = community_by_slug(session, slug) or abort(404)
    round_ = public_round(session)
    category_id = optional_int(request.args.get("kategori"))
    category = next((c for c in round_.categories if c.id == category_id), None) if round_ else None
    return render_template(
        "home/community.html",
        community=community,
        round=round_,
        budget=budget_by_community(round_).get(community.id) if round_ else None,
        proposals=public_proposals(session, round_, community, category.id if category else None) if round_ else [],
        category=category,
        results_url=_results_url(community),
    )


def _results_url(community) -> str | None:
    """The community's results page, once the results feature provides one."""
    endpoint = "results.community"
    return url_for(endpoint, slug=community.slug) if endpoint in current_app.view_functions else None


@bp.get("/healthz")
def healthz():
    up = database_is_up(get_session())
    body = {"status": "ok" if up else "error", "database": "ok" if up else "unavailable"}
    return jsonify(body), 200 if up else 503
