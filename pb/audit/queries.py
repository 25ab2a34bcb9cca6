"""Reading the audit trail: filtered, paginated, and told as sentences."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Optional
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pb.audit.models import AuditEvent
from pb.audit.sentences import ACTIONS, EventWords, describe
from pb.communities.models import Community

#: The log shows local dates: a filter "to 3 March" means to the end of that day in Denmark.
LOCAL_ZONE = ZoneInfo("Europe/Copenhagen")
PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    actor_id: Optional[int] = None
    action: Optional[str] = None
    community_id: Optional[int] = None
    date_from: Optional[date] = None
    date_to: Optional[date] = None


@dataclass(frozen=True)
class DescribedEvent:
    event: AuditEvent
    actor: str
    community: str
    #: The action's short name, e.g. "Forslag godkendt".
    action_label: str
    sentence: str


@dataclass(frozen=True)
class AuditPage:
    events: list[DescribedEvent]
    page: int
    pages: int
    total: int


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_ZONE)


def _filtered(query: Select[Any], chosen: AuditFilter) -> Select[Any]:
    if chosen.actor_id is not None:
        query = query.where(AuditEvent.actor_id == chosen.actor_id)
    if chosen.action:
        query = query.where(AuditEvent.action == chosen.action)
    if chosen.community_id is not None:
        query = query.where(AuditEvent.community_id == chosen.community_id)
    if chosen.date_from is not None:
        query = query.where(AuditEvent.occurred_at >= _local_midnight(chosen.date_from))
    if chosen.date_to is not None:
        query = query.where(AuditEvent.occurred_at < _local_midnight(chosen.date_to + timedelta(days=1)))
    return query


def audit_page(session: Session, chosen: AuditFilter, page: int = 1) -> AuditPage:
    """One page of the matching events, newest first; a page past the end gives the last one."""
    total = session.scalar(_filtered(select(func.count(AuditEvent.id)), chosen)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    events = list(
        session.scalars(
            _filtered(select(AuditEvent), chosen)
            .order_by(AuditEvent.id.desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        )
    )
    return AuditPage(describe_events(session, events), page, pages, total)


def all_matching(session: Session, chosen: AuditFilter, batch: int = 500) -> Iterator[DescribedEvent]:
    """Every matching event, newest first, read in batches (for the CSV export)."""
    last_id: int | None = None
    while True:
        query = _filtered(select(AuditEvent), chosen).order_by(AuditEvent.id.desc()).limit(batch)
        if last_id is not None:
            query = query.where(AuditEvent.id < last_id)
        events = list(session.scalars(query))
        if not events:
            return
        yield from describe_events(session, events)
        last_id = events[-1].id


def _actor_names(session: Session, events: list[AuditEvent]) -> dict[int, str]:
    from pb.auth.models import StaffUser

    ids = {e.actor_id for e in events if e.actor_id is not None}
    if not ids:
        return {}
    rows = session.execute(select(StaffUser.id, StaffUser.name, StaffUser.email).where(StaffUser.id.in_(ids)))
    return {id_: name or email for id_, name, email in rows}


def _community_names(session: Session, events: list[AuditEvent]) -> dict[int, str]:
    ids = {e.community_id for e in events if e.community_id is not None}
    if not ids:
        return {}
    rows = session.execute(select(Community.id, Community.name).where(Community.id.in_(ids)))
    return {id_: name for id_, name in rows}


def actor_words(event: AuditEvent, names: dict[int, str]) -> str:
    if event.actor_id is not None and event.actor_id in names:
        return names[event.actor_id]
    if event.actor_label == "cli":
        return _("En administrator på kommandolinjen")
    if event.actor_label == "system":
        return _("Systemet")
    return event.actor_label


def describe_events(session: Session, events: list[AuditEvent]) -> list[DescribedEvent]:
    actors = _actor_names(session, events)
    communities = _community_names(session, events)
    described = []
    for event in events:
        actor = actor_words(event, actors)
        community = communities.get(event.community_id, "") if event.community_id is not None else ""
        words = EventWords(actor, event.object_label or "", community, event.details or {})
        entry = ACTIONS.get(event.action)
        label = str(entry.label) if entry else _("Anden handling")
        described.append(DescribedEvent(event, actor, community, label, describe(event.action, words)))
    return described


def action_choices(session: Session) -> list[tuple[str, str]]:
    """The actions the log holds, by their Danish names, for the filter."""
    used = session.scalars(select(AuditEvent.action).distinct())
    return sorted(((a, str(ACTIONS[a].label)) for a in used if a in ACTIONS), key=lambda pair: pair[1])


def actor_choices(session: Session) -> list[tuple[int, str]]:
    """The staff users who appear in the log."""
    from pb.auth.models import StaffUser

    rows = session.execute(
        select(StaffUser.id, StaffUser.name, StaffUser.email)
        .where(StaffUser.id.in_(select(AuditEvent.actor_id).where(AuditEvent.actor_id.is_not(None))))
    )
    return sorted(((id_, name or email) for id_, name, email in rows), key=lambda pair: pair[1].lower())
