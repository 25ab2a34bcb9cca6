"""Which action is allowed in which phase: the one place every service asks.

``Round.phase`` is the truth; the phase windows are only the plan shown to
people. A service calls ``require_phase(round_, Action.X)`` before it changes
anything, and gets a ``PhaseClosed`` (a ``DomainError`` with a Danish message)
when the round's phase does not allow it.
"""
from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from pb.errors import DomainError
from pb.rounds.models import Phase, Round


class Action(enum.Enum):
    SUBMIT_PROPOSAL = "submit_proposal"
    CONFIRM_PROPOSAL = "confirm_proposal"
    EDIT_PROPOSAL = "edit_proposal"
    WITHDRAW_PROPOSAL = "withdraw_proposal"
    MODERATE_PROPOSAL = "moderate_proposal"
    MARK_CONSTRAINTS = "mark_constraints"
    EDIT_ROUND_SETTINGS = "edit_round_settings"
    PLAN_PHASES = "plan_phases"
    SET_BUDGETS = "set_budgets"
    IMPORT_VOTERS = "import_voters"
    SELF_REGISTER = "self_register"
    SEND_INVITATIONS = "send_invitations"
    SEND_REMINDERS = "send_reminders"
    ISSUE_VOTER_LINK = "issue_voter_link"
    CAST_BALLOT = "cast_ballot"
    ENTER_PAPER_BALLOT = "enter_paper_ballot"
    TALLY = "tally"
    PUBLISH = "publish"
    CORRECT_RESULT = "correct_result"
    ERASE_VOTER_DATA = "erase_voter_data"


_BEFORE_VOTING = frozenset({Phase.DRAFT, Phase.PROPOSALS, Phase.REVIEW})

#: The phases in which each action is allowed.
ALLOWED_PHASES: dict[Action, frozenset[Phase]] = {
    Action.SUBMIT_PROPOSAL: frozenset({Phase.PROPOSALS}),
    # A confirmation or a requested change may arrive after the proposal phase has closed.
    Action.CONFIRM_PROPOSAL: frozenset({Phase.PROPOSALS, Phase.REVIEW}),
    Action.EDIT_PROPOSAL: frozenset({Phase.PROPOSALS, Phase.REVIEW}),
    Action.WITHDRAW_PROPOSAL: frozenset({Phase.PROPOSALS, Phase.REVIEW}),
    Action.MODERATE_PROPOSAL: frozenset({Phase.PROPOSALS, Phase.REVIEW}),
    Action.MARK_CONSTRAINTS: _BEFORE_VOTING,
    Action.EDIT_ROUND_SETTINGS: _BEFORE_VOTING,
    # The dates are the plan shown to people: they may move (a longer vote) until the result is out.
    Action.PLAN_PHASES: frozenset({Phase.DRAFT, Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING, Phase.TALLYING}),
    Action.SET_BUDGETS: _BEFORE_VOTING,
    Action.IMPORT_VOTERS: frozenset({Phase.DRAFT, Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING}),
    Action.SELF_REGISTER: frozenset({Phase.VOTING}),
    Action.SEND_INVITATIONS: frozenset({Phase.VOTING}),
    Action.SEND_REMINDERS: frozenset({Phase.VOTING}),
    Action.ISSUE_VOTER_LINK: frozenset({Phase.VOTING}),
    Action.CAST_BALLOT: frozenset({Phase.VOTING}),
    # Paper ballots collected during voting are entered while the count starts.
    Action.ENTER_PAPER_BALLOT: frozenset({Phase.VOTING, Phase.TALLYING}),
    Action.TALLY: frozenset({Phase.TALLYING}),
    Action.PUBLISH: frozenset({Phase.TALLYING}),
    Action.CORRECT_RESULT: frozenset({Phase.PUBLISHED}),
    Action.ERASE_VOTER_DATA: frozenset({Phase.ARCHIVED}),
}

#: Why an action is refused, in words a resident understands.
REFUSALS = {
    Action.SUBMIT_PROPOSAL: _l("Der kan ikke indsendes forslag i denne fase af runden."),
    Action.CONFIRM_PROPOSAL: _l("Forslag kan ikke længere bekræftes i denne runde."),
    Action.EDIT_PROPOSAL: _l("Forslaget kan ikke længere rettes, fordi runden er gået videre."),
    Action.WITHDRAW_PROPOSAL: _l("Forslaget kan ikke trækkes tilbage, når afstemningen er begyndt."),
    Action.MODERATE_PROPOSAL: _l("Forslag kan kun behandles i forslagsfasen og behandlingsfasen."),
    Action.MARK_CONSTRAINTS: _l("Forslagenes regler kan kun ændres, før afstemningen begynder."),
    Action.EDIT_ROUND_SETTINGS: _l("Rundens indstillinger kan kun ændres, før afstemningen begynder."),
    Action.PLAN_PHASES: _l("Fasernes datoer kan ikke ændres, når resultatet er offentliggjort."),
    Action.SET_BUDGETS: _l("Budgetterne kan kun ændres, før afstemningen begynder."),
    Action.IMPORT_VOTERS: _l("Vælgerlisten kan ikke ændres, når afstemningen er slut."),
    Action.SELF_REGISTER: _l("Du kan kun tilmelde dig, mens afstemningen er åben."),
    Action.SEND_INVITATIONS: _l("Invitationer kan kun sendes, mens afstemningen er åben."),
    Action.SEND_REMINDERS: _l("Påmindelser kan kun sendes, mens afstemningen er åben."),
    Action.ISSUE_VOTER_LINK: _l("Der kan kun laves nye afstemningslinks, mens afstemningen er åben."),
    Action.CAST_BALLOT: _l("Afstemningen er ikke åben."),
    Action.ENTER_PAPER_BALLOT: _l("Papirstemmer kan kun indtastes under afstemningen og optællingen."),
    Action.TALLY: _l("Stemmerne kan kun tælles op i optællingsfasen."),
    Action.PUBLISH: _l("Resultatet kan kun offentliggøres i optællingsfasen."),
    Action.CORRECT_RESULT: _l("Et resultat kan kun rettes, når det er offentliggjort."),
    Action.ERASE_VOTER_DATA: _l("Vælgernes persondata kan kun slettes, når runden er afsluttet."),
}


class PhaseClosed(DomainError):
    """The round's current phase does not allow the action."""

    def __init__(self, action: Action) -> None:
        super().__init__(REFUSALS[action])
        self.action = action


def is_allowed(round_: Round, action: Action) -> bool:
    return round_.phase in ALLOWED_PHASES[action]


def require_phase(round_: Round, action: Action) -> None:
    """Raise PhaseClosed unless the round's phase allows ``action``."""
    if not is_allowed(round_, action):
        raise PhaseClosed(action)
