from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from pb.db import Base, UTCDateTime, utcnow


class Community(Base):
    """One of the free-standing local communities (lokalsamfund) the fund serves."""

    __tablename__ = "community"
    __table_args__ = (CheckConstraint("population >= 0", name="population_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    #: URL-safe name used in links and CLI options, e.g. ``tranbjerg``.
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    population: Mapped[int] = mapped_column(default=0)
    #: Danish postcodes (strings such as ``"8310"``) that belong to the community.
    postcodes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Community {self.slug}>"
