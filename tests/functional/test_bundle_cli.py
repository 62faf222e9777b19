"""``grow import`` as a user runs it: refusals leave the database byte-for-byte unchanged, and the
end-to-end scenario of two laptops and a programme manager."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grow_app.export.bundle import MAX_FILE_BYTES, write_all_bundles
from grow_app.services.bundle_read import session_bundles
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from tests.helpers import sha256


def make_laptop(path: Path, catalog, name: str, region: str, answer: str) -> str:
    """A database as a partnership's own laptop would have it; returns the session id."""
    db = open_database(path)
    try:
        partnership = add_partnership(db, name, region, ["vo"])
        session = start_session(db, catalog, partnership, "gesprekskaart-sop", date="2026-03-14")
        meeting = Meeting(db, catalog.get("gesprekskaart-sop"), session)
        meeting.save_answer("goal-doelen", "", answer)
        meeting.set_status("way-forward-aanbevelingen", "aangehaakt", "deels")
        meeting.set_key_message(f"Kern van {name}")
        return session.id
    finally:
        db.conn.close()


@pytest.fixture
def good_bundle(tmp_path: Path, catalog) -> Path:
    laptop = tmp_path / "laptop.db"
    make_laptop(laptop, catalog, "AOS Oost Nederland", "Achterhoek", "Ons doel")
    db = open_database(laptop)
    try:
        [path] = write_all_bundles(session_bundles(db), tmp_path / "bundles")
    finally:
        db.conn.close()
    return path


@pytest.fixture
def manager_db(tmp_path: Path, catalog) -> Path:
    path = tmp_path / "manager.db"
    make_laptop(path, catalog, "Bestaand partnerschap", "Elders", "Al aanwezig")
    return path


