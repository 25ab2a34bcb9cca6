"""The audit log in words: every recorded action as a Danish sentence, never as a code.

Each action a service passes to ``pb.audit.services.record`` is registered
here once, with a short name (for the log's filter) and a sentence such as
"Mette Hansen godkendte forslaget »Ny legeplads« i Tranbjerg". A feature that
records a new action adds its entry below; tests/audit/test_sentences.py reads
every ``record(...)`` call in pb/ and fails on an action without one.

A sentence is either a lazy template with the placeholders ``actor``,
``object`` and ``community`` (and any plain value of the event's ``details``),
or a function of the event's words, for sentences that need to look
something up (a phase name).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Union

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class EventWords:
    """What a sentence may say about one event, already in words."""

    #: The person's name (or e-mail), or "Systemet" / "En administrator på kommandolinjen".
    actor: str
    #: The object's name as it was then, e.g. a proposal's title; "" when there is none.
    object: str
    #: The community's name; "" when the event concerns none.
    community: str
    details: Mapping[str, Any]


Sentence = Union[LazyString, Callable[[EventWords], str]]


@dataclass(frozen=True)
class AuditAction:
    #: A short name for the log's filter, e.g. "Forslag godkendt".
    label: LazyString
    sentence: Sentence


ACTIONS: dict[str, AuditAction] = {}


def register(action: str, label: LazyString, sentence: Sentence) -> None:
    """Give ``action`` its filter name and its sentence; an action is registered once."""
    if action in ACTIONS:
        raise ValueError(f"audit action {action!r} is registered twice")
    ACTIONS[action] = AuditAction(label, sentence)


def is_registered(action: str) -> bool:
    return action in ACTIONS


def describe(action: str, words: EventWords) -> str:
    """The event as one Danish (or English) sentence.

    An action nobody registered still reads as a sentence, not a code; the
    test named above keeps that from happening in practice.
    """
    entry = ACTIONS.get(action)
    if entry is None:
        return _("%(actor)s gjorde noget, som loggen ikke kan beskrive.", actor=words.actor)
    if callable(entry.sentence) and not isinstance(entry.sentence, LazyString):
        return entry.sentence(words)
    values = {key: value for key, value in words.details.items() if isinstance(value, (str, int))}
    values.update(actor=words.actor, object=words.object, community=words.community)
    return str(entry.sentence) % values


def _phase_name(value: Any) -> str:
    from pb.labels import PHASE_NAMES
    from pb.rounds.models import Phase

    try:
        return str(PHASE_NAMES[Phase(value)])
    except ValueError:
        return str(value)


def _phase_moved(words: EventWords) -> str:
    before = _phase_name(words.details.get("before", {}).get("phase"))
    after = _phase_name(words.details.get("after", {}).get("phase"))
    return _(
        "%(actor)s flyttede runden »%(round)s« fra fasen %(before)s til %(after)s.",
        actor=words.actor, round=words.object, before=before, after=after,
    )


# Sign-in and staff users.
register("staff.login", _l("Logget ind"), _l("%(actor)s loggede ind."))
register("staff.logout", _l("Logget ud"), _l("%(actor)s loggede ud."))
register(
    "staff.login_failed", _l("Mislykket login"),
    _l("Nogen prøvede at logge ind som %(actor)s med en forkert adgangskode."),
)
register(
    "staff.login_throttled", _l("Login bremset"),
    _l("Et login som %(actor)s blev afvist, fordi der havde været for mange forkerte forsøg."),
)
register("staff.create", _l("Medarbejder oprettet"), _l("%(actor)s oprettede brugeren %(object)s."))
register("staff.disable", _l("Medarbejder deaktiveret"), _l("%(actor)s deaktiverede brugeren %(object)s."))
register("staff.enable", _l("Medarbejder genaktiveret"), _l("%(actor)s genaktiverede brugeren %(object)s."))
register(
    "staff.reset_password", _l("Adgangskode nulstillet"),
    _l("%(actor)s gav brugeren %(object)s en ny adgangskode."),
)
register(
    "staff.set_communities", _l("Playmakers lokalsamfund ændret"),
    _l("%(actor)s ændrede, hvilke lokalsamfund %(object)s er playmaker for."),
)

# Demo data.
register("demo.seed", _l("Demodata indlæst"), _l("%(actor)s indlæste demodata."))

# Round administration.
register("round.create", _l("Runde oprettet"), _l("%(actor)s oprettede runden »%(object)s«."))
register(
    "round.settings", _l("Rundens indstillinger ændret"),
    _l("%(actor)s ændrede indstillingerne for runden »%(object)s«."),
)
register(
    "round.phase_windows", _l("Rundens datoer ændret"),
    _l("%(actor)s ændrede datoerne for faserne i runden »%(object)s«."),
)
register("round.advance_phase", _l("Fase ændret"), _phase_moved)
register(
    "round.pin_public", _l("Offentlig runde valgt"),
    _l("%(actor)s valgte, at forsiden skal vise runden »%(object)s«."),
)
register(
    "round.unpin_public", _l("Valg af offentlig runde fjernet"),
    _l("%(actor)s fjernede valget af runden »%(object)s« på forsiden, så den nyeste runde vises igen."),
)
register(
    "round.budgets", _l("Budgetter ændret"),
    _l("%(actor)s ændrede budgetterne for lokalsamfundene i runden »%(object)s«."),
)

# Proposals: residents' own steps (the actor is the proposer) and moderation.
register("proposal.submit", _l("Forslag indsendt"), _l("%(actor)s indsendte forslaget »%(object)s«."))
register("proposal.confirm", _l("Forslag bekræftet"), _l("%(actor)s bekræftede forslaget »%(object)s« fra sin e-mail."))
register("proposal.edit", _l("Forslag rettet af forslagsstilleren"), _l("%(actor)s rettede forslaget »%(object)s«."))
register("proposal.withdraw", _l("Forslag trukket tilbage"), _l("%(actor)s trak forslaget »%(object)s« tilbage."))
register(
    "proposal.expire", _l("Ubekræftede forslag slettet"),
    _l("%(actor)s slettede forslag, som ingen bekræftede inden for 7 dage."),
)
register("proposal.approve", _l("Forslag godkendt"), _l("%(actor)s godkendte forslaget »%(object)s«."))
register("proposal.reject", _l("Forslag afvist"), _l("%(actor)s afviste forslaget »%(object)s«."))
register(
    "proposal.request_changes", _l("Rettelser bedt om"),
    _l("%(actor)s bad forslagsstilleren rette forslaget »%(object)s«."),
)
register(
    "proposal.set_final_cost", _l("Endelig pris sat"),
    _l("%(actor)s satte den endelige pris for forslaget »%(object)s«."),
)
register(
    "proposal.merge", _l("Forslag lagt sammen"),
    _l("%(actor)s lagde forslaget »%(object)s« sammen med et andet forslag."),
)
register(
    "proposal.absorb", _l("Forslag fik et andet lagt ind i sig"),
    _l("%(actor)s lagde et andet forslag ind i forslaget »%(object)s«."),
)
register("proposal.correct", _l("Stavefejl rettet"), _l("%(actor)s rettede teksten i forslaget »%(object)s«."))
register(
    "proposal.constraints", _l("Forslagets regler ændret"),
    _l("%(actor)s ændrede, om forslaget »%(object)s« skal have støtte, eller hvilke forslag det udelukker."),
)
register(
    "demo.phase", _l("Demorundens fase sat"),
    _l("%(actor)s satte demorunden »%(object)s« i en anden fase."),
)

# Mail.
register("mail.retry_failed", _l("Mislykket post sendt igen"), _l("%(actor)s bad om at sende mislykkede e-mails igen."))

# Voting.
register("round.contact", _l("Kontaktoplysninger ændret"), _l("%(actor)s ændrede kontaktoplysningerne for runden »%(object)s«."))
register(
    "round.paper_four_eyes", _l("Fire øjne på papirstemmer ændret"),
    _l("%(actor)s ændrede, om papirstemmer i runden »%(object)s« skal godkendes af en person mere."),
)
register("voter.link_issued", _l("Nyt afstemningslink"), _l("%(actor)s lavede et nyt afstemningslink til en vælger."))
register("voters.imported", _l("Vælgerliste indlæst"), _l("%(actor)s indlæste en vælgerliste til runden »%(object)s«."))
register("voters.invited", _l("Invitationer sendt"), _l("%(actor)s sendte invitationer til at stemme i runden »%(object)s«."))
register("voters.reminded", _l("Påmindelser sendt"), _l("%(actor)s sendte påmindelser om at stemme i runden »%(object)s«."))
register(
    "voters.erased", _l("Vælgernes persondata slettet"),
    _l("%(actor)s slettede vælgernes persondata i runden »%(object)s«."),
)
register("ballot.paper_entered", _l("Papirstemme indtastet"), _l("%(actor)s indtastede en papirstemme."))
register("ballot.paper_confirmed", _l("Papirstemme godkendt"), _l("%(actor)s godkendte en papirstemme, som en anden havde indtastet."))
register("ballot.paper_rejected", _l("Papirstemme afvist"), _l("%(actor)s afviste en papirstemme, som en anden havde indtastet."))
