"""The shell's interface texts exist in Dutch and English with the same placeholders."""

from __future__ import annotations

import string

from grow_app.i18n.messages import ui


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_keys_and_placeholders_in_both_languages():
    assert set(ui.NL) == set(ui.EN)
    for key in ui.NL:
        assert key.startswith("ui."), key
        assert _fields(ui.NL[key]) == _fields(ui.EN[key]), key
