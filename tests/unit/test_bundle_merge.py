"""Merging bundles: newest edit wins, local newer is kept (conflict), idempotence, matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grow_app.errors import GrowError
from grow_app.export.bundle import write_bundle
from grow_app.services.bundle_read import session_bundle
from grow_app.services.bundles import import_bundles
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from grow_app.store.sessions import get_session


def _laptop(catalog, name: str = "AOS Oost Nederland", text: str = "Ons doel"):
    db = open_database(":memory:")
    partnership = add_partnership(db, name, "Achterhoek", ["vo"])
    session = start_session(db, catalog, partnership, "gesprekskaart-sop", date="2026-03-14")
    meeting = Meeting(db, catalog.get("gesprekskaart-sop"), session)
    meeting.save_answer("goal-doelen", "", text)
    meeting.save_answer("goal-verhouding", "functies", "Alle vijf")
    meeting.set_status("way-forward-aanbevelingen", "aangehaakt", "ja")
    meeting.add_action("Plan maken", "Anna", "juni")
    meeting.park("Later")
    meeting.set_key_message("Kern")
    return db, meeting


def _export(db, meeting, tmp_path: Path, name: str) -> Path:
    return write_bundle(session_bundle(db, meeting.session.id), tmp_path / name)


def _answer(db, session_id, question_id="goal-doelen", item=""):
    row = db.execute(
        "SELECT text, updated_at FROM answers WHERE session_id=? AND question_id=? AND item_key=?",
        [session_id, question_id, item],
    ).fetchone()
    return row


def _dump(db) -> dict:
    tables = ["partnerships", "sessions", "participants", "answers", "answer_history",
              "recommendation_statuses", "actions", "parking_lot"]  # fmt: skip
    return {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}


def test_first_import_adds_everything_and_second_changes_nothing(catalog, tmp_path):
    source, meeting = _laptop(catalog)
    bundle = _export(source, meeting, tmp_path, "a.json")
    target = open_database(":memory:")
    [first] = import_bundles(target, catalog, [bundle])
    assert (first.matched_by, first.session_new) == ("new", True)
    # partnership, session, 2 answers, status, action, parking item
    assert first.new == 7 and first.conflicts == 0
    before = _dump(target)
    changes = target.conn.total_changes
    [second] = import_bundles(target, catalog, [bundle])
    assert (second.new, second.updated, second.conflicts) == (0, 0, 0)
    assert second.unchanged == first.new + 1  # + the key message, compared separately
    assert target.conn.total_changes == changes  # not a single row written, not even updated_at
    assert _dump(target) == before
    # The imported session reads back like the original.
    assert _answer(target, meeting.session.id) == _answer(source, meeting.session.id)
    assert get_session(target, meeting.session.id).key_message == "Kern"


def test_newer_incoming_answer_wins_and_is_kept_in_history(catalog, tmp_path):
    source, meeting = _laptop(catalog)
    target = open_database(":memory:")
    import_bundles(target, catalog, [_export(source, meeting, tmp_path, "old.json")])
    meeting.save_answer("goal-doelen", "", "Ons doel, later aangescherpt")
    [report] = import_bundles(target, catalog, [_export(source, meeting, tmp_path, "new.json")])
    assert report.updated == 1 and report.conflicts == 0
    assert _answer(target, meeting.session.id)[0] == "Ons doel, later aangescherpt"
    history = target.execute(
        "SELECT text FROM answer_history WHERE session_id=? AND question_id='goal-doelen' ORDER BY id",
        [meeting.session.id],
    ).fetchall()
    assert [h[0] for h in history] == ["Ons doel", "Ons doel, later aangescherpt"]


def test_older_incoming_answer_loses_to_a_newer_local_edit(catalog, tmp_path):
    source, meeting = _laptop(catalog)
    old_bundle = _export(source, meeting, tmp_path, "old.json")
    target = open_database(":memory:")
    import_bundles(target, catalog, [old_bundle])
    local = Meeting.open(target, catalog, meeting.session.id)
    local.save_answer("goal-doelen", "", "Hier op de laptop van de programmamanager aangepast")
    local.set_status("way-forward-aanbevelingen", "aangehaakt", "nee")
    [report] = import_bundles(target, catalog, [old_bundle])
    assert report.conflicts == 2 and report.updated == 0
    # Conflicts are named by the question's text (shortened), never by an id.
    assert report.conflict_keys[0] == "'Wat zijn de gezamenlijke doelen van ons…'"
    assert report.conflict_keys[1].startswith("'Het is aan te bevelen dat: het partnerschap")
    assert _answer(target, meeting.session.id)[0].startswith("Hier op de laptop")
    assert local.statuses == Meeting.open(target, catalog, meeting.session.id).statuses


def test_both_directions_converge(catalog, tmp_path):
    """Each laptop edits a different answer; after exchanging bundles both hold both edits."""
    a_db, a_meeting = _laptop(catalog)
    b_db = open_database(":memory:")
    import_bundles(b_db, catalog, [_export(a_db, a_meeting, tmp_path, "a0.json")])
    b_meeting = Meeting.open(b_db, catalog, a_meeting.session.id)
    a_meeting.save_answer("goal-doelen", "", "Aangepast op A")
    b_meeting.save_answer("goal-verhouding", "functies", "Aangepast op B")
    import_bundles(b_db, catalog, [_export(a_db, a_meeting, tmp_path, "a1.json")])
    import_bundles(a_db, catalog, [_export(b_db, b_meeting, tmp_path, "b1.json")])
    for db in (a_db, b_db):
        assert _answer(db, a_meeting.session.id)[0] == "Aangepast op A"
        assert (
            _answer(db, a_meeting.session.id, "goal-verhouding", "functies")[0] == "Aangepast op B"
        )


def test_partnership_matches_by_uuid_before_name(catalog, tmp_path):
    source, meeting = _laptop(catalog)
    target = open_database(":memory:")
    import_bundles(target, catalog, [_export(source, meeting, tmp_path, "a.json")])
    # Renamed here; the bundle still finds it by its UUID and does not add a second one.
    target.execute("UPDATE partnerships SET name = 'AOS (hernoemd)'")
    [report] = import_bundles(target, catalog, [_export(source, meeting, tmp_path, "b.json")])
    assert report.matched_by == "uuid"
    assert target.execute("SELECT count(*) FROM partnerships").fetchone()[0] == 1


def test_partnership_matches_by_exact_name_and_is_not_changed(catalog, tmp_path):
    source, meeting = _laptop(catalog)
    target = open_database(":memory:")
    local = add_partnership(target, "AOS Oost Nederland", "Eigen regio", ["po"])
    other = add_partnership(target, "Iemand anders", "Elders", ["mbo"])
    before_other = _dump(target)["partnerships"]
    [report] = import_bundles(target, catalog, [_export(source, meeting, tmp_path, "a.json")])
    assert report.matched_by == "name"
    assert target.execute("SELECT count(*) FROM partnerships").fetchone()[0] == 2
    assert get_session(target, meeting.session.id).partnership_id == local.id
    assert _dump(target)["partnerships"] == before_other  # neither partnership was touched
    assert other.id != local.id


def test_a_refused_bundle_in_a_batch_writes_nothing(catalog, tmp_path):
    source, meeting = _laptop(catalog)
    good = _export(source, meeting, tmp_path, "good.json")
    bad = tmp_path / "bad.json"
    bad.write_text(good.read_text(encoding="utf-8")[:200], encoding="utf-8")
    target = open_database(":memory:")
    changes = target.conn.total_changes
    with pytest.raises(GrowError) as err:
        import_bundles(target, catalog, [good, bad])
    assert str(bad) in err.value.message
    assert target.conn.total_changes == changes


def test_deleted_actions_travel_and_newer_deletion_wins(catalog, tmp_path):
    source, meeting = _laptop(catalog)
    target = open_database(":memory:")
    import_bundles(target, catalog, [_export(source, meeting, tmp_path, "a.json")])
    action = meeting.actions()[0]
    meeting.remove_action(action.id)
    [report] = import_bundles(target, catalog, [_export(source, meeting, tmp_path, "b.json")])
    assert report.updated == 1
    assert Meeting.open(target, catalog, meeting.session.id).actions() == []


def test_bundle_carries_uuids_and_no_history(catalog):
    source, meeting = _laptop(catalog)
    data = json.loads(session_bundle(source, meeting.session.id).model_dump_json())
    assert data["format"] == "grow-bundle" and data["format_version"] == 1
    assert data["session"]["id"] == meeting.session.id
    assert data["partnership"]["id"] == meeting.session.partnership_id
    assert "history" not in data
    assert {a["question_id"] for a in data["answers"]} == {"goal-doelen", "goal-verhouding"}
