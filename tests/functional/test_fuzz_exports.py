"""Hostile text in every kind of answer, fuzzed (hypothesis): every export works, and a bundle
made from it imports back identically.

Any text a user can type or paste — control characters, ANSI escapes, emoji, right-to-left text,
lone surrogates, a byte-order mark — in a text answer, a per-item answer, a recommendation
(status and explanation), an action, the key message, a grid cell, the parking lot, a
participant and the partnership's name:

* exports to Word (opened again with python-docx), markdown, a json bundle, the comparison as
  csv and as Word, without an error;
* the bundle, imported into an empty database, gives the very same bundle back (round trip).

And once, a 5 MB answer through all of it. The numbers of examples are fixed here so that
docs/reliability.md can state them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grow_app.card.models import RECOMMENDATION_STATUSES, grid_key
from grow_app.export.bundle import bundle_json
from grow_app.export.compare_csv import write_compare_csv
from grow_app.export.compare_docx import write_compare_docx
from grow_app.export.paper import render
from grow_app.records import Participant
from grow_app.services.bundle_read import session_bundle
from grow_app.services.bundles import import_bundles
from grow_app.services.compare import comparison, select_sessions
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.services.snapshots import snapshot_of
from grow_app.store import open_database
from grow_app.text import clean_text

EXPORT_EXAMPLES = 25
SOP, GRID = "gesprekskaart-sop", "strategiesessie-schaalniveaus"

ANY_CHAR = st.characters(codec=None, exclude_categories=[])  # surrogates and controls too
HOSTILE = st.sampled_from(
    [
        "\x00",
        "\x1b[2J\x1b[31m",
        "\u202e",
        "\u05e9\u05dc\u05d5\u05dd עולם",
        "مرحبا بالعالم",
        "👩‍👩‍👧🎉",
        "\ud800",
        "\udfff",
        "\r\n",
        "\x0b\x0c",
        "\ufeff",
        "\u2028\u2029",
        "=SUM(A1)",
        "<w:t>&amp;</w:t>",
        "**vet** _schuin_ | # kop",
        "ﷺ",
    ]
)
TEXT = st.lists(st.one_of(st.text(alphabet=ANY_CHAR, max_size=60), HOSTILE), max_size=6).map(
    "".join
)
NAME = TEXT.filter(lambda s: " ".join(clean_text(s).split()))


@pytest.fixture(scope="module")
def catalog():
    from grow_app.services.catalog import load_catalog

    return load_catalog()


def _fill(db, catalog, texts: dict) -> tuple[Meeting, Meeting]:
    """A partnership with one session on each card, every kind of answer holding hostile text."""
    partnership = add_partnership(db, texts["name"], texts["region"], ["vo"])
    sop = start_session(
        db,
        catalog,
        partnership,
        SOP,
        date="2026-03-14",
        facilitator=texts["short"],
        participants=[Participant(texts["name"], texts["short"], texts["short"])],
    )
    meeting = Meeting(db, catalog.get(SOP), sop)
    meeting.save_answer("goal-doelen", "", texts["text"])
    verhouding = meeting.card.question("goal-verhouding")
    meeting.save_answer("goal-verhouding", verhouding.items[0].key, texts["per_item"])
    aanbevelingen = meeting.card.question("way-forward-aanbevelingen")
    item = aanbevelingen.items[0].key
    meeting.set_status("way-forward-aanbevelingen", item, texts["status"])
    meeting.save_answer("way-forward-aanbevelingen", item, texts["explanation"])
    meeting.add_action(texts["action"], texts["short"], texts["short"])
    meeting.set_key_message(texts["key_message"])
    meeting.park(texts["short"])
    grid = Meeting(
        db, catalog.get(GRID), start_session(db, catalog, partnership, GRID, date="2026-04-02")
    )
    question = grid.card.question("activiteiten-schaalniveau")
    rows = grid.card.dimension(question.rows)
    columns = grid.card.dimension(question.columns)
    cell = grid_key(rows.members[0].key, columns.members[-1].key)
    grid.save_answer(question.id, cell, texts["grid"])
    grid.set_key_message(texts["key_message"])
    return meeting, grid


def _export_everything(db, catalog, meetings, folder: Path) -> list[str]:
    """Every export of every meeting; returns the bundles' json."""
    folder.mkdir(parents=True, exist_ok=True)
    bundles = []
    for meeting in meetings:
        _paper, data, _warnings = render(snapshot_of(meeting), "docx")
        Document(io.BytesIO(data))  # Word can open it: valid XML, no forbidden characters
        _paper, data, _warnings = render(snapshot_of(meeting), "md")
        data.decode("utf-8")
        bundles.append(bundle_json(session_bundle(db, meeting.session.id)))
    for card_id in (SOP, GRID):
        card = catalog.get(card_id)
        sessions = select_sessions(db, card)
        path = write_compare_csv(comparison(db, card, sessions), folder / f"{card_id}.csv")
        limit = csv.field_size_limit(2**31 - 1)  # a 5 MB answer is one 5 MB field
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                assert len(list(csv.reader(handle, delimiter=";"))) >= 2
        finally:
            csv.field_size_limit(limit)
        path = write_compare_docx(comparison(db, card, sessions), folder / f"{card_id}.docx")
        Document(str(path))
    return bundles


