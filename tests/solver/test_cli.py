"""The ``python -m solver tally`` command line (a contract checked from outside)."""

import json
import subprocess
import sys

import pytest

from solver import RULES
from solver.cli import main

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("rule", RULES)
def test_json_has_the_contract_keys(data_dir, capsys, rule):
    """--json prints rule, budget, spent and selected (ids as in the file) for every rule."""
    assert main(["tally", str(data_dir / "cumulative.pb"), "--rule", rule, "--json", "--tie-order", "lexicographic"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rule"] == rule
    assert out["budget"] == 100 and isinstance(out["budget"], int)
    assert set(out["selected"]) <= {"a", "b", "c"}
    assert out["spent"] + out["leftover"] == 100
    assert out["tie_break"] == "lexicographic"
    assert {p["id"] for p in out["projects"]} == {"a", "b", "c"}


def test_json_money_keeps_file_decimals(data_dir, capsys):
    """Budgets and costs with decimals are printed in the file's units, ints when whole."""
    assert main(["tally", str(data_dir / "tiny_bom_crlf.pb"), "--rule", "greedy", "--json", "--seed", "5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["budget"] == 1000.5
    assert out["seed"] == 5 and out["tie_break"] == "default"
    assert out["selected"] == ["p1", "p2"] and out["spent"] == 900.25
    assert {p["id"]: p["cost"] for p in out["projects"]}["p2"] == 400


def test_table_output_is_readable(data_dir, capsys):
    """Without --json a table lists each project with its status."""
    assert main(["tally", str(data_dir / "tiny_bom_crlf.pb"), "--rule", "greedy-no-skip"]) == 0
    text = capsys.readouterr().out
    assert "rule: greedy-no-skip" in text and "budget: 1000.5" in text
    assert "p1" in text and "funded" in text


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["tally", "{data}/missing.pb", "--rule", "greedy"], "No such file"),
        (["tally", "{data}/garbage.pb", "--rule", "greedy"], "error"),
        (["tally", "{data}/ordinal.pb", "--rule", "equal-shares"], "ordinal"),
        (["tally", "{data}/cumulative.pb", "--rule", "borda"], "invalid choice"),
        (["tally", "{data}/cumulative.pb"], "required"),
        (["tally", "{data}/cumulative.pb", "--rule", "greedy", "--seed", "x"], "invalid int"),
    ],
)
def test_bad_input_exits_2_with_one_line(data_dir, capsys, args, needle):
    """Bad files and bad arguments exit with status 2 and a one-line message, no traceback."""
    argv = [a.format(data=data_dir) for a in args]
    with pytest.raises(SystemExit) as info:
        raise SystemExit(main(argv))
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err


def test_module_entry_point_runs(data_dir):
    """``python -m solver`` works as a subprocess and exits 2 on a missing file."""
    ok = subprocess.run(
        [sys.executable, "-m", "solver", "tally", str(data_dir / "cumulative.pb"), "--rule", "greedy", "--json"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert ok.returncode == 0 and json.loads(ok.stdout)["selected"]
    bad = subprocess.run(
        [sys.executable, "-m", "solver", "tally", "nope.pb", "--rule", "greedy"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
