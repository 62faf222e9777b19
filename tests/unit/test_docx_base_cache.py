"""The prepared base document is kept between runs (export/docx_cache.py): made once per base,
the same when it comes back, made again when anything it depends on changes."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from docx import Document

from grow_app import disk_cache
from grow_app.export import docx_cache
from grow_app.export.document import labels_for
from grow_app.i18n import set_language

LABELS = labels_for("nl")


@pytest.fixture
def prepared(monkeypatch) -> list[bytes | None]:
    """Every base really prepared (the slow way)."""
    seen: list[bytes | None] = []
    real = docx_cache.prepare_base

    def counting(source, tag, labels):
        seen.append(source)
        return real(source, tag, labels)

    monkeypatch.setattr(docx_cache, "prepare_base", counting)
    return seen


def house_style() -> bytes:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Huisstijl BV"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_base_is_prepared_once_and_comes_back_the_same(prepared):
    first = docx_cache.cached_base(None, "nl-NL", LABELS)
    second = docx_cache.cached_base(None, "nl-NL", LABELS)
    assert prepared == [None]
    assert second == first
    assert (
        Document(io.BytesIO(second.data)).sections[0].footer.paragraphs[0].text.startswith("Pagina")
    )


def test_another_base_tag_or_language_is_prepared_on_its_own(prepared):
    style = house_style()
    docx_cache.cached_base(None, "nl-NL", LABELS)
    docx_cache.cached_base(style, "nl-NL", LABELS)
    docx_cache.cached_base(None, "en-GB", labels_for("en"))
    docx_cache.cached_base(style, "nl-NL", LABELS)  # from the cache
    assert prepared == [None, style, None]
    set_language("en")  # the warnings of a house style are in the interface language
    docx_cache.cached_base(style, "nl-NL", LABELS)
    assert prepared == [None, style, None, style]


def _contents(base: docx_cache.BaseDocument) -> tuple:
    """A base as what it holds: two preparations differ in their zip entries' times (to two
    seconds), which a slow machine straddles now and then."""
    with zipfile.ZipFile(io.BytesIO(base.data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return parts, dataclasses.replace(base, data=b"")


def test_a_damaged_entry_is_prepared_again(prepared):
    made = _contents(docx_cache.cached_base(None, "nl-NL", LABELS))
    key = docx_cache.key_for(None, "nl-NL", LABELS)
    entry = disk_cache.folder(docx_cache.KIND) / f"{key}.json"
    entry.write_text('{"format": 1, "data": "nog niet af', encoding="utf-8")
    assert _contents(docx_cache.cached_base(None, "nl-NL", LABELS)) == made
    entry.write_text('{"format": 1, "data": 12}', encoding="utf-8")
    assert _contents(docx_cache.cached_base(None, "nl-NL", LABELS)) == made
    assert prepared == [None, None, None]
