from flask_babel import lazy_gettext as _l

from pb.staff.models import Role

ROLE_NAMES = {
    Role.ADMIN: _l("administrator"),
    Role.OFFICIAL: _l("medarbejder i kommunen"),
    Role.PLAYMAKER: _l("playmaker"),
}
