from flask import abort, jsonify, render_template

from pb.communities.services import community_by_slug
from pb.db import get_session
from pb.home import bp
from pb.home.services import ballot_proposals, database_is_up, front_page
from pb.rounds.services import budget_by_community, current_round


@bp.get("/")
def index():
    return render_template("home/index.html", page=front_page(get_session()))


@bp.get("/lokalsamfund/<slug>")
def community(slug: str):
    session = get_session()
    community = community_by_slug(session, slug) or abort(404)
    round_ = current_round(session)
    return render_template(
        "home/community.html",
        community=community,
        round=round_,
        budget=budget_by_community(round_).get(community.id) if round_ else None,
        proposals=ballot_proposals(session, round_, community) if round_ else [],
    )


@bp.get("/healthz")
def healthz():
    up = database_is_up(get_session())
    body = {"status": "ok" if up else "error", "database": "ok" if up else "unavailable"}
    return jsonify(body), 200 if up else 503
