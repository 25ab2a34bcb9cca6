"""The audit log as CSV that Excel opens correctly: UTF-8 with a BOM, semicolons (Danish Excel's list separator)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask_babel import format_datetime, gettext as _
from sqlalchemy.orm import Session

from pb.audit.queries import AuditFilter, all_matching

BOM = "\ufeff"


def audit_csv_rows(session: Session, chosen: AuditFilter) -> Iterator[str]:
    """Every matching event, newest first, as CSV text chunks; the first starts with the BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([_("Tidspunkt"), _("Hvem"), _("Handling"), _("Hændelse"), _("Lokalsamfund"), _("IP-adresse")])
    yield BOM + flush()
    for count, item in enumerate(all_matching(session, chosen), start=1):
        writer.writerow([
            format_datetime(item.event.occurred_at, "yyyy-MM-dd HH:mm:ss"),
            _neutralise(item.actor),
            item.action_label,
            _neutralise(item.sentence),
            item.community,
            item.event.ip_address or "",
        ])
        if count % 200 == 0:
            yield flush()
    yield flush()


def _neutralise(text: str) -> str:
    """Text typed by people (titles, names) must not run as an Excel formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
