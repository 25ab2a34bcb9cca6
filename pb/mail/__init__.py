"""Mail: the outbox every feature enqueues into, the send-mail worker, /dev/mail and the officials' outbox page."""
from flask import Blueprint

bp = Blueprint("mail", __name__)

from pb.mail import routes  # noqa: E402,F401  (routes attach themselves to bp)
