"""Reading and writing pabulib .pb files."""

import io

import pytest

from solver import (
    ApprovalBallot,
    CumulativeBallot,
    Instance,
    OrdinalBallot,
    PbElection,
    PbFormatError,
    Project,
    read_pb,
    write_pb,
)
from solver.pabulib import dumps_pb, format_amount


def test_reads_bom_crlf_quotes_and_decimals(data_dir):
    """A file with a BOM, CRLF, quoted fields and decimal costs reads into exact integer minor units."""
    election = read_pb(data_dir / "tiny_bom_crlf.pb")
    inst = election.instance
    assert inst.scale == 100 and inst.budget == 100050
    assert [p.cost for p in inst.projects] == [50025, 40000, 30050]
    assert inst.project("p1").name == 'Bænke ved "Søen"'
    assert inst.project("p1").categories == {"park", "green"}
    assert inst.project("p3").name == "Lys; stier"
    assert election.meta["description"] == "Tiny test; with a semicolon"
    assert election.ballots[2] == ApprovalBallot(("p1", "p3"))
    assert election.vote_type == "approval"
    assert (inst.ballot_rules.min_length, inst.ballot_rules.max_length) == (1, 2)


def test_writing_back_reproduces_decimal_values(data_dir):
    """Written costs and budget keep the file's decimals (scale recorded on read)."""
    text = dumps_pb(read_pb(data_dir / "tiny_bom_crlf.pb"))
    assert "budget;1000.50" in text
    assert "p1;500.25;" in text and "p2;400.00;" in text


def test_round_trip_of_fixtures(data_dir):
    """read -> write -> read gives the same instance and ballots for every fixture."""
    for name in ("tiny_bom_crlf.pb", "cumulative.pb", "ordinal.pb"):
        first = read_pb(data_dir / name)
        buffer = io.StringIO()
        write_pb(first, buffer)
        buffer.seek(0)
        second = read_pb(buffer)
        assert second.instance == first.instance, name
        assert second.ballots == first.ballots, name
        assert second.vote_type == first.vote_type


def test_reads_cumulative_and_ordinal_ballots(data_dir):
    """Cumulative ballots keep their points; ordinal ballots keep their ranking."""
    cumulative = read_pb(data_dir / "cumulative.pb")
    assert cumulative.ballots[0] == CumulativeBallot((("a", 7), ("b", 3)))
    assert cumulative.instance.ballot_rules.max_sum_points == 10
    ordinal = read_pb(data_dir / "ordinal.pb")
    assert ordinal.ballots == (OrdinalBallot(("x", "y")), OrdinalBallot(("y",)))


def test_identical_ballots_share_one_object(data_dir):
    """Equal ballots are stored once, which keeps 100k-voter files small."""
    election = read_pb(io.StringIO("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\n"
                                   "VOTES\nvoter_id;vote\n1;a\n2;a\n"))
    assert election.ballots[0] is election.ballots[1]


@pytest.mark.parametrize("name", ["garbage.pb", "unknown_project.pb"])
def test_malformed_files_raise_pb_format_error(data_dir, name):
    """Garbage and votes for unknown projects raise PbFormatError."""
    with pytest.raises(PbFormatError):
        read_pb(data_dir / name)


def test_writes_own_instance_without_meta():
    """An instance built in code is written with the required META keys and reads back equal."""
    inst = Instance((Project("1", "Bænk", 1500, frozenset({"park"})), Project("2", "Sti", 2500)), 4000)
    election = PbElection(inst, (ApprovalBallot(("1",)), ApprovalBallot(("1", "2"))))
    text = dumps_pb(election)
    assert "num_votes;2" in text and "budget;4000" in text
    again = read_pb(io.StringIO(text))
    assert again.instance == inst and again.ballots == election.ballots


def test_format_amount_keeps_scale():
    """Minor units are written back with the scale's number of decimals."""
    assert format_amount(12345, 10) == "1234.5"
    assert format_amount(5, 100) == "0.05"
    assert format_amount(7, 1) == "7"


def test_whole_corpus_round_trips(pabulib_dir):
    """Every corpus file reads, and read -> write -> read gives the same instance and ballots."""
    files = sorted(pabulib_dir.glob("*.pb"))
    assert len(files) >= 100
    for path in files:
        first = read_pb(path)
        second = read_pb(io.StringIO(dumps_pb(first)))
        assert second.instance == first.instance, path.name
        assert second.ballots == first.ballots, path.name
        assert second.vote_type == first.vote_type, path.name
