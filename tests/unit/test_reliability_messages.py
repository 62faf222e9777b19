"""The reliability texts exist in Dutch and English with the same placeholders."""

from __future__ import annotations

import string

from grow_app.i18n.messages import reliability


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_same_keys_and_placeholders_in_both_languages():
    assert set(reliability.NL) == set(reliability.EN)
    for key, dutch in reliability.NL.items():
        assert key.startswith("reliability."), key
        assert _fields(dutch) == _fields(reliability.EN[key]), key
        assert "\n" not in dutch and "\n" not in reliability.EN[key], key
