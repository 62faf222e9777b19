"""Trash, not delete: trashed partnerships and sessions disappear, come back, and go for good."""

from __future__ import annotations

import pytest

from grow_app.errors import GrowError, NotFoundError
from grow_app.services import trash
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership, find_partnership, list_partnerships
from grow_app.services.sessions import find_session, list_sessions, start_session


@pytest.fixture
def two_sessions(fresh_db, catalog):
    owner = add_partnership(fresh_db, "AOS Oost Nederland")
    first = start_session(fresh_db, catalog, owner, "gesprekskaart-sop", date="2026-03-01")
    second = start_session(fresh_db, catalog, owner, "gesprekskaart-sop", date="2026-04-01")
    Meeting(fresh_db, catalog.get("gesprekskaart-sop"), first).save_answer("g1", "", "Ons doel")
    return owner, first, second


def test_trashed_partnership_hides_its_sessions_and_restore_brings_them_back(
    fresh_db, two_sessions
):
    owner, first, second = two_sessions
    trash.trash_partnership(fresh_db, owner.id)

    assert list_partnerships(fresh_db) == []
    assert list_sessions(fresh_db) == []
    with pytest.raises(NotFoundError):
        find_session(fresh_db, first.id)
    with pytest.raises(NotFoundError):
        find_session(fresh_db, first.id[:8])
    [item] = trash.list_trash(fresh_db)
    assert (item["kind"], item["label"], item["sessions"]) == ("partnership", owner.name, 2)

    done = trash.restore_ref(fresh_db, owner.id[:6])

    assert done.kind == "partnership" and done.renamed_to is None
    assert {s.id for s in list_sessions(fresh_db)} == {first.id, second.id}
    assert find_session(fresh_db, first.id[:8]).id == first.id
    assert trash.list_trash(fresh_db) == []


def test_restoring_a_session_of_a_trashed_partnership_restores_the_partnership(
    fresh_db, two_sessions
):
    owner, first, _second = two_sessions
    trash.trash_session(fresh_db, first.id)
    trash.trash_partnership(fresh_db, owner.id)

    done = trash.restore_ref(fresh_db, first.id)

    assert done.parent_restored == owner.name
    assert find_partnership(fresh_db, owner.name).id == owner.id
    assert len(list_sessions(fresh_db)) == 2


def test_restored_partnership_whose_name_was_taken_gets_a_new_name(fresh_db, two_sessions):
    owner, _first, _second = two_sessions
    trash.trash_partnership(fresh_db, owner.id)
    add_partnership(fresh_db, owner.name)

    done = trash.restore_ref(fresh_db, owner.id)

    assert done.renamed_to == f"{owner.name} (teruggezet)"
    names = sorted(p.name for p in list_partnerships(fresh_db))
    assert names == [owner.name, f"{owner.name} (teruggezet)"]


def test_empty_removes_for_good_including_answers(fresh_db, two_sessions):
    owner, _first, _second = two_sessions
    other = add_partnership(fresh_db, "Kop van Noord-Holland")
    trash.trash_partnership(fresh_db, owner.id)

    assert trash.empty_trash(fresh_db) == 1

    assert [p.id for p in list_partnerships(fresh_db)] == [other.id]
    assert fresh_db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    assert fresh_db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
    assert fresh_db.execute("SELECT count(*) FROM answer_history").fetchone()[0] == 0
    assert trash.list_trash(fresh_db) == []


def test_unknown_short_and_ambiguous_references_are_refused(fresh_db, catalog):
    owner = add_partnership(fresh_db, "Eén")
    trash.trash_partnership(fresh_db, owner.id)
    with pytest.raises(NotFoundError, match="niet in de prullenbak"):
        trash.restore_ref(fresh_db, "zzzz")
    with pytest.raises(NotFoundError):
        trash.restore_ref(fresh_db, owner.id[:3])  # too short to be a prefix
    from grow_app.store.sessions import insert_session

    for suffix in ("1111", "2222"):
        session_id = f"abcd{suffix}-0000-4000-8000-000000000000"
        insert_session(
            fresh_db,
            partnership_id=add_partnership(fresh_db, f"P{suffix}").id,
            card_id="gesprekskaart-sop",
            card_version="1",
            date="2026-03-01",
            id=session_id,
        )
        trash.trash_session(fresh_db, session_id)
    with pytest.raises(GrowError, match="niet eenduidig: 2"):
        trash.restore_ref(fresh_db, "abcd")
    assert trash.restore_ref(fresh_db, "abcd1").label.startswith("P1111")
