"""pb/translations: the English catalog covers every Danish text, with matching placeholders."""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "pb" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalog(language: str):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po)


def test_english_translates_every_message_of_the_template() -> None:
    """Each msgid in messages.pot has a non-empty English translation."""
    with open(TRANSLATIONS / "messages.pot", "rb") as pot:
        template_ids = {m.id for m in read_po(pot) if m.id}
    english = _catalog("en")
    missing = []
    for message_id in template_ids:
        message = english.get(message_id)
        strings = message.string if message is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(message_id)
    assert missing == []


def test_english_keeps_the_placeholders() -> None:
    """A translation uses exactly the placeholders of its Danish source."""
    for message in _catalog("en"):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(" ".join(sources)))
        for target in targets:
            assert set(PLACEHOLDER.findall(target)) <= expected | {"%(num)s"}, message.id
            assert expected - {"%(num)s"} <= set(PLACEHOLDER.findall(target)), message.id
