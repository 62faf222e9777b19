"""One word for one thing: the document for the board is a "positiepaper" everywhere."""

from __future__ import annotations

from pathlib import Path

from grow_app.i18n import area_modules

ROOT = Path(__file__).resolve().parents[2]


def test_the_interface_says_positiepaper_never_positiepapier():
    texts = [v for module in area_modules() for v in (*module.NL.values(), *module.EN.values())]
    assert [v for v in texts if "positiepapier" in v.casefold()] == []
    assert any("positiepaper" in v.casefold() for v in texts)


def test_the_readme_and_docs_say_positiepaper():
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    found = [f.name for f in files if "positiepapier" in f.read_text(encoding="utf-8").casefold()]
    assert found == []
