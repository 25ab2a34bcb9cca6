"""pb/audit/sentences.py: every recorded action reads as a Danish sentence, never as a code."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pb.audit.sentences import ACTIONS, EventWords, describe, register

PB = Path(__file__).resolve().parents[2] / "pb"


def recorded_actions(root: Path = PB) -> dict[str, str]:
    """Every action string passed to ``record(...)`` anywhere under ``root``, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name != "record":
                continue
            argument = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "action"), None
            )
            where = f"{path.relative_to(root.parent)}:{node.lineno}"
            constants = [n.value for n in ast.walk(argument) if isinstance(n, ast.Constant)] if argument else []
            assert constants and all(isinstance(c, str) for c in constants), (
                f"{where}: give record() its action as a string literal, so the log can describe it"
            )
            for action in constants:
                found.setdefault(action, where)
    return found


def test_every_recorded_action_has_a_sentence():
    """An action recorded in code but not registered in pb/audit/sentences.py fails here."""
    actions = recorded_actions()
    assert "staff.login" in actions  # the scan itself works
    missing = {action: where for action, where in actions.items() if action not in ACTIONS}
    assert not missing, f"register these actions in pb/audit/sentences.py: {missing}"


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_sentence_reads_without_codes(app, action):
    """Each registered sentence renders in Danish and English without the action's code."""
    words = EventWords(
        "Mette Hansen", "Ny legeplads", "Tranbjerg",
        {"before": {"phase": "review"}, "after": {"phase": "voting"}},
    )
    for language in ("da", "en"):
        with app.test_request_context(f"/?lang={language}"):
            text = describe(action, words)
            label = str(ACTIONS[action].label)
        assert action not in text and "%(" not in text and "Mette Hansen" in text, text
        assert label and action not in label


def test_proposal_style_sentence_names_object_and_community(app):
    """The issue's example reads exactly as asked."""
    with app.test_request_context("/"):
        register("test.approve_example", "Forslag godkendt", "%(actor)s godkendte forslaget »%(object)s« i %(community)s")
        try:
            text = describe("test.approve_example", EventWords("Mette Hansen", "Ny legeplads", "Tranbjerg", {}))
        finally:
            del ACTIONS["test.approve_example"]
    assert text == "Mette Hansen godkendte forslaget »Ny legeplads« i Tranbjerg"


def test_an_action_is_registered_once():
    """Registering the same action twice is a programming error."""
    with pytest.raises(ValueError):
        register("staff.login", "x", "y")


def test_the_scan_refuses_an_action_that_is_not_a_literal(tmp_path):
    """record() with a computed action cannot be checked, so the scan refuses it."""
    (tmp_path / "x.py").write_text("record(session, verb)\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="string literal"):
        recorded_actions(tmp_path)
