"""Display names of the app's enums and phase texts: registered once, app-wide, in ``create_app``.

Templates read them as globals (``PHASE_NAMES[round.phase]``); code reads them
from here. Every name is a lazy translation, so it follows the reader's
language. A new enum that users see gets its names here, and
tests/test_labels.py checks that every member has one.
"""
from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from pb.auth.models import Role
from pb.mail.models import MailStatus
from pb.proposals.models import ProposalStatus
from pb.rounds.models import BallotType, Phase, SelectionRule

#: Phase names as residents read them (DESIGN.md's word list).
PHASE_NAMES = {
    Phase.DRAFT: _l("Under forberedelse"),
    Phase.PROPOSALS: _l("Forslagsfase"),
    Phase.REVIEW: _l("Behandling"),
    Phase.VOTING: _l("Afstemning"),
    Phase.TALLYING: _l("Optælling"),
    Phase.PUBLISHED: _l("Resultat"),
    Phase.ARCHIVED: _l("Afsluttet"),
}

#: What a resident can do now, by phase: the button text on each community card.
CALLS_TO_ACTION = {
    Phase.DRAFT: _l("Læs om runden"),
    Phase.PROPOSALS: _l("Se hvordan du indsender et forslag"),
    Phase.REVIEW: _l("Se de indsendte forslag"),
    Phase.VOTING: _l("Se forslagene, du kan stemme på"),
    Phase.TALLYING: _l("Se forslagene – stemmerne tælles op"),
    Phase.PUBLISHED: _l("Se hvilke forslag der får støtte"),
    Phase.ARCHIVED: _l("Se den afsluttede runde"),
}

#: One sentence under the round's heading, telling residents what happens now.
PHASE_GUIDANCE = {
    Phase.DRAFT: _l("Runden er ved at blive gjort klar. Snart kan du indsende forslag."),
    Phase.PROPOSALS: _l("Nu kan du komme med forslag til, hvad pengene i dit lokalsamfund skal bruges på."),
    Phase.REVIEW: _l("Playmakerne gennemgår forslagene. Snart kan du stemme."),
    Phase.VOTING: _l("Nu kan du stemme. Du stemmer med det personlige afstemningslink, du har fået på e-mail."),
    Phase.TALLYING: _l("Afstemningen er slut. Stemmerne bliver talt op."),
    Phase.PUBLISHED: _l("Resultatet er klar. Se hvilke forslag der får støtte i dit lokalsamfund."),
    Phase.ARCHIVED: _l("Runden er afsluttet."),
}

PROPOSAL_STATUS_NAMES = {
    ProposalStatus.SUBMITTED: _l("Indsendt"),
    ProposalStatus.NEEDS_CHANGES: _l("Skal rettes"),
    ProposalStatus.APPROVED: _l("Godkendt"),
    ProposalStatus.REJECTED: _l("Afvist"),
    ProposalStatus.MERGED: _l("Lagt sammen med et andet forslag"),
    ProposalStatus.WITHDRAWN: _l("Trukket tilbage"),
}

#: What a status means for the proposer, on the page their edit link opens.
PROPOSAL_STATUS_EXPLANATIONS = {
    ProposalStatus.SUBMITTED: _l("Forslaget venter på at blive gennemgået af en playmaker. Du får besked på e-mail, når det er behandlet."),
    ProposalStatus.NEEDS_CHANGES: _l("En playmaker har bedt dig rette forslaget. Ret det nedenfor, og send det igen."),
    ProposalStatus.APPROVED: _l("Forslaget er godkendt og kommer med på stemmesedlen."),
    ProposalStatus.REJECTED: _l("Forslaget er ikke godkendt. Du har fået en e-mail med begrundelsen."),
    ProposalStatus.MERGED: _l("Forslaget er lagt sammen med et andet forslag, som ligner det."),
    ProposalStatus.WITHDRAWN: _l("Du har trukket forslaget tilbage."),
}