def _without_export_time(bundle_text: str) -> dict:
    data = json.loads(bundle_text)
    data.pop("exported_at")
    return data


def _round_trip(catalog, bundles: list[str], folder: Path) -> None:
    """Import the bundles into an empty database: the bundles made there are the same."""
    paths = []
    for index, text in enumerate(bundles):
        path = folder / f"bundle-{index}.json"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    other = open_database(":memory:")
    try:
        reports = import_bundles(other, catalog, paths)
        assert all(r.conflicts == 0 for r in reports)
        for text in bundles:
            session_id = json.loads(text)["session"]["id"]
            again = bundle_json(session_bundle(other, session_id))
            assert _without_export_time(again) == _without_export_time(text)
    finally:
        other.conn.close()


TEXTS = st.fixed_dictionaries(
    {
        "name": NAME,
        "region": TEXT,
        "short": TEXT,
        "text": TEXT,
        "per_item": TEXT,
        "status": st.sampled_from(RECOMMENDATION_STATUSES),
        "explanation": TEXT,
        "action": TEXT,
        "key_message": TEXT,
        "grid": TEXT,
    }
)


@pytest.mark.slow(seconds=11)
def test_hostile_text_in_every_answer_kind_exports_and_round_trips(catalog, tmp_path):
    counter = iter(range(10_000))

    @settings(
        max_examples=EXPORT_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(texts=TEXTS)
    def check(texts):
        folder = tmp_path / str(next(counter))
        db = open_database(":memory:")
        try:
            meetings = _fill(db, catalog, texts)
            bundles = _export_everything(db, catalog, meetings, folder)
        finally:
            db.conn.close()
        _round_trip(catalog, bundles, folder)

    check()


@pytest.mark.slow(seconds=6)
def test_a_five_megabyte_answer_exports_and_round_trips(catalog, tmp_path):
    line = "Een lange zin met é, ש, 👩‍👩‍👧 en\ttabs — "
    huge = (line * (5 * 1024 * 1024 // len(line.encode("utf-8")) + 1))[: 5 * 1024 * 1024 // 2]
    huge = huge + "\n" + huge  # two paragraphs, together > 5 MB in UTF-8
    assert len(huge.encode("utf-8")) > 5 * 1024 * 1024
    texts = {
        "name": "AOS Oost Nederland",
        "region": "Achterhoek",
        "short": "Anna",
        "text": huge,
        "per_item": "kort",
        "status": "ja",
        "explanation": "kort",
        "action": "kort",
        "key_message": "kort",
        "grid": "kort",
    }
    db = open_database(":memory:")
    try:
        meetings = _fill(db, catalog, texts)
        bundles = _export_everything(db, catalog, meetings, tmp_path / "out")
    finally:
        db.conn.close()
    assert clean_text(huge) in json.loads(bundles[0])["answers"][0]["text"]
    _round_trip(catalog, bundles, tmp_path / "out")
