from flask_babel import lazy_gettext as _l

from pb.proposals.models import ProposalStatus

STATUS_NAMES = {
    ProposalStatus.SUBMITTED: _l("Indsendt"),
    ProposalStatus.NEEDS_CHANGES: _l("Skal rettes"),
    ProposalStatus.APPROVED: _l("Godkendt"),
    ProposalStatus.REJECTED: _l("Afvist"),
    ProposalStatus.MERGED: _l("Lagt sammen med et andet forslag"),
    ProposalStatus.WITHDRAWN: _l("Trukket tilbage"),
}
