"""Voter rolls: reading a CSV roll, checking every row, and adding the valid ones in bulk.

A roll is read whole (a municipality-sized roll is a few megabytes), checked
against the round in memory (one query for the communities, one for the
voters already on the roll), and inserted in chunks with ``executemany``.
Re-importing a file adds nothing: a row whose address is already on the roll
in the same community counts as "already on the roll", and one in another
community is refused.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.communities.models import Community
from pb.db import utcnow
from pb.errors import DomainError
from pb.rounds.models import Phase, Round
from pb.rounds.phases import Action, require_phase
from pb.auth.models import StaffUser
from pb.emails import normalise_email
from pb.voting.models import Voter, VoterSource

#: Column names a roll may use, Danish or English, and the field each one fills.
HEADERS = {
    "email": "email",
    "e-mail": "email",
    "e-mailadresse": "email",
    "community": "community",
    "lokalsamfund": "community",
    "name": "name",
    "navn": "name",
    "birth_year": "birth_year",
    "fødselsår": "birth_year",
}
REQUIRED = ("email", "community")
#: Rows per INSERT batch.
CHUNK = 2000
#: A pragmatic address check, fast enough for 100,000 rows: one @, a dot in the domain, no spaces.
EMAIL = re.compile(r"^[^@\s,;<>()\[\]\"']+@[^@\s,;<>()\[\]\"']+\.[^@\s,;<>()\[\]\"'.]{2,}$")


class RollUnreadable(DomainError):
    """The file is not a roll we can read at all (no header, missing columns)."""

    status = 422


@dataclass(frozen=True)
class RollProblem:
    #: The line in the file, counting the header as line 1.
    line: int
    message: Any


@dataclass
class RollReport:
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool
    rows: int = 0
    #: Rows added (or that would be added in a dry run).
    added: int = 0
    #: Rows whose voter is already on the roll in the same community.
    already_on_roll: int = 0
    problems: list[RollProblem] = field(default_factory=list)


def decode_roll(data: bytes) -> str:
    """UTF-8 with or without a BOM; otherwise Excel's Danish export (cp1252)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _dialect(first_line: str) -> str:
    return max((";", ",", "\t"), key=first_line.count)


def read_roll(text: str) -> tuple[dict[str, str], Iterable[tuple[int, list[str]]]]:
    """The column positions by field, and the data rows with their line numbers. Raises RollUnreadable."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_dialect(first_line))
    try:
        header = next(reader)
    except StopIteration:
        raise RollUnreadable(_l("Filen er tom.")) from None
    columns: dict[str, int] = {}
    for position, name in enumerate(header):
        key = HEADERS.get(name.strip().lower())
        if key and key not in columns:
            columns[key] = position
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise RollUnreadable(
            _l(
                "Filen mangler kolonnen %(columns)s. Første linje skal have kolonnerne "
                "e-mail og lokalsamfund (og gerne navn og fødselsår).",
                columns=" og ".join(missing),
            )
        )
    return columns, ((reader.line_num, row) for row in reader)  # type: ignore[misc]


def import_roll(
    session: Session,
    round_: Round,
    data: bytes,
    *,
    dry_run: bool,
    actor: StaffUser | None = None,
    actor_label: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> RollReport:
    """Check every row of a roll and, unless ``dry_run``, add the valid ones. Audited.

    ``progress`` is called with the number of rows read since its last call.
    Raises PhaseClosed, RollUnreadable.
    """
    require_phase(round_, Action.IMPORT_VOTERS)
    columns, rows = read_roll(decode_roll(data))
    checker = _RowChecker(session, round_, columns)
    report = RollReport(dry_run=dry_run)
    batch: list[dict[str, Any]] = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        report.rows += 1
        outcome = checker.check(line, row)
        if isinstance(outcome, RollProblem):
            report.problems.append(outcome)
        elif outcome is None:
            report.already_on_roll += 1
        else:
            report.added += 1
            batch.append(outcome)
            if len(batch) >= CHUNK:
                if not dry_run:
                    session.execute(insert(Voter), batch)
                if progress:
                    progress(len(batch))
                batch = []
    if batch and not dry_run:
        session.execute(insert(Voter), batch)
    if progress:
        progress(len(batch))
    if not dry_run:
        record(
            session,
            "voters.imported",
            actor=actor,
            actor_label=actor_label,
            obj=round_,
            details={"rows": report.rows, "added": report.added, "already_on_roll": report.already_on_roll,
                     "refused": len(report.problems)},
        )
    session.flush()
    return report


class _RowChecker:
    """Checks one row at a time against the round's communities and its roll as it grows."""

    def __init__(self, session: Session, round_: Round, columns: dict[str, int]) -> None:
        self.round = round_
        self.columns = columns
        communities = list(session.scalars(select(Community)))
        self.communities: dict[str, Community] = {}
        for community in communities:
            self.communities[community.slug.lower()] = community
            self.communities[community.name.strip().lower()] = community
        self.names = {community.id: community.name for community in communities}
        #: Address -> (community id, line that added it in this file, or 0 if already on the roll).
        self.seen: dict[str, tuple[int, int]] = {
            email: (community_id, 0)
            for email, community_id in session.execute(
                select(Voter.email, Voter.community_id).where(Voter.round_id == round_.id)
            ).tuples()
        }
        window = round_.window(Phase.VOTING)
        #: Age is counted in whole years at the end of voting: born that year minus the minimum age, or earlier.
        self.latest_birth_year = (window.ends_at if window else utcnow()).year - round_.min_voter_age
        self.now = utcnow()

    def _cell(self, row: list[str], key: str) -> str:
        position = self.columns.get(key)
        return row[position].strip() if position is not None and position < len(row) else ""

    def check(self, line: int, row: list[str]) -> dict[str, Any] | RollProblem | None:
        """The new voter's values, a problem, or None when the voter is already on the roll."""
        email = normalise_email(self._cell(row, "email"))
        if len(email) > 254 or not EMAIL.match(email):
            shown = self._cell(row, "email")[:80] or _l("(tom)")
            return RollProblem(line, _l("Ugyldig e-mailadresse: %(email)s", email=shown))
        community_text = self._cell(row, "community")
        community = self.communities.get(community_text.lower())
        if community is None:
            return RollProblem(line, _l("Ukendt lokalsamfund: %(name)s", name=community_text or _l("(tom)")))
        birth_text = self._cell(row, "birth_year")
        birth_year = None
        if birth_text:
            if not birth_text.isdigit() or not 1900 <= int(birth_text) <= self.now.year:
                return RollProblem(line, _l("Fødselsåret skal være et årstal, fx 1980, ikke %(text)s", text=birth_text[:20]))
            birth_year = int(birth_text)
            if birth_year > self.latest_birth_year:
                return RollProblem(
                    line,
                    _l("Under %(age)d år: født %(year)d", age=self.round.min_voter_age, year=birth_year),
                )
        earlier = self.seen.get(email)
        if earlier is not None:
            community_id, earlier_line = earlier
            if earlier_line:
                return RollProblem(line, _l("Samme e-mailadresse som linje %(line)d", line=earlier_line))
            if community_id != community.id:
                return RollProblem(
                    line,
                    _l("Står allerede på vælgerlisten i %(community)s", community=self.names.get(community_id, "?")),
                )
            return None
        self.seen[email] = (community.id, line)
        return {
            "round_id": self.round.id,
            "community_id": community.id,
            "email": email,
            "name": self._cell(row, "name")[:120] or None,
            "birth_year": birth_year,
            "source": VoterSource.ROLL,
            "link_version": 1,
            "created_at": self.now,
        }
