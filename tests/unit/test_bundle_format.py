"""The bundle file itself: what is accepted, what is refused, and where ``export_bundle`` writes."""

from __future__ import annotations

import json

import pytest

from grow_app.errors import GrowError
from grow_app.export.bundle import (
    default_bundle_name,
    export_bundle,
    parse_bundle_text,
    write_bundle,
)
from grow_app.services.bundle_read import session_bundle
from grow_app.services.bundles import import_bundles
from grow_app.store import open_database
from grow_app.text import ascii_slug


@pytest.fixture
def bundle_data(sop_meeting) -> dict:
    sop_meeting.save_answer("goal-doelen", "", "Één doel")
    return json.loads(session_bundle(sop_meeting.db, sop_meeting.session.id).model_dump_json())


def test_a_valid_bundle_round_trips(bundle_data):
    bundle, problems = parse_bundle_text(json.dumps(bundle_data), "b.json")
    assert problems == [] and bundle is not None
    assert bundle.partnership.name == "AOS Oost Nederland"
    assert bundle.session.participants[0].name == "Bram Jansen"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: "{not json", "is geen JSON-bestand (fout op regel 1, kolom 2)"),
        (lambda d: json.dumps([1, 2, 3]), "geen grow-bundel"),
        (lambda d: json.dumps({**d, "format": "iets-anders"}), "geen grow-bundel"),
        (lambda d: json.dumps({**d, "format_version": 7}), "nieuwere versie"),
        (lambda d: json.dumps({**d, "extra": 1}), "extra"),
        (lambda d: json.dumps({**d, "session": {**d["session"], "id": "../../x"}}), "session.id"),
        (lambda d: json.dumps({**d, "exported_at": "gisteren"}), "exported_at"),
        (lambda d: json.dumps({**d, "exported_at": "2026-03-14T10:00:00"}), "exported_at"),
    ],
)
def test_refusals_name_the_file_and_the_field(bundle_data, change, expected):
    bundle, problems = parse_bundle_text(change(bundle_data), "mijn-bundel.json")
    assert bundle is None and problems
    assert all(p.startswith("mijn-bundel.json") for p in problems)
    assert expected in problems[0]


def test_timestamps_in_other_zones_are_normalised_to_utc(bundle_data):
    bundle_data["exported_at"] = "2026-03-14T11:00:00+01:00"
    bundle, _ = parse_bundle_text(json.dumps(bundle_data), "b.json")
    assert bundle.exported_at == "2026-03-14T10:00:00.000000+00:00"


def test_a_5_mb_answer_is_accepted(bundle_data, tmp_path, catalog):
    big = "lange tekst " * (5 * 1024 * 1024 // 12)
    bundle_data["answers"][0]["text"] = big
    path = tmp_path / "groot.json"
    path.write_text(json.dumps(bundle_data), encoding="utf-8")
    target = open_database(":memory:")
    [report] = import_bundles(target, catalog, [path])
    assert report.conflicts == 0
    stored = target.execute("SELECT length(text) FROM answers").fetchone()[0]
    assert stored == len(big)


def test_answer_for_a_question_the_card_does_not_have_is_refused(bundle_data, tmp_path, catalog):
    bundle_data["answers"].append({**bundle_data["answers"][0], "question_id": "vraag-uit-v2"})
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(bundle_data), encoding="utf-8")
    with pytest.raises(GrowError, match="vraag-uit-v2"):
        import_bundles(open_database(":memory:"), catalog, [path])


def bundle_of(meeting):
    return session_bundle(meeting.db, meeting.session.id)


def test_bundle_names_never_make_a_path():
    assert ascii_slug("../../etc/passwd", "partnerschap") == "etc-passwd"
    assert (
        ascii_slug("Opleidingsschool Nijmegen MBO (ON MBO)", "partnerschap")
        == "opleidingsschool-nijmegen-mbo-on-mbo"
    )
    assert ascii_slug("Één ☃ ", "partnerschap") == "een"
    assert ascii_slug("///", "partnerschap") == "partnerschap"
    assert default_bundle_name("../..", "2026-03-14") == "bundel-partnerschap-2026-03-14.json"


def test_a_bundle_is_named_in_the_interface_language():
    """A bundle is the user's own working file: named as the rest of what grow says (it was
    "bundel-..." in English too)."""
    from grow_app.i18n import set_language

    set_language("en")
    assert default_bundle_name("AOS Oost", "2026-03-14") == "bundle-aos-oost-2026-03-14.json"
    assert default_bundle_name("///", "") == "bundle-partnership-date.json"


def test_export_bundle_default_name_never_overwrites(sop_meeting, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = export_bundle(bundle_of(sop_meeting))
    second = export_bundle(bundle_of(sop_meeting))
    assert first == tmp_path / "exports" / "bundel-aos-oost-nederland-2026-03-14.json"
    assert second.name == "bundel-aos-oost-nederland-2026-03-14-2.json"
    assert first.is_absolute()
    assert json.loads(first.read_text(encoding="utf-8"))["session"]["id"] == sop_meeting.session.id


def test_export_bundle_into_a_folder_and_to_a_file(sop_meeting, tmp_path):
    in_folder = export_bundle(bundle_of(sop_meeting), tmp_path)
    assert in_folder.parent == tmp_path
    target = tmp_path / "mijn.json"
    assert export_bundle(bundle_of(sop_meeting), target) == target
    before = target.read_bytes()
    # The same rule as the position paper: an existing file is kept, the new one gets -2.
    assert export_bundle(bundle_of(sop_meeting), target) == tmp_path / "mijn-2.json"
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".grow-")] == []


def test_bundle_of_an_unknown_session_is_a_clear_error(fresh_db, tmp_path):
    with pytest.raises(GrowError, match="bestaat niet"):
        write_bundle(session_bundle(fresh_db, "onbekend"), tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_the_same_answer_twice_is_refused(bundle_data, tmp_path, catalog):
    bundle_data["answers"].append({**bundle_data["answers"][0], "text": "Andere tekst"})
    path = tmp_path / "dubbel.json"
    path.write_text(json.dumps(bundle_data), encoding="utf-8")
    with pytest.raises(GrowError, match=r"meer dan eens.*goal-doelen"):
        import_bundles(open_database(":memory:"), catalog, [path])
