"""Reading and writing pabulib ``.pb`` files (format: pabulib.org/format).

The reader is strict about structure but liberal about encoding: a UTF-8 BOM,
CRLF line endings and quoted fields are all accepted, because real files have
them.  Costs and the budget may carry decimals; they are converted exactly to
integers by scaling every amount by ``10**d``, ``d`` being the largest number of
decimals seen, and the scale is kept so :func:`write_pb` writes the same values.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TextIO

from .errors import PbFormatError
from .limits import (
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_DECIMALS,
    MAX_FILE_BYTES,
    MAX_NUMBER_CHARS,
    MAX_POINTS,
    MAX_PROJECTS,
)
from .model import (
    ApprovalBallot,
    Ballot,
    BallotRules,
    CumulativeBallot,
    Instance,
    OrdinalBallot,
    Project,
)


_SECTIONS = ("META", "PROJECTS", "VOTES")
#: META keys that hold amounts of money and so follow the instance's scale.
_MONEY_META_KEYS = ("budget", "max_sum_cost")
#: The META fields of the pabulib format (pabulib.org/format), in the order the format gives;
#: the writer puts them in this order, other keys after them.
META_FIELDS = (
    "description", "country", "unit", "district", "subunit", "instance", "num_projects", "num_votes",
    "budget", "vote_type", "rule", "date_begin", "date_end", "min_length", "max_length", "min_sum_cost",
    "max_sum_cost", "min_points", "max_points", "min_sum_points", "max_sum_points", "default_score",
    "min_project_cost", "max_project_cost", "min_project_score_threshold", "neighborhoods", "subdistricts",
    "categories", "edition", "language", "currency", "fully_funded", "experimental", "comment",
    "acknowledgments",
)
#: The PROJECTS columns of the format, in its order (after ``project_id`` and ``cost``).
PROJECT_FIELDS = (
    "votes", "score", "name", "category", "beneficiaries", "selected", "neighborhood", "subunit", "district",
    "description", "proposer", "public_id", "latitude", "longitude",
)


@dataclass(frozen=True)
class PbElection:
    """An instance with its ballots, as read from (or to be written to) a ``.pb`` file.

    Attributes
    ----------
    instance : Instance
    ballots : tuple of Ballot
        One per voter, in file order.  Identical ballots are the same object, which
        keeps large files small in memory.
    meta : dict of str to str
        The META section as written in the file.
    vote_type : str
        ``"approval"``, ``"cumulative"``, ``"choose-1"`` or ``"ordinal"``.
    voter_ids : tuple of str or None
        Voter ids in file order (generated as ``1..n`` when writing if missing).
    project_extra : mapping
        Other PROJECTS columns (``votes``, ``selected``, ...) per project id, as strings.
    vote_columns : mapping of str to sequence of str
        Other VOTES columns (e.g. ``voting_method``), one value per ballot; written,
        not read (the reader keeps memory per voter small).
    """

    instance: Instance
    ballots: tuple[Ballot, ...]
    meta: dict[str, str] = field(default_factory=dict)
    vote_type: str = "approval"
    voter_ids: tuple[str, ...] | None = None
    project_extra: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    vote_columns: Mapping[str, Sequence[str]] = field(default_factory=dict)


def read_pb(source: str | os.PathLike[str] | TextIO) -> PbElection:
    """Read a pabulib ``.pb`` file.

    Parameters
    ----------
    source : path or text stream
        A path (opened as UTF-8, BOM tolerated) or an open text stream.

    Returns
    -------
    PbElection

    Raises
    ------
    PbFormatError
        If the file is not a readable ``.pb`` file, or goes beyond a limit of
        :mod:`solver.limits` (size, projects, digits, decimals, magnitudes).
    OSError
        If the path cannot be opened.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise PbFormatError(f"file has {size} bytes, more than the limit of {MAX_FILE_BYTES}")
            return _read(handle)
    return _read(source)


#: Characters read at a time: a line longer than this is read in pieces, so that a file
#: without line breaks (``/dev/zero``) meets the size limit instead of filling memory.
_CHUNK = 1 << 20


