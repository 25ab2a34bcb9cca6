"""Phase names as residents read them (DESIGN.md's word list)."""
from flask_babel import lazy_gettext as _l

from pb.rounds.models import Phase

PHASE_NAMES = {
    Phase.DRAFT: _l("Under forberedelse"),
    Phase.PROPOSALS: _l("Forslagsfase"),
    Phase.REVIEW: _l("Behandling"),
    Phase.VOTING: _l("Afstemning"),
    Phase.TALLYING: _l("Optælling"),
    Phase.PUBLISHED: _l("Resultat"),
    Phase.ARCHIVED: _l("Afsluttet"),
}
