"""pb/translations: the English catalog covers every Danish text, with matching placeholders."""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "pb" / "translations"
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


def _extraction_mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    from babel.messages.frontend import parse_mapping_cfg

    with open(TRANSLATIONS / "babel.cfg", encoding="utf-8") as config:
        return parse_mapping_cfg(config)


def _messages_in_use() -> list[tuple[str, str | tuple[str, ...]]]:
    """Every message the code and templates use now, extracted as `make translations` does (not from the .pot)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    method_map, options_map = _extraction_mapping()
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = []
    for folder in ("pb", "templates"):
        for filename, line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map, options_map, keywords=keywords
        ):
            found.append((f"{folder}/{filename}:{line}", message))
    return found


def test_every_message_in_use_is_in_both_catalogs() -> None:
    """Each text the templates and code use is in the Danish catalog and has an English translation."""
    danish, english = _catalog("da"), _catalog("en")
    missing = []
    for where, message in _messages_in_use():
        message_id = message[0] if isinstance(message, tuple) else message
        if danish.get(message_id) is None:
            missing.append(f"{where}: not in the Danish catalog: {message_id!r}")
        translation = english.get(message_id)
        strings = translation.string if translation is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(f"{where}: no English translation: {message_id!r}")
    assert missing == [], "run `make translations` and fill the English msgstrs:\n" + "\n".join(missing)


def test_every_template_is_extracted() -> None:
    """Every template file (pages and mails) matches a pattern in babel.cfg, so its texts reach the catalogs."""
    from babel.util import pathmatch

    method_map, _options = _extraction_mapping()
    templates = ROOT / "templates"
    unmatched = [
        str(path.relative_to(templates))
        for path in templates.rglob("*")
        if path.is_file() and not any(pathmatch(pattern, str(path.relative_to(templates))) for pattern, _ in method_map)
    ]
    assert unmatched == []
