"""Looking up communities."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.communities.models import Community


def community_by_slug(session: Session, slug: str) -> Community | None:
    return session.scalar(select(Community).where(Community.slug == slug))