def _lines(handle: TextIO):
    """The handle's lines, refusing more than :data:`MAX_FILE_BYTES` characters in all."""
    total = 0
    pending: list[str] = []
    while True:
        chunk = handle.readline(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise PbFormatError(f"file is longer than the limit of {MAX_FILE_BYTES} characters")
        if chunk.endswith("\n") or (chunk.endswith("\r") and len(chunk) < _CHUNK):
            if pending:
                pending.append(chunk)
                chunk = "".join(pending)
                pending = []
            yield chunk
        else:
            pending.append(chunk)
    if pending:
        yield "".join(pending)


def _read(handle: TextIO) -> PbElection:
    try:
        rows = csv.reader(_lines(handle), delimiter=";", quotechar='"')
        seen: set[str] = set()
        sections: dict[str, tuple[list[str], list[list[str]]]] = {}
        current: str | None = None
        header: list[str] | None = None
        body: list[list[str]] = []
        for row in rows:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            first = row[0].lstrip("\ufeff").strip()
            if len(row) == 1 and first.upper() in _SECTIONS:
                if first.upper() in seen:
                    raise PbFormatError(f"the file has a second {first.upper()} section")
                seen.add(first.upper())
                if current is not None:
                    sections[current] = (header or [], body)
                current, header, body = first.upper(), None, []
                if current == "VOTES":
                    # Votes are streamed below: the largest files have 100k+ rows.
                    break
                continue
            if current is None:
                raise PbFormatError("file does not start with a META section")
            if header is None:
                header = [h.lstrip("\ufeff").strip() for h in row]
            else:
                body.append(row)
        if current != "VOTES":
            raise PbFormatError("missing VOTES section")
        meta = _parse_meta(sections)
        instance, extra = _parse_projects(meta, sections)
        vote_type = meta.get("vote_type", "approval").strip()
        ballots, voter_ids = _parse_votes(rows, vote_type, instance)
    except csv.Error as exc:
        raise PbFormatError(f"unreadable CSV: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise PbFormatError("file is not UTF-8 text") from exc
    return PbElection(instance, ballots, meta, vote_type, voter_ids, extra)


def _parse_meta(sections: dict[str, tuple[list[str], list[list[str]]]]) -> dict[str, str]:
    if "META" not in sections:
        raise PbFormatError("missing META section")
    meta: dict[str, str] = {}
    for row in sections["META"][1]:
        if len(row) < 2:
            raise PbFormatError(f"META row without a value: {';'.join(row)!r}"[:200])
        key = row[0].strip()
        if key in meta:
            raise PbFormatError(f"META key {key!r} appears twice"[:200])
        meta[key] = ";".join(row[1:]).strip()
    if "budget" not in meta:
        raise PbFormatError("META has no budget")
    vote_type = meta.get("vote_type", "approval").strip()
    if vote_type not in ("approval", "cumulative", "choose-1", "ordinal"):
        raise PbFormatError(f"unsupported vote_type {vote_type!r}")
    return meta


def _decimal(text: str, what: str) -> Decimal:
    """A non-negative number within the limits: few characters, below 10^16, few decimals."""
    text = text.strip()
    if len(text) > MAX_NUMBER_CHARS:
        raise PbFormatError(f"{what} is longer than {MAX_NUMBER_CHARS} characters")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise PbFormatError(f"{what} is not a number: {text!r}") from None
    if not value.is_finite() or value < 0:
        raise PbFormatError(f"{what} must be a non-negative number: {text!r}")
    if value and value.adjusted() >= 16:
        raise PbFormatError(f"{what} is too large: {text!r}")
    if _decimals(value) > MAX_DECIMALS:
        raise PbFormatError(f"{what} has more than {MAX_DECIMALS} decimals: {text!r}")
    return value


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _scaled(value: Decimal, scale: int, what: str) -> int:
    scaled = value * scale
    if scaled != scaled.to_integral_value():
        raise PbFormatError(f"{what} has more decimals than the file's scale")
    if scaled > MAX_AMOUNT:
        raise PbFormatError(f"{what} is above the limit of {MAX_AMOUNT} minor units (at scale {scale})")
    return int(scaled)


def _parse_projects(meta: dict[str, str], sections) -> tuple[Instance, dict[str, dict[str, str]]]:
    if "PROJECTS" not in sections:
        raise PbFormatError("missing PROJECTS section")
    header, body = sections["PROJECTS"]
    if "project_id" not in header or "cost" not in header:
        raise PbFormatError("PROJECTS header needs project_id and cost")
    col = {name: i for i, name in enumerate(header)}
    if len(body) > MAX_PROJECTS:
        raise PbFormatError(f"{len(body)} projects is more than the limit of {MAX_PROJECTS}")
    raw = []
    for row in body:
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        pid = row[col["project_id"]].strip()
        raw.append((pid, _decimal(row[col["cost"]], f"cost of project {pid!r}"), row))
    budget = _decimal(meta["budget"], "budget")
    money_meta = {k: _decimal(meta[k], k) for k in _MONEY_META_KEYS if meta.get(k, "").strip()}
    digits = max([_decimals(c) for _, c, _ in raw] + [_decimals(v) for v in money_meta.values()])
    scale = 10**digits
    projects = []
    extra: dict[str, dict[str, str]] = {}
    for pid, cost, row in raw:
        name = row[col["name"]] if "name" in col else ""
        cats = row[col["category"]] if "category" in col else ""
        categories = frozenset(c.strip() for c in cats.split(",") if c.strip())
        projects.append(Project(pid, name, _scaled(cost, scale, f"cost of {pid!r}"), categories))
        extra[pid] = {h: row[i] for h, i in col.items() if h not in ("project_id", "cost", "name", "category")}
    vote_type = meta.get("vote_type", "approval").strip()
    rules = BallotRules(
        kind=vote_type,
        min_length=_meta_int(meta, "min_length"),
        max_length=_meta_int(meta, "max_length"),
        min_sum_points=_meta_int(meta, "min_sum_points"),
        max_sum_points=_meta_int(meta, "max_sum_points"),
        max_sum_cost=_scaled(money_meta["max_sum_cost"], scale, "max_sum_cost") if "max_sum_cost" in money_meta else None,
    )
    instance = Instance(tuple(projects), _scaled(budget, scale, "budget"), rules, scale, meta.get("currency", ""))
    return instance, extra


def _meta_int(meta: dict[str, str], key: str) -> int | None:
    text = meta.get(key, "").strip()
    if not text:
        return None
    if len(text) > MAX_NUMBER_CHARS:
        raise PbFormatError(f"META {key} is longer than {MAX_NUMBER_CHARS} characters")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None  # informational only; the raw string stays in META
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        return None
    if value > MAX_COUNT:
        raise PbFormatError(f"META {key} is above the limit of {MAX_COUNT}: {text!r}")
    return int(value)


#: Distinct ballots remembered for sharing; real files repeat a few thousand ballots many times.
_CACHE_SIZE = 1 << 16


def _parse_votes(rows, vote_type: str, instance: Instance) -> tuple[tuple[Ballot, ...], tuple[str, ...]]:
    header = None
    for row in rows:
        if row and any(cell.strip() for cell in row):
            header = [h.strip() for h in row]
            break
    if header is None or "vote" not in header:
        raise PbFormatError("VOTES header needs a vote column")
    i_vote = header.index("vote")
    i_voter = header.index("voter_id") if "voter_id" in header else None
    i_points = header.index("points") if "points" in header else None
    if vote_type == "cumulative" and i_points is None:
        raise PbFormatError("cumulative votes need a points column")
    known = {pid: pid for pid in instance.project_ids}  # also interns ids
    cache: dict[tuple[str, str], Ballot] = {}
    ballots: list[Ballot] = []
    voter_ids: list[str] = []
    for n, row in enumerate(rows, start=1):
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        vote = row[i_vote].strip() if i_vote < len(row) else ""
        points = row[i_points].strip() if i_points is not None and i_points < len(row) else ""
        key = (vote, points if vote_type == "cumulative" else "")
        ballot = cache.get(key)
        if ballot is None:
            ballot = _make_ballot(vote, points, vote_type, known, n)
            if len(cache) >= _CACHE_SIZE:
                cache.clear()  # mostly distinct ballots: sharing saves little, the keys would cost much
            cache[key] = ballot
        ballots.append(ballot)
        voter_ids.append(row[i_voter].strip() if i_voter is not None and i_voter < len(row) else str(n))
    return tuple(ballots), tuple(voter_ids)


def _make_ballot(vote: str, points: str, vote_type: str, known: dict[str, str], line: int) -> Ballot:
    ids = []
    for raw in vote.split(","):
        raw = raw.strip()
        if not raw:
            continue
        pid = known.get(raw)
        if pid is None:
            raise PbFormatError(f"vote {line} names unknown project {raw!r}")
        ids.append(pid)
    if vote_type == "cumulative":
        pts = [p.strip() for p in points.split(",") if p.strip()]
        if len(pts) != len(ids):
            raise PbFormatError(f"vote {line}: {len(ids)} projects but {len(pts)} points")
        merged: dict[str, int] = {}
        for pid, p in zip(ids, pts):
            value = _decimal(p, f"points in vote {line}")
            if value != value.to_integral_value():
                raise PbFormatError(f"vote {line}: points must be whole numbers")
            if value > MAX_POINTS:
                raise PbFormatError(f"vote {line}: points above the limit of {MAX_POINTS}")
            merged[pid] = merged.get(pid, 0) + int(value)
        return CumulativeBallot(tuple(merged.items()))
    unique = tuple(dict.fromkeys(ids))
    if vote_type == "ordinal":
        return OrdinalBallot(unique)
    return ApprovalBallot(unique)


def format_amount(value: int, scale: int) -> str:
    """Write minor units as the file's decimal text (``12345``, scale 10 → ``"1234.5"``)."""
    if scale == 1:
        return str(value)
    digits = len(str(scale)) - 1
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), scale)
    return f"{sign}{whole}.{frac:0{digits}d}"


