"""Importing many bundles: each is checked while the files are read and kept aside in a temporary
file, then all are merged in one transaction; a refusal anywhere keeps nothing and changes
nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from grow_app.errors import GrowError
from grow_app.export.bundle import future_problem, write_bundle
from grow_app.services import bundles as service
from grow_app.services.bundle_read import session_bundle
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from grow_app.validation_text import format_path


def _bundles(catalog, tmp_path: Path, count: int) -> list[Path]:
    db = open_database(":memory:")
    card = catalog.get("gesprekskaart-sop")
    paths = []
    for n in range(count):
        owner = add_partnership(db, f"Partnerschap {n}", "Achterhoek", ["vo"])
        meeting = Meeting(db, card, start_session(db, catalog, owner, card.id))
        meeting.save_answer("goal-doelen", "", f"Doel {n}")
        meeting.set_status("way-forward-aanbevelingen", "aangehaakt", "ja")
        meeting.add_action(f"Actie {n}", "Anna", "juni")
        paths.append(
            write_bundle(session_bundle(db, meeting.session.id), tmp_path / f"b{n:02d}.json")
        )
    db.conn.close()
    return paths


def _dump(db) -> dict:
    tables = ["partnerships", "sessions", "answers", "answer_history", "actions"]
    return {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}


def test_checked_bundles_wait_on_disk_and_come_back_equal(catalog, tmp_path):
    paths = _bundles(catalog, tmp_path, 5)
    with service.stage_bundles(paths, catalog) as staged:
        assert len(staged) == 5
        assert staged._file.tell() > 0  # on disk, not in a list
        names = [name for name, _bundle in staged]
        assert names == [str(p) for p in paths]
        again = [bundle for _name, bundle in staged]  # can be read twice
    assert again == [build_bundle_from(p) for p in paths]
    assert staged._file.closed


def build_bundle_from(path: Path):
    from grow_app.export.bundle import read_bundle_file

    bundle, problems = read_bundle_file(path)
    assert not problems
    return bundle


def test_one_bad_file_among_many_keeps_nothing_and_names_every_problem(catalog, tmp_path):
    paths = _bundles(catalog, tmp_path, 6)
    paths[2].write_text("{kapot", encoding="utf-8")
    data = json.loads(paths[4].read_text(encoding="utf-8"))
    data["session"]["card_id"] = "onbekende-kaart"
    paths[4].write_text(json.dumps(data), encoding="utf-8")
    target = open_database(tmp_path / "manager.db")
    before = _dump(target)
    with pytest.raises(GrowError) as caught:
        service.import_bundles(target, catalog, paths)
    lines = caught.value.lines()
    assert str(paths[2]) in lines[0] and any(str(paths[4]) in line for line in lines[1:])
    assert _dump(target) == before
    target.conn.close()


def test_a_failure_while_merging_undoes_every_bundle(catalog, tmp_path, monkeypatch):
    paths = _bundles(catalog, tmp_path, 4)
    target = open_database(tmp_path / "manager.db")
    before = _dump(target)
    real = service.merge_bundle
    merged = []

    def failing(db, card, bundle, name):
        if len(merged) == 3:
            raise RuntimeError("schijf vol")
        merged.append(name)
        return real(db, card, bundle, name)

    monkeypatch.setattr(service, "merge_bundle", failing)
    with pytest.raises(RuntimeError):
        service.import_bundles(target, catalog, paths)
    assert len(merged) == 3 and _dump(target) == before
    target.conn.close()


def test_many_bundles_import_as_before(catalog, tmp_path):
    _bundles(catalog, tmp_path, 12)
    target = open_database(tmp_path / "manager.db")
    reports = service.import_bundles(target, catalog, [tmp_path])
    assert [r.matched_by for r in reports] == ["new"] * 12
    after = _dump(target)
    again = service.import_bundles(target, catalog, [tmp_path])
    assert all(not r.changed for r in again) and _dump(target) == after
    assert len(after["answers"]) == 12 and len(after["answer_history"]) == 12
    target.conn.close()


def _walked_dump(bundle, limit: str):
    """How the check found times before: every time in ``model_dump()``, walked in order."""
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("exported_at", "updated_at", "created_at", "deleted_at",
                           "key_message_updated_at") and isinstance(item, str) and item > limit:  # fmt: skip
                    found.append((format_path((*path, key)), item))
                else:
                    walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(bundle.model_dump(), ())
    return found


@pytest.mark.parametrize("where", ["answers", "actions", "session", "partnership", "none"])
def test_a_time_ahead_is_found_where_the_full_walk_found_it(catalog, tmp_path, where):
    [path] = _bundles(catalog, tmp_path, 1)
    data = json.loads(path.read_text(encoding="utf-8"))
    later = "2099-01-01T09:00:00+00:00"
    if where in ("answers", "actions"):
        data[where][-1]["updated_at"] = later
    elif where != "none":
        data[where]["updated_at"] = later
    path.write_text(json.dumps(data), encoding="utf-8")
    from grow_app.export.bundle import parse_bundle_text

    bundle, problems = parse_bundle_text(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    now = dt.datetime.now(dt.UTC)
    limit = (now + dt.timedelta(days=1)).isoformat(timespec="microseconds")
    expected = _walked_dump(bundle, limit)
    found = future_problem(bundle, str(path), now)
    if where == "none":
        assert expected == [] and found is None
    else:
        assert found is not None and f": {expected[0][0]}: " in found
