"""Every interface text of the session screen exists in Dutch and English, with the same
placeholders, and every key binding id has a text and a tooltip."""

from __future__ import annotations

import re
from pathlib import Path

from grow_app.i18n import area_modules
from grow_app.i18n.messages import ui_session

ROOT = Path(__file__).resolve().parents[2] / "grow_app" / "ui"
FILES = [
    ROOT / "commands.py",
    *(ROOT / "screens").glob("*.py"),
    *(ROOT / "widgets").glob("*.py"),
]
# Every text of every area: a screen may use texts of another area (e.g. the shared core).
KNOWN = {key for module in area_modules() for key in module.NL}  # type: ignore[attr-defined]


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_dutch_and_english_have_the_same_keys_and_placeholders():
    assert set(ui_session.NL) == set(ui_session.EN)
    for key, dutch in ui_session.NL.items():
        assert _placeholders(dutch) == _placeholders(ui_session.EN[key]), key


def test_every_text_and_binding_id_used_on_the_session_screen_exists():
    used, ids = set(), set()
    for path in FILES:
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\bt\("([a-z_.]+)"', source))
        ids |= set(re.findall(r'id="(session\.[a-z_]+)"', source))
    assert used and ids
    assert sorted(used - KNOWN) == []
    for binding_id in ids - {f"session.phase_{n}" for n in range(1, 10)}:
        assert binding_id in KNOWN, binding_id
        assert f"{binding_id}.tip" in KNOWN, binding_id