def _bad_files(tmp_path: Path, good: Path) -> dict[str, Path]:
    text = good.read_text(encoding="utf-8")
    data = json.loads(text)
    files = {
        "not_json": ("notes.json", "Dit is gewoon tekst, geen JSON."),
        "other_shape": ("other.json", json.dumps({"name": "iets anders", "items": [1, 2]})),
        "newer": ("newer.json", json.dumps({**data, "format_version": 3})),
        "truncated": ("truncated.json", text[: len(text) // 2]),
        "unknown_card": (
            "unknown-card.json",
            json.dumps(
                {**data, "session": {**data["session"], "card_id": "kaart-die-niet-bestaat"}}
            ),
        ),
        "bad_field": (
            "bad-field.json",
            json.dumps({**data, "answers": [{"question_id": "goal-doelen", "text": 5}]}),
        ),
        "too_many_answers": (
            "many.json",
            json.dumps(
                {
                    **data,
                    "answers": [
                        {
                            "question_id": "goal-doelen",
                            "item_key": "",
                            "text": "x",
                            "updated_at": data["exported_at"],
                        }
                    ]
                    * 100_001,
                }
            ),
        ),
    }
    result = {}
    for key, (name, content) in files.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        result[key] = path
    big = tmp_path / "huge.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    result["too_big"] = big
    return result


@pytest.mark.parametrize(
    "kind",
    [
        "not_json",
        "other_shape",
        "newer",
        "truncated",
        "unknown_card",
        "bad_field",
        "too_many_answers",
        "too_big",
    ],
)
def test_each_refusal_leaves_the_database_byte_for_byte_unchanged(
    kind, tmp_path, good_bundle, manager_db, grow_cli
):
    bad = _bad_files(tmp_path, good_bundle)[kind]
    before = sha256(manager_db)
    result = grow_cli("import", str(good_bundle), str(bad), db=manager_db)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines and all(str(bad) in line for line in lines)
    assert "Traceback" not in result.output + result.stderr
    assert sha256(manager_db) == before
    assert not Path(f"{manager_db}-wal").exists()


def test_several_bad_files_one_line_each(tmp_path, good_bundle, manager_db, grow_cli):
    bad = _bad_files(tmp_path, good_bundle)
    chosen = [bad["not_json"], bad["newer"], bad["unknown_card"]]
    result = grow_cli("import", *map(str, chosen), db=manager_db)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    for path, line in zip(chosen, lines, strict=True):
        assert str(path) in line
    assert "nieuwere versie" in lines[1]
    assert "kaart-die-niet-bestaat" in lines[2]


def test_names_from_bundles_are_data_not_paths(tmp_path, good_bundle, manager_db, grow_cli):
    data = json.loads(good_bundle.read_text(encoding="utf-8"))
    data["partnership"]["name"] = "../../etc/passwd"
    evil = tmp_path / "evil.json"
    evil.write_text(json.dumps(data), encoding="utf-8")
    result = grow_cli("import", str(evil), db=manager_db)
    assert result.exit_code == 0, result.stderr
    db = open_database(manager_db)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM partnerships")]
        written = write_all_bundles(session_bundles(db), tmp_path / "out")
    finally:
        db.conn.close()
    assert "../../etc/passwd" in names
    assert len(written) == 2
    assert all(p.parent == tmp_path / "out" and ".." not in p.name for p in written)
    assert sorted(written) == sorted((tmp_path / "out").iterdir())


def test_two_laptops_exported_and_imported_twice_into_a_third(tmp_path, catalog, grow_cli):
    laptops = {
        "AOS Oost Nederland": ("Achterhoek", "Doel van AOS: één sterke regio"),
        "Opleidingsschool Nijmegen MBO (ON MBO)": ("Rijk van Nijmegen", "Doel van ON MBO"),
    }
    folder = tmp_path / "usb-stick"
    for index, (name, (region, answer)) in enumerate(laptops.items()):
        path = tmp_path / f"laptop{index}.db"
        make_laptop(path, catalog, name, region, answer)
        result = grow_cli("session", "list", db=path)  # a plain use of that laptop
        assert result.exit_code == 0
        db = open_database(path)
        try:
            write_all_bundles(session_bundles(db), folder)
        finally:
            db.conn.close()
    files = sorted(str(p) for p in folder.glob("*.json"))
    assert len(files) == 2
    manager = tmp_path / "manager.db"
    first = grow_cli("import", *files, db=manager)
    assert first.exit_code == 0, first.stderr
    assert first.output.count("nieuw partnerschap") == 2
    snapshot = sha256(manager)
    second = grow_cli("import", *files, db=manager)
    assert second.exit_code == 0
    assert second.output.count("0 onderdelen nieuw, 0 bijgewerkt") == 2
    assert second.output.count("0 niet overgenomen") == 2
    assert sha256(manager) == snapshot  # the second import wrote nothing at all

    csv_path = tmp_path / "vergelijking.csv"
    docx_path = tmp_path / "vergelijking.docx"
    for fmt, out in (("csv", csv_path), ("docx", docx_path)):
        result = grow_cli(
            "compare", "--card", "gesprekskaart-sop", "--format", fmt, "-o", str(out), db=manager
        )
        assert result.exit_code == 0, result.stderr
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "Doel van AOS: één sterke regio" in text and "Doel van ON MBO" in text
    from docx import Document

    body = "\n".join(
        c.text for table in Document(str(docx_path)).tables for row in table.rows for c in row.cells
    )
    assert "Doel van AOS: één sterke regio" in body and "Doel van ON MBO" in body


# -- random and malformed bundles: a clean result or a clean refusal, never a partial write -------
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def _mutations(base: dict):
    keys = st.sampled_from(sorted(base))
    return st.one_of(
        _json,
        st.builds(lambda k, v: {**base, k: v}, keys, _json),
        st.builds(lambda k: {x: y for x, y in base.items() if x != k}, keys),
        st.builds(
            lambda k, v: {**base, "session": {**base["session"], k: v}},
            st.sampled_from(sorted(base["session"])),
            _json,
        ),
        st.builds(lambda v: {**base, "answers": [{**base["answers"][0], "updated_at": v}]}, _json),
    )


@pytest.fixture(scope="module")
def base_bundle(tmp_path_factory) -> dict:
    from grow_app.services.catalog import load_catalog

    tmp = tmp_path_factory.mktemp("base")
    make_laptop(tmp / "l.db", load_catalog(), "AOS Oost Nederland", "Achterhoek", "Ons doel")
    db = open_database(tmp / "l.db")
    try:
        [path] = write_all_bundles(session_bundles(db), tmp)
    finally:
        db.conn.close()
    return json.loads(path.read_text(encoding="utf-8"))


def test_random_and_malformed_bundles_never_crash(base_bundle, tmp_path, catalog):
    from grow_app.errors import GrowError
    from grow_app.services.bundles import import_bundles

    target = open_database(":memory:")
    path = tmp_path / "random.json"

    @settings(
        max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(data=_mutations(base_bundle), cut=st.integers(min_value=0, max_value=3))
    def check(data, cut):
        text = json.dumps(data)
        if cut == 1:
            text = text[: len(text) // 2]
        path.write_text(text, encoding="utf-8")
        changes = target.conn.total_changes
        try:
            import_bundles(target, catalog, [path])
        except GrowError as err:
            assert str(path) in err.message
            assert target.conn.total_changes == changes  # refused: nothing written
            assert not target.conn.in_transaction

    check()


@pytest.mark.parametrize(
    ("kind", "expected", "not_expected"),
    [
        ("not_json", "notes.json is geen JSON-bestand.", "onvolledig"),
        ("truncated", "is onvolledig (het bestand houdt halverwege op)", "geen JSON-bestand"),
    ],
)
def test_unreadable_bundles_are_explained_in_plain_dutch(
    kind, expected, not_expected, tmp_path, good_bundle, manager_db, grow_cli
):
    bad = _bad_files(tmp_path, good_bundle)[kind]
    result = grow_cli("import", str(bad), db=manager_db)
    assert result.exit_code == 1
    assert expected in result.stderr and not_expected not in result.stderr
    for english in ("Expecting", "Unterminated", "char ", "line "):
        assert english not in result.stderr


def test_a_missing_bundle_file_is_named_in_dutch(tmp_path, manager_db, grow_cli):
    before = sha256(manager_db)
    result = grow_cli("import", str(tmp_path / "bestaatniet.json"), db=manager_db)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Fout: {tmp_path / 'bestaatniet.json'} bestaat niet."
    assert sha256(manager_db) == before


def test_a_bundle_from_a_laptop_with_its_clock_years_ahead_is_refused(
    tmp_path, good_bundle, manager_db, grow_cli
):
    """Newest edit wins, so a time in 2099 would win every later merge: refused, named."""
    data = json.loads(good_bundle.read_text(encoding="utf-8"))
    data["answers"][0]["updated_at"] = "2099-01-01T09:00:00+00:00"
    future = tmp_path / "toekomst.json"
    future.write_text(json.dumps(data), encoding="utf-8")
    before = sha256(manager_db)
    result = grow_cli("import", str(future), db=manager_db)
    assert result.exit_code == 1
    assert str(future) in result.stderr and "updated_at" in result.stderr
    assert "2099-01-01 09:00:00 UTC ligt meer dan een dag in de toekomst" in result.stderr
    assert sha256(manager_db) == before


def test_a_time_a_few_hours_ahead_is_accepted(tmp_path, good_bundle, manager_db, grow_cli):
    """Clocks differ a little between laptops; only more than a day ahead is refused."""
    import datetime as dt

    data = json.loads(good_bundle.read_text(encoding="utf-8"))
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    data["answers"][0]["updated_at"] = soon.isoformat()
    path = tmp_path / "bijna-nu.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = grow_cli("import", str(path), db=manager_db)
    assert result.exit_code == 0, result.stderr


def test_import_a_folder_reads_its_json_files(tmp_path, catalog, grow_cli):
    folder = tmp_path / "bundels"
    for index, name in enumerate(("AOS Oost Nederland", "ON MBO")):
        laptop = tmp_path / f"laptop{index}.db"
        make_laptop(laptop, catalog, name, "Achterhoek", f"Doel van {name}")
        db = open_database(laptop)
        try:
            write_all_bundles(session_bundles(db), folder)
        finally:
            db.conn.close()
    (folder / "lees-mij.txt").write_text("geen bundel", encoding="utf-8")
    manager = tmp_path / "manager.db"
    result = grow_cli("import", str(folder), db=manager)
    assert result.exit_code == 0, result.stderr
    assert result.output.count("nieuw partnerschap") == 2
    assert "2 bundels ingelezen" in result.output
    empty = tmp_path / "leeg"
    empty.mkdir()
    refused = grow_cli("import", str(empty), db=manager)
    assert refused.exit_code == 1
    assert "geen bundels" in refused.stderr


def test_the_import_report_counts_with_units_and_names_conflicts_by_question(
    tmp_path, catalog, good_bundle, manager_db, grow_cli
):
    first = grow_cli("import", str(good_bundle), db=manager_db)
    assert first.exit_code == 0, first.stderr
    assert "1 bundel ingelezen" in first.output
    assert "onderdelen nieuw" in first.output and "(en)" not in first.output
    data = json.loads(good_bundle.read_text(encoding="utf-8"))
    db = open_database(manager_db)
    try:
        meeting = Meeting.open(db, catalog, data["session"]["id"])
        meeting.save_answer("goal-doelen", "", "Hier aangepast, na de bundel")
    finally:
        db.conn.close()
    again = grow_cli("import", str(good_bundle), db=manager_db)
    assert again.exit_code == 0
    assert (
        "Niet overgenomen (hier staat een nieuwere versie): "
        "'Wat zijn de gezamenlijke doelen van ons…'" in again.output
    )
    assert "goal-doelen" not in again.output
