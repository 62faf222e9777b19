"""The compare area's texts: the same keys and placeholders in Dutch and English."""

from __future__ import annotations

import string

from grow_app.i18n.messages import compare as messages


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_dutch_and_english_have_the_same_keys_and_placeholders():
    assert set(messages.NL) == set(messages.EN)
    for key, dutch in messages.NL.items():
        assert _fields(dutch) == _fields(messages.EN[key]), key