def write_pb(election: PbElection, target: str | os.PathLike[str] | TextIO) -> None:
    """Write an election as a pabulib ``.pb`` file (UTF-8, ``;``-separated, LF endings).

    Parameters
    ----------
    election : PbElection
        What to write; META keys ``num_projects``, ``num_votes``, ``budget`` and
        ``vote_type`` are always taken from the instance and ballots.
    target : path or text stream
    """
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            _write(election, handle)
    else:
        _write(election, target)


def _write(election: PbElection, handle: TextIO) -> None:
    inst = election.instance
    writer = csv.writer(handle, delimiter=";", lineterminator="\n")
    meta = dict(election.meta)
    meta.setdefault("description", "")
    meta.setdefault("country", "")
    meta.setdefault("unit", "")
    meta.setdefault("instance", "")
    meta["num_projects"] = str(len(inst.projects))
    meta["num_votes"] = str(len(election.ballots))
    meta["budget"] = format_amount(inst.budget, inst.scale)
    meta["vote_type"] = election.vote_type
    rules = inst.ballot_rules
    for key in ("min_length", "max_length", "min_sum_points", "max_sum_points"):
        value = getattr(rules, key)
        if value is not None and key not in meta:
            meta[key] = str(value)
    if rules.max_sum_cost is not None:
        meta["max_sum_cost"] = format_amount(rules.max_sum_cost, inst.scale)
    if inst.currency:
        meta.setdefault("currency", inst.currency)
    handle.write("META\n")
    writer.writerow(["key", "value"])
    for key in [k for k in META_FIELDS if k in meta] + [k for k in meta if k not in META_FIELDS]:
        writer.writerow([key, meta[key]])
    handle.write("PROJECTS\n")
    extra_cols: list[str] = []
    for pid in inst.project_ids:
        for col in election.project_extra.get(pid, {}):
            if col not in extra_cols:
                extra_cols.append(col)
    own = {
        "name": {p.id: p.name for p in inst.projects},
        "category": {p.id: ",".join(sorted(p.categories)) for p in inst.projects},
    }
    columns = [c for c in PROJECT_FIELDS if c in extra_cols or (c in own and any(own[c].values()))]
    columns += [c for c in extra_cols if c not in columns]
    writer.writerow(["project_id", "cost", *columns])
    for p in inst.projects:
        extra = election.project_extra.get(p.id, {})
        writer.writerow(
            [p.id, format_amount(p.cost, inst.scale)]
            + [own[c][p.id] if c in own else extra.get(c, "") for c in columns]
        )
    handle.write("VOTES\n")
    cumulative = election.vote_type == "cumulative"
    vote_columns = {k: v for k, v in election.vote_columns.items() if len(v) == len(election.ballots)}
    if len(vote_columns) != len(election.vote_columns):
        raise ValueError("every VOTES column needs one value per ballot")
    writer.writerow(["voter_id", "vote", *(["points"] if cumulative else []), *vote_columns])
    voter_ids = election.voter_ids or tuple(str(i) for i in range(1, len(election.ballots) + 1))
    values = tuple(zip(*vote_columns.values())) if vote_columns else ((),) * len(election.ballots)
    for voter, ballot, more in zip(voter_ids, election.ballots, values):
        if isinstance(ballot, CumulativeBallot):
            row = [voter, ",".join(p for p, _ in ballot.points), ",".join(str(v) for _, v in ballot.points)]
        elif isinstance(ballot, OrdinalBallot):
            row = [voter, ",".join(ballot.ranking)]
        else:
            row = [voter, ",".join(ballot.approved)]
        writer.writerow(row + list(more))


def dumps_pb(election: PbElection) -> str:
    """Return the ``.pb`` text of an election (convenience for tests and the app)."""
    buffer = io.StringIO()
    _write(election, buffer)
    return buffer.getvalue()


__all__ = ["META_FIELDS", "PROJECT_FIELDS", "PbElection", "dumps_pb", "format_amount", "read_pb", "write_pb"]
