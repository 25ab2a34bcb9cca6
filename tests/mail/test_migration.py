"""pb/migrations 0002_mail_outbox: a row with stored bodies becomes a failed message without them."""
from __future__ import annotations

from sqlalchemy import inspect, text

from pb.db import make_engine
from pb.migrate import upgrade


def test_old_rows_lose_their_bodies_and_are_marked_failed(tmp_path) -> None:
    """Upgrading keeps an old row, drops its rendered bodies, gives it a Message-ID and marks it failed."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO outbound_email (recipient, subject, body_text, purpose, status, attempts, created_at) "
            "VALUES ('a@example.dk', 'Stem', 'http://pb.test/stem/secret', 'invitation', 'queued', 0, '2026-11-01 10:00:00')"
        ))
    upgrade(engine)
    columns = {column["name"] for column in inspect(engine).get_columns("outbound_email")}
    assert not {"subject", "body_text", "body_html"} & columns
    with engine.connect() as connection:
        row = connection.execute(text("SELECT status, message_id, template, last_error FROM outbound_email")).one()
    assert row.status == "failed" and row.message_id.startswith("<") and row.template == "legacy/stored" and row.last_error
    engine.dispose()
