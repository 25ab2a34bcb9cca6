"""pb/labels.py: display names registered once, for every template."""
from __future__ import annotations

import pytest

from pb import labels
from pb.auth.models import Role
from pb.mail.models import MailStatus
from pb.proposals.models import ProposalStatus
from pb.rounds.models import BallotType, Phase, SelectionRule


@pytest.mark.parametrize(
    ("registry", "enum_class"),
    [
        (labels.PHASE_NAMES, Phase),
        (labels.CALLS_TO_ACTION, Phase),
        (labels.PHASE_GUIDANCE, Phase),
        (labels.PROPOSAL_STATUS_NAMES, ProposalStatus),
        (labels.ROLE_NAMES, Role),
        (labels.MAIL_STATUS_NAMES, MailStatus),
        (labels.BALLOT_TYPE_NAMES, BallotType),
        (labels.SELECTION_RULE_NAMES, SelectionRule),
    ],
)
def test_every_member_has_a_name(registry, enum_class) -> None:
    """Each registry names every member of its enum."""
    assert set(registry) == set(enum_class)


def test_registries_are_template_globals_without_any_blueprint(app) -> None:
    """A template of any feature reads the names, even one rendered outside a blueprint."""
    with app.test_request_context("/"):
        rendered = app.jinja_env.from_string(
            "{{ PHASE_NAMES[phase] }}|{{ ROLE_NAMES[role] }}|{{ PROPOSAL_STATUS_NAMES[status] }}"
        ).render(phase=Phase.VOTING, role=Role.PLAYMAKER, status=ProposalStatus.APPROVED)
    assert rendered == "Afstemning|playmaker|Godkendt"


def test_no_blueprint_registers_a_context_processor(app) -> None:
    """Only app-wide context processors exist: features do not lend names to each other by accident."""
    from flask.templating import _default_template_ctx_processor

    own = {
        name for name, processors in app.template_context_processors.items()
        if any(p is not _default_template_ctx_processor for p in processors)
    }
    assert own == {None}
