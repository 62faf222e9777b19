"""``grow import`` with random and malformed bundles, fuzzed (hypothesis), against a database file.

tests/functional/test_bundle_cli.py mutates the top level and the session of a bundle and
imports into memory. Here: a node anywhere in the bundle (a participant's name, one answer's
item key, the sectors list ...) is replaced by random JSON or hostile text, or removed, one to
three times; then the text may be cut off, have bytes flipped or inserted, or be written with
lone surrogates as raw bytes. Run through the real command line:

* exit 0, or exit 1 with one line per problem, each naming the file; never a traceback;
* a refusal leaves the database file byte-for-byte as it was (sha256), with no ``-wal`` left;
* after a success the file is a whole grow database;
* either way the manager's own partnership (not in the bundle) is untouched: a bundle reaches
  other partnerships only through their UUID.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grow_app.export.bundle import write_all_bundles
from grow_app.records import Participant
from grow_app.services.bundle_read import session_bundles
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from tests.helpers import sha256

IMPORT_EXAMPLES = 200
TYPED_FIELDS = {
    "name",
    "region",
    "facilitator",
    "organisation",
    "role",
    "key_message",
    "text",
    "wat",
    "wie",
    "wanneer",
}

ANY_CHAR = st.characters(codec=None, exclude_categories=[])
HOSTILE_TEXT = st.one_of(
    st.text(alphabet=ANY_CHAR, max_size=40),
    st.sampled_from(["\x00", "\ud800", "\u202e", "../../etc/passwd", "", " ", "9999-99-99"]),
)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | HOSTILE_TEXT,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _nodes(node, path=()):
    """Every place in the document (not the document itself)."""
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        yield (*path, key)
        yield from _nodes(child, (*path, key))


def _parent(document, path):
    for key in path[:-1]:
        document = document[key]
    return document


@pytest.fixture(scope="module")
def base_bundle(tmp_path_factory) -> dict:
    from grow_app.services.catalog import load_catalog

    catalog = load_catalog()
    folder = tmp_path_factory.mktemp("laptop")
    db = open_database(folder / "laptop.db")
    try:
        partnership = add_partnership(db, "AOS Oost Nederland", "Achterhoek", ["po", "vo"])
        session = start_session(
            db,
            catalog,
            partnership,
            "gesprekskaart-sop",
            date="2026-03-14",
            participants=[Participant("Bram Jansen", "HAN", "opleider")],
        )
        meeting = Meeting(db, catalog.get("gesprekskaart-sop"), session)
        meeting.save_answer("goal-doelen", "", "Ons doel")
        item = meeting.card.question("goal-verhouding").items[0].key
        meeting.save_answer("goal-verhouding", item, "Samen")
        meeting.set_status("way-forward-aanbevelingen", "aangehaakt", "deels")
        meeting.add_action("Notitie sturen", "Anna", "april")
        meeting.park("Later bespreken")
        meeting.set_key_message("Kern")
        [path] = write_all_bundles(session_bundles(db), folder / "bundles")
    finally:
        db.conn.close()
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def manager_db(tmp_path) -> Path:
    path = tmp_path / "manager.db"
    db = open_database(path)
    try:
        from grow_app.services.catalog import load_catalog

        catalog = load_catalog()
        own = add_partnership(db, "Bestaand partnerschap", "Elders", ["mbo"])
        session = start_session(db, catalog, own, "gesprekskaart-sop", date="2026-03-01")
        Meeting(db, catalog.get("gesprekskaart-sop"), session).set_key_message("Van ons")
    finally:
        db.conn.close()
    return path


def _other_partnership(path: Path) -> list:
    """The manager's own partnership and its sessions, exactly as stored."""
    conn = sqlite3.connect(path)
    try:
        return [
            *conn.execute("SELECT * FROM partnerships WHERE name = 'Bestaand partnerschap'"),
            *conn.execute(
                "SELECT s.* FROM sessions s JOIN partnerships p ON p.id = s.partnership_id "
                "WHERE p.name = 'Bestaand partnerschap'"
            ),
        ]
    finally:
        conn.close()


def _mutate(data, document: dict) -> bytes:
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="mutations")):
        places = list(_nodes(document))
        if not places:
            break
        how = data.draw(st.sampled_from(["json", "text", "typed", "remove"]), label="how")
        if how == "typed":  # what a user types: hostile text in a field people fill in
            places = [p for p in places if p[-1] in TYPED_FIELDS] or places
            how = "text"
        path = data.draw(st.sampled_from(places), label="where")
        parent, key = _parent(document, path), path[-1]
        if how == "remove":
            del parent[key]
        else:
            parent[key] = data.draw(JSON if how == "json" else HOSTILE_TEXT, label="new value")
    text = json.dumps(document, ensure_ascii=data.draw(st.booleans(), label="ascii"))
    raw = text.encode("utf-8", "surrogatepass")  # lone surrogates as raw (invalid) UTF-8
    damage = data.draw(
        st.sampled_from(["none", "none", "none", "cut", "flip", "insert"]), label="damage"
    )
    if damage != "none" and raw:
        at = data.draw(st.integers(min_value=0, max_value=len(raw) - 1), label="at")
        if damage == "cut":
            raw = raw[:at]
        elif damage == "flip":
            raw = raw[:at] + bytes([raw[at] ^ 0xFF]) + raw[at + 1 :]
        else:
            raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=4), label="bytes") + raw[at:]
    return raw


def test_mutated_bundles_import_or_are_refused_in_one_line_leaving_the_file_as_it_was(
    base_bundle, manager_db, tmp_path, grow_cli
):
    bundle = tmp_path / "bundle.json"
    outcomes = {"imported": 0, "refused": 0}

    @settings(
        max_examples=IMPORT_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def check(data):
        bundle.write_bytes(_mutate(data, base_bundle))
        before = sha256(manager_db)
        other_before = _other_partnership(manager_db)
        result = grow_cli("import", str(bundle), db=manager_db)
        assert "Traceback" not in result.output + result.stderr
        assert _other_partnership(manager_db) == other_before  # not in the bundle: untouched
        if result.exit_code == 1:
            outcomes["refused"] += 1
            lines = result.stderr.strip().splitlines()
            assert lines and all(str(bundle) in line for line in lines), result.stderr
            assert sha256(manager_db) == before
            assert not Path(f"{manager_db}-wal").exists()
        else:
            assert result.exit_code == 0, result.stderr
            outcomes["imported"] += 1
            db = open_database(manager_db)
            try:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                db.conn.close()

    check()
    print(f"\n{IMPORT_EXAMPLES} mutated bundles: {outcomes}")
    assert outcomes["refused"] > 0 and outcomes["imported"] > 0  # both paths were exercised
