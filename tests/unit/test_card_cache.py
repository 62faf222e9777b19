"""Cards are checked once per file version: the cache keyed by the file's hash (card/cache.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from grow_app import disk_cache
from grow_app.card import cache, loader
from grow_app.card.loader import CardCatalog, check_card_file
from grow_app.card.models import Card, card_as_json
from grow_app.i18n import set_language
from grow_app.paths import app_dirs, builtin_cards_dir

ROOT = Path(__file__).resolve().parents[2]
CARDS = [*sorted(builtin_cards_dir().glob("*.toml")), ROOT / "docs/examples/voorbeeldkaart.toml"]


@pytest.fixture
def checks(monkeypatch) -> list[Path]:
    """Every real check of a card file (the slow way, with the pydantic models)."""
    seen: list[Path] = []
    real = loader.check_card_file

    def counting(path: Path):
        seen.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader, "check_card_file", counting)
    return seen


@pytest.mark.parametrize("path", CARDS, ids=lambda p: p.name)
def test_a_card_rebuilt_from_the_cache_equals_the_checked_card(path: Path):
    card, problems = check_card_file(path)
    assert card is not None and not problems
    rebuilt = cache.construct_card(json.loads(json.dumps(card_as_json(card))))
    assert rebuilt == card
    assert isinstance(
        rebuilt.phases[0].sections[0].questions[0], type(card.phases[0].sections[0].questions[0])
    )
    assert list(rebuilt.questions()) == list(card.questions())
    assert [rebuilt.answer_keys(q) for q in rebuilt.questions()] == [
        card.answer_keys(q) for q in card.questions()
    ]


def test_a_card_file_is_checked_once_per_version(tmp_path: Path, checks):
    folder = tmp_path / "cards"
    folder.mkdir()
    own = folder / "eigen.toml"
    shutil.copy(ROOT / "docs/examples/voorbeeldkaart.toml", own)
    first = CardCatalog.load([folder])
    second = CardCatalog.load([folder])
    assert checks == [own]  # the second start took the card from the cache
    assert first.cards == second.cards
    assert isinstance(second.cards["voorbeeldkaart"], Card)
    # Edited: another hash, so it is checked again, and the change is there.
    own.write_text(own.read_text(encoding="utf-8").replace('version = "', 'version = "2.'), "utf-8")
    third = CardCatalog.load([folder])
    assert checks == [own, own]
    assert third.cards["voorbeeldkaart"].version.startswith("2.")


def test_listings_read_summaries_without_checking_again(tmp_path: Path, checks):
    catalog = CardCatalog.load([builtin_cards_dir()])  # fills the cache
    checks.clear()
    index = cache.CardIndex.load([builtin_cards_dir()])
    assert checks == []
    assert set(index.cards) == set(catalog.cards)
    for card_id, card in catalog.cards.items():
        summary = index.cards[card_id]
        assert (summary.title, summary.version, summary.language) == (
            card.title,
            card.version,
            card.language,
        )
        assert summary.question_count == sum(1 for _ in card.questions())
        assert summary.has_key_message == (card.key_message is not None)
        assert [q.answer_keys for q in summary.questions] == [
            tuple(card.answer_keys(q)) for q in card.questions()
        ]
        assert summary.source == catalog.sources[card_id]


def test_a_broken_card_keeps_its_problems_per_language_and_names_its_own_file(
    tmp_path: Path, checks
):
    text = 'id = "kapot"\ntitle = "Kapot"\nversion = "1"\nphases = []\n'
    one, two = tmp_path / "a", tmp_path / "b"
    for folder in (one, two):
        folder.mkdir()
        (folder / "kapot.toml").write_text(text, encoding="utf-8")
    dutch = cache.CardIndex.load([one]).problems
    again = cache.CardIndex.load([two]).problems  # same bytes elsewhere: from the cache
    assert len(checks) == 1
    assert dutch and str(one / "kapot.toml") in dutch[0]
    assert again == [p.replace(str(one), str(two)) for p in dutch]
    set_language("en")
    english = cache.CardIndex.load([one]).problems
    assert len(checks) == 2  # another language: its own words, checked once more
    assert english != dutch
    catalog = CardCatalog.load([one])  # the full catalog agrees
    assert catalog.problems == english and len(checks) == 2


def test_duplicate_ids_are_named_as_the_catalog_names_them(tmp_path: Path):
    folder = tmp_path / "cards"
    folder.mkdir()
    shutil.copy(builtin_cards_dir() / "gesprekskaart-sop.toml", folder / "kopie.toml")
    folders = [builtin_cards_dir(), folder]
    assert cache.CardIndex.load(folders).problems == CardCatalog.load(folders).problems != []


def test_a_damaged_cache_entry_is_checked_again(checks):
    path = builtin_cards_dir() / "gesprekskaart-sop.toml"
    CardCatalog.load([builtin_cards_dir()])
    entry = app_dirs().cache / "cards" / f"{cache.entry_key(path.read_bytes())}.json"
    assert entry.is_file()
    entry.write_text('{"format": 1, "card": {"id": 3', encoding="utf-8")  # cut off
    checks.clear()
    catalog = CardCatalog.load([builtin_cards_dir()])
    assert path in checks and "gesprekskaart-sop" in catalog.cards
    entry.write_text('{"format": 1, "card": {"nonsense": true}}', encoding="utf-8")
    checks.clear()
    catalog = CardCatalog.load([builtin_cards_dir()])
    assert path in checks and catalog.cards["gesprekskaart-sop"].id == "gesprekskaart-sop"


@pytest.mark.parametrize(
    "kept",
    [
        '{"format": 1, "problems": []}',
        '{"format": 1, "problems": {"nl": "abc"}}',
        '{"format": 1, "problems": {"nl": [[1, 2]]}}',
        '{"format": 1, "problems": "kapot"}',
        "[1, 2, 3]",
    ],
)
def test_a_damaged_problems_entry_is_checked_again(tmp_path: Path, checks, kept: str):
    """Found by a review: a broken card's kept problems in another shape ended grow with an
    AttributeError or ValueError. The file is checked again, as for a damaged card entry."""
    folder = tmp_path / "cards"
    folder.mkdir()
    path = folder / "kapot.toml"
    path.write_text('id = "kapot"\ntitle = "Kapot"\nversion = "1"\nphases = []\n', "utf-8")
    first = cache.CardIndex.load([folder]).problems
    entry = app_dirs().cache / "cards" / f"{cache.entry_key(path.read_bytes())}.json"
    entry.write_text(kept, encoding="utf-8")
    checks.clear()
    assert cache.CardIndex.load([folder]).problems == first
    entry.write_text(kept, encoding="utf-8")
    assert CardCatalog.load([folder]).problems == first
    assert checks == [path, path]


def test_a_cache_that_cannot_be_written_is_not_used(tmp_path: Path, checks, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setattr(disk_cache, "folder", lambda kind: blocked / kind)
    first = CardCatalog.load([builtin_cards_dir()])
    second = CardCatalog.load([builtin_cards_dir()])
    assert first.cards == second.cards and not first.problems
    assert len(checks) == 4  # both cards, both times: no cache, but nothing went wrong


def test_the_cache_keeps_a_bounded_number_of_entries(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    folder = tmp_path / "cards"
    folder.mkdir()
    own = folder / "eigen.toml"
    text = (ROOT / "docs/examples/voorbeeldkaart.toml").read_text(encoding="utf-8")
    for n in range(6):
        own.write_text(text.replace('version = "', f'version = "{n}.'), encoding="utf-8")
        CardCatalog.load([folder])
    assert len(list((app_dirs().cache / "cards").glob("*.json"))) == 3


PARTS = ("Member", "Dimension", "Item", "Question", "Section", "Phase", "KeyMessage", "Card")


@pytest.mark.parametrize("name", PARTS)
def test_the_card_and_its_schema_have_the_same_fields_and_defaults(name: str):
    """The card grow works with (plain dataclasses) and the schema that checks a file (pydantic)
    are written twice, so that using a card never imports pydantic: they must stay in step."""
    import dataclasses

    from grow_app.card import models, schema

    runtime = {f.name: f for f in dataclasses.fields(getattr(models, name))}
    checked = getattr(schema, name).model_fields
    assert list(runtime) == list(checked)
    for field_name, info in checked.items():
        kept = runtime[field_name]
        if info.is_required():
            assert kept.default is dataclasses.MISSING
            assert kept.default_factory is dataclasses.MISSING
        elif kept.default_factory is not dataclasses.MISSING:
            assert kept.default_factory() == info.default
        else:
            assert kept.default == info.default


def test_using_a_checked_card_does_not_import_pydantic(tmp_path: Path):
    """A second start takes the card from the cache: neither pydantic nor the schema is imported
    (checked in a fresh interpreter: this one has imported both long ago)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from grow_app.services.catalog import load_catalog\n"
        "card = load_catalog().get('gesprekskaart-sop')\n"
        "assert card.answer_keys(next(card.questions())) == ['']\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'grow_app.card.schema'))))\n"
    )
    env = {**os.environ, "GROW_HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "pydantic" in first.stdout  # the first start checks the files
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert second.stdout.strip() == "[]", second.stderr


def _nested(annotation) -> tuple[str, str] | None:
    """("list" | "dict" | "one", model name) when a schema field holds other parts of the card."""
    import types
    import typing

    from pydantic import BaseModel

    shape = "one"
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (list, dict):
            shape, annotation = origin.__name__, args[-1]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return shape, annotation.__name__
    return None


@pytest.mark.parametrize("name", PARTS)
def test_the_card_is_rebuilt_with_the_parts_the_schema_nests(name: str):
    """card_from_json knows from a table (models._PARTS) which fields hold other parts of the
    card; a nested field added to both definitions but not to the table would come back as a
    plain dict. The table is the schema's nesting, field by field."""
    from grow_app.card import models, schema

    nested = {
        field: found
        for field, info in getattr(schema, name).model_fields.items()
        if (found := _nested(info.annotation))
    }
    table = models._PARTS.get(getattr(models, name), {})
    assert {field: (shape, part.__name__) for field, (shape, part) in table.items()} == nested
