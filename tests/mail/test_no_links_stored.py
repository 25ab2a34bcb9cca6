"""The database never holds a live signed link: every text in every table is checked against every signing purpose."""
from __future__ import annotations

from sqlalchemy import JSON, String, Text, inspect, select
from sqlalchemy.orm import Session

from pb.db import get_engine
from pb.models import Base
from tests.mail.outbox_app import fill, outbox_app, worker_for
from tests.mail.signed import signed_tokens


def test_no_table_holds_a_signed_link_after_enqueueing_rendering_and_sending(monkeypatch, fresh_database_url, smtp_server) -> None:
    """After messages are queued, shown on /dev/mail, sent and retried, no column of any table holds a token unsign accepts."""
    app = outbox_app(monkeypatch, fresh_database_url, smtp_server)
    fill(app, 4)
    assert app.test_client().get("/dev/mail?format=json").status_code == 200  # rendered for display too
    smtp_server.data_answers = ["451 4.3.0 Later"]
    with worker_for(app) as worker:
        worker.run_until_empty()

    # The mails that went out do carry live links: the scanner finds them there.
    with app.app_context():
        sent_texts = [received.message.get_body(("plain",)).get_content() for received in smtp_server.received]
        assert len(sent_texts) == 3 and all(signed_tokens(text) for text in sent_texts)

        found = []
        scanned: dict[str, int] = {}
        with Session(get_engine()) as session:
            existing = set(inspect(session.connection()).get_table_names())
            for table in Base.metadata.sorted_tables:
                columns = [column for column in table.columns if isinstance(column.type, (String, Text, JSON))]
                if not columns or table.name not in existing:
                    continue
                for row in session.execute(select(*columns)):
                    scanned[table.name] = scanned.get(table.name, 0) + 1
                    for column, value in zip(columns, row):
                        if value is not None and signed_tokens(value):
                            found.append(f"{table.name}.{column.name}")
        get_engine().dispose()
    assert scanned["outbound_email"] == 4
    assert found == []
