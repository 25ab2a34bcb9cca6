"""pb/voting/rolls.py and import-voters: reading rolls in the formats officials have, and checking every row."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pb.audit.models import AuditEvent
from pb.rounds.models import Phase
from pb.rounds.phases import PhaseClosed
from pb.voting.models import Voter
from pb.voting.rolls import RollUnreadable, import_roll


@pytest.fixture
def roll_round(make_community, make_round):
    """A voting round (minimum age 15, voting ends this year + 7 days) and two communities."""
    tranbjerg = make_community("Tranbjerg", slug="tranbjerg")
    harlev = make_community("Harlev", slug="harlev")
    return make_round(), tranbjerg, harlev


def _count(session, round_):
    return session.scalar(select(func.count()).select_from(Voter).where(Voter.round_id == round_.id))


def test_utf8_with_bom_and_english_headers(app, session, roll_round):
    """A UTF-8 file with a BOM and the English column names is read; names and birth years are kept."""
    round_, tranbjerg, _ = roll_round
    data = "\ufeffemail,community,name,birth_year\nAse@Example.org,tranbjerg,Åse Ørum,1970\n".encode()
    with app.test_request_context():
        report = import_roll(session, round_, data, dry_run=False, actor_label="test")
    assert (report.rows, report.added, report.problems) == (1, 1, [])
    voter = session.scalar(select(Voter).where(Voter.round_id == round_.id))
    assert (voter.email, voter.name, voter.birth_year, voter.community_id) == ("ase@example.org", "Åse Ørum", 1970, tranbjerg.id)


def test_excel_cp1252_semicolons_and_danish_headers(app, session, roll_round):
    """Excel's Danish export (cp1252, semicolons, Danish headers, community by name) is read."""
    round_, _, harlev = roll_round
    data = "E-mail;Lokalsamfund;Navn;Fødselsår\r\nbo@example.org;Harlev;Bo Ærø;1985\r\n".encode("cp1252")
    with app.test_request_context():
        report = import_roll(session, round_, data, dry_run=False, actor_label="test")
    assert report.added == 1
    voter = session.scalar(select(Voter).where(Voter.round_id == round_.id))
    assert (voter.name, voter.community_id) == ("Bo Ærø", harlev.id)


def test_dry_run_lists_problems_by_line_and_changes_nothing(app, session, roll_round, make_voter):
    """Each kind of problem is named with its line number; a dry run adds no voter and no audit event."""
    round_, tranbjerg, harlev = roll_round
    make_voter(round_, harlev, email="elsewhere@example.org")
    too_young = round_.window(Phase.VOTING).ends_at.year - 10
    data = (
        "email,community,name,birth_year\n"
        "ok@example.org,tranbjerg,,\n"            # 2
        "not-an-address,tranbjerg,,\n"             # 3
        "who@example.org,Atlantis,,\n"             # 4
        "ok@example.org,tranbjerg,,\n"             # 5
        f"kid@example.org,tranbjerg,,{too_young}\n"  # 6
        "elsewhere@example.org,tranbjerg,,\n"      # 7
        "year@example.org,tranbjerg,,nitten\n"     # 8
    ).encode()
    with app.test_request_context():
        report = import_roll(session, round_, data, dry_run=True, actor_label="test")
        messages = {p.line: str(p.message) for p in report.problems}
    assert report.added == 1 and report.rows == 7
    assert messages == {
        3: "Ugyldig e-mailadresse: not-an-address",
        4: "Ukendt lokalsamfund: Atlantis",
        5: "Samme e-mailadresse som linje 2",
        6: f"Under 15 år: født {too_young}",
        7: "Står allerede på vælgerlisten i Harlev",
        8: "Fødselsåret skal være et årstal, fx 1980, ikke nitten",
    }
    assert _count(session, round_) == 1  # only the voter made above
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "voters.imported")) is None


def test_reimporting_changes_nothing(app, session, roll_round):
    """The same file twice: the second run adds nobody and reports the rows as already on the roll."""
    round_, *_ = roll_round
    data = b"email,community\na@example.org,tranbjerg\nb@example.org,harlev\n"
    with app.test_request_context():
        import_roll(session, round_, data, dry_run=False, actor_label="test")
        again = import_roll(session, round_, data, dry_run=False, actor_label="test")
    assert (again.added, again.already_on_roll, again.problems) == (0, 2, [])
    assert _count(session, round_) == 2


def test_a_file_without_the_required_columns_is_refused(app, session, roll_round):
    """A header without e-mail and community columns is one clear refusal."""
    round_, *_ = roll_round
    with app.test_request_context(), pytest.raises(RollUnreadable, match="mangler kolonnen"):
        import_roll(session, round_, b"navn,adresse\nBo,Vej 1\n", dry_run=True)


def test_import_after_voting_is_refused(app, session, roll_round):
    """The roll cannot change once the round has left voting."""
    round_, *_ = roll_round
    round_.phase = Phase.TALLYING
    session.flush()
    with app.test_request_context(), pytest.raises(PhaseClosed):
        import_roll(session, round_, b"email,community\na@example.org,tranbjerg\n", dry_run=False)


def test_cli_import_voters(runner, session, roll_round, tmp_path):
    """import-voters names refused rows by line, --dry-run changes nothing, the real run adds and audits."""
    round_, *_ = roll_round
    roll = tmp_path / "roll.csv"
    roll.write_bytes("e-mail;lokalsamfund\r\na@example.org;Tranbjerg\r\nforkert;Tranbjerg\r\n".encode("cp1252"))
    dry = runner.invoke(args=["import-voters", str(roll), "--round", str(round_.id), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "line 3: Ugyldig e-mailadresse: forkert" in dry.output
    assert "would add 1" in dry.output and "dry run" in dry.output
    assert _count(session, round_) == 0
    real = runner.invoke(args=["import-voters", str(roll), "--round", str(round_.id)])
    assert real.exit_code == 0 and "added 1" in real.output
    assert _count(session, round_) == 1
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "voters.imported"))
    assert event.actor_label == "cli" and event.details["added"] == 1