#: Audit actions on a proposal, as the history on the moderation page names them.
PROPOSAL_HISTORY_NAMES = {
    "proposal.submit": _l("Indsendt"),
    "proposal.confirm": _l("Bekræftet af forslagsstilleren"),
    "proposal.edit": _l("Rettet af forslagsstilleren"),
    "proposal.withdraw": _l("Trukket tilbage af forslagsstilleren"),
    "proposal.approve": _l("Godkendt"),
    "proposal.reject": _l("Afvist"),
    "proposal.request_changes": _l("Bedt om rettelser"),
    "proposal.set_final_cost": _l("Endelig pris sat"),
    "proposal.merge": _l("Lagt sammen med et andet forslag"),
    "proposal.absorb": _l("Et andet forslag er lagt sammen med dette"),
    "proposal.correct": _l("Stavefejl rettet"),
    "proposal.constraints": _l("Regler for udvælgelsen ændret"),
}

#: Field names in before/after diffs.
PROPOSAL_FIELD_NAMES = {
    "title": _l("Titel"),
    "summary": _l("Kort resumé"),
    "description": _l("Beskrivelse"),
    "estimated_cost": _l("Anslået pris"),
    "final_cost": _l("Endelig pris"),
    "final_cost_note": _l("Note om prisen"),
    "category_id": _l("Kategori"),
    "location": _l("Sted"),
    "exclusive_group": _l("Gruppe af forslag, der udelukker hinanden"),
    "must_fund": _l("Skal have støtte"),
    "status": _l("Status"),
}

ROLE_NAMES = {
    Role.ADMIN: _l("administrator"),
    Role.OFFICIAL: _l("medarbejder i kommunen"),
    Role.PLAYMAKER: _l("playmaker"),
}

#: Where a message in the outbox stands.
MAIL_STATUS_NAMES = {
    MailStatus.QUEUED: _l("I kø"),
    MailStatus.SENDING: _l("Sendes"),
    MailStatus.SENT: _l("Sendt"),
    MailStatus.FAILED: _l("Fejlet"),
}

BALLOT_TYPE_NAMES = {
    BallotType.KNAPSACK: _l("Fordel budgettet (vælg forslag for op til budgettet)"),
    BallotType.APPROVAL: _l("Sæt kryds (vælg et antal forslag)"),
    BallotType.CUMULATIVE: _l("Fordel point"),
}

SELECTION_RULE_NAMES = {
    SelectionRule.GREEDY: _l("Flest stemmer først (spring over, hvad der ikke er råd til)"),
    SelectionRule.GREEDY_NO_SKIP: _l("Flest stemmer først (stop ved det første, der ikke er råd til)"),
    SelectionRule.MAX_WELFARE: _l("Størst samlet opbakning inden for budgettet"),
    SelectionRule.EQUAL_SHARES: _l("Lige store andele (Method of Equal Shares)"),
    SelectionRule.EQUAL_SHARES_ADD1: _l("Lige store andele med udfyldning (add1)"),
}

#: What each kind of e-mail is for, by the ``purpose`` features enqueue with (others are shown as they are).
MAIL_PURPOSE_NAMES = {
    "proposal_confirmation": _l("Bekræftelse af forslag"),
    "proposal_changes_requested": _l("Forslag skal rettes"),
    "invitation": _l("Invitation til at stemme"),
    "reminder": _l("Påmindelse om at stemme"),
    "receipt": _l("Kvittering"),
    "results": _l("Resultat"),
}

#: Every registry, by the name templates use. Features add theirs here, not in a context processor.
REGISTRY: dict[str, dict[Any, Any]] = {
    "PHASE_NAMES": PHASE_NAMES,
    "CALLS_TO_ACTION": CALLS_TO_ACTION,
    "PHASE_GUIDANCE": PHASE_GUIDANCE,
    "PROPOSAL_STATUS_NAMES": PROPOSAL_STATUS_NAMES,
    "ROLE_NAMES": ROLE_NAMES,
    "MAIL_STATUS_NAMES": MAIL_STATUS_NAMES,
    "BALLOT_TYPE_NAMES": BALLOT_TYPE_NAMES,
    "SELECTION_RULE_NAMES": SELECTION_RULE_NAMES,
    "MAIL_PURPOSE_NAMES": MAIL_PURPOSE_NAMES,
    "PROPOSAL_HISTORY_NAMES": PROPOSAL_HISTORY_NAMES,
    "PROPOSAL_FIELD_NAMES": PROPOSAL_FIELD_NAMES,
}


def init_app(app: Flask) -> None:
    """Make every registry a Jinja global, for every template of every feature."""
    app.jinja_env.globals.update(REGISTRY)
