"""Store round trips: what is written comes back, history is appended, deletes are soft."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grow_app.records import Participant
from grow_app.store import actions as action_store
from grow_app.store import answers as answer_store
from grow_app.store import partnerships as partnership_store
from grow_app.store import sessions as session_store
from grow_app.store.connection import open_database, write


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.conn.close()


@pytest.fixture
def partnership(db):
    return partnership_store.insert_partnership(
        db, "AOS Oost Nederland", "Achterhoek", ("vo", "po")
    )


@pytest.fixture
def session_id(db, partnership):
    return session_store.insert_session(
        db,
        partnership_id=partnership.id,
        card_id="gesprekskaart-sop",
        card_version="1.0",
        date="2026-03-14",
        facilitator="Anna de Vries",
        participants=[Participant("Bram Jansen", "HAN", "opleider"), Participant("Chloë Ünal")],
    )


def assert_utc_iso(stamp: str) -> None:
    parsed = datetime.fromisoformat(stamp)
    assert parsed.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - parsed) < timedelta(minutes=5)


def table_count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# -- partnerships ----------------------------------------------------------------------------------


def test_partnership_round_trip(db, partnership):
    again = partnership_store.get_partnership(db, partnership.id)
    assert again == partnership
    assert again.sectors == ("vo", "po")
    assert again.region == "Achterhoek"
    assert len(again.id) == 36  # a UUID: sessions travel between laptops
    assert_utc_iso(again.created_at)
    assert partnership_store.find_partnerships_by_name(db, "aos oost nederland") == [again]


def test_partnerships_are_listed_by_name_and_updated(db, partnership):
    other = partnership_store.insert_partnership(db, "apeldoorn opleidt")
    assert [p.name for p in partnership_store.list_partnerships(db)] == [
        "AOS Oost Nederland",
        "apeldoorn opleidt",
    ]
    partnership_store.update_partnership(db, other.id, name="Zwolle Opleidt", sectors=("mbo",))
    updated = partnership_store.get_partnership(db, other.id)
    assert (updated.name, updated.sectors) == ("Zwolle Opleidt", ("mbo",))
    assert updated.updated_at > updated.created_at


# -- sessions and participants ---------------------------------------------------------------------


def test_session_round_trip_with_participants(db, partnership, session_id):
    session = session_store.get_session(db, session_id)
    assert session.partnership_id == partnership.id
    assert session.partnership_name == "AOS Oost Nederland"
    assert (session.card_id, session.card_version, session.date) == (
        "gesprekskaart-sop",
        "1.0",
        "2026-03-14",
    )
    assert session.facilitator == "Anna de Vries"
    assert session.key_message == "" and session.phase_minutes == {}
    assert_utc_iso(session.created_at)
    people = session_store.list_participants(db, session_id)
    assert [(p.name, p.organisation, p.role) for p in people] == [
        ("Bram Jansen", "HAN", "opleider"),
        ("Chloë Ünal", "", ""),
    ]
    assert all(p.id for p in people)


def test_participants_are_replaced_in_order(db, session_id):
    session_store.replace_participants(
        db, session_id, [Participant("Zoë"), Participant("Abel", "ROC", "docent")]
    )
    assert [p.name for p in session_store.list_participants(db, session_id)] == ["Zoë", "Abel"]


def test_session_update_prefix_and_list(db, partnership, session_id):
    session_store.update_session(
        db, session_id, key_message="Samen sterker.", phase_minutes={"goal": 25}
    )
    session = session_store.get_session(db, session_id)
    assert session.key_message == "Samen sterker."
    assert session.phase_minutes == {"goal": 25}
    assert [s.id for s in session_store.sessions_with_prefix(db, session_id[:6])] == [session_id]
    assert session_store.sessions_with_prefix(db, "%") == []  # LIKE wildcards are literal
    assert session_store.sessions_with_prefix(db, "_") == []
    listed = session_store.list_sessions(db, partnership_id=partnership.id)
    assert [s.id for s in listed] == [session_id]
    assert partnership_store.session_counts(db) == {partnership.id: 1}


def test_a_session_needs_an_existing_partnership(db):
    """Foreign keys are on: a session cannot point at a partnership that does not exist."""
    with pytest.raises(sqlite3.IntegrityError):
        session_store.insert_session(
            db, partnership_id="bestaat-niet", card_id="x", card_version="1", date="2026-01-01"
        )
    assert table_count(db, "sessions") == 0


# -- answers and their history ---------------------------------------------------------------------


def test_answers_append_history_per_change_and_none_when_unchanged(db, session_id):
    before = session_store.get_session(db, session_id).updated_at
    assert answer_store.save_answer(db, session_id, "goal-doelen", "", "Eerste versie") is True
    assert answer_store.save_answer(db, session_id, "goal-doelen", "", "Eerste versie") is False
    assert answer_store.save_answer(db, session_id, "goal-doelen", "", "Tweede versie") is True
    assert answer_store.save_answer(db, session_id, "goal-verhouding", "functies", "") is False
    assert answer_store.save_answer(db, session_id, "goal-doelen", "", "") is True  # cleared

    revisions = answer_store.history(db, session_id, "goal-doelen")
    assert [r.text for r in revisions] == ["", "Tweede versie", "Eerste versie"]  # newest first
    for revision in revisions:
        assert_utc_iso(revision.saved_at)
    assert table_count(db, "answer_history") == 3
    answers = answer_store.load_answers(db, session_id)
    assert set(answers) == {("goal-doelen", "")}
    assert answers[("goal-doelen", "")].text == ""
    assert session_store.get_session(db, session_id).updated_at > before


def test_answers_are_kept_per_item_key(db, session_id):
    answer_store.save_answer(db, session_id, "goal-verhouding", "functies", "Alle vijf")
    answer_store.save_answer(db, session_id, "goal-verhouding", "ambitie", "Nog niet")
    answer_store.save_answer(db, session_id, "raster", "werven|school", "Open dagen")
    answers = answer_store.load_answers(db, session_id)
    assert {k: a.text for k, a in answers.items()} == {
        ("goal-verhouding", "functies"): "Alle vijf",
        ("goal-verhouding", "ambitie"): "Nog niet",
        ("raster", "werven|school"): "Open dagen",
    }
    assert answer_store.history(db, session_id, "goal-verhouding", "ambitie")[0].text == "Nog niet"


def test_unicode_answers_round_trip_exactly(db, session_id):
    text = "Überleg 👩‍🏫 met ‘quotes’ — en עברית\nregel twee\ttab"
    answer_store.save_answer(db, session_id, "goal-doelen", "", text)
    assert answer_store.load_answers(db, session_id)[("goal-doelen", "")].text == text


def test_recommendation_statuses_round_trip(db, session_id):
    answer_store.set_status(db, session_id, "aanbevelingen", "aangehaakt", "ja")
    answer_store.set_status(db, session_id, "aanbevelingen", "aangehaakt", "deels")
    answer_store.set_status(db, session_id, "aanbevelingen", "meerwaarde", "nvt")
    answer_store.set_status(db, session_id, "aanbevelingen", "leeg", "")
    assert answer_store.load_statuses(db, session_id) == {
        ("aanbevelingen", "aangehaakt"): "deels",
        ("aanbevelingen", "meerwaarde"): "nvt",
    }
    with pytest.raises(sqlite3.IntegrityError):
        answer_store.set_status(db, session_id, "aanbevelingen", "aangehaakt", "misschien")
    assert answer_store.load_statuses(db, session_id)[("aanbevelingen", "aangehaakt")] == "deels"


# -- actions and the parking lot -------------------------------------------------------------------


def test_actions_round_trip_and_soft_delete(db, session_id):
    first = action_store.insert_action(
        db, session_id, "acties", wat="Notitie", wie="Anna", wanneer="mei"
    )
    second = action_store.insert_action(db, session_id, "acties", wat="Overleg bestuur")
    action_store.update_action(db, second, wie="Bram", status="loopt")
    listed = action_store.list_actions(db, session_id)
    assert [(a.wat, a.wie, a.wanneer, a.status, a.position) for a in listed] == [
        ("Notitie", "Anna", "mei", "open", 0),
        ("Overleg bestuur", "Bram", "", "loopt", 1),
    ]
    action_store.remove_action(db, first)
    assert [a.id for a in action_store.list_actions(db, session_id)] == [second]
    kept = db.execute("SELECT wat, deleted_at FROM actions WHERE id = ?", [first]).fetchone()
    assert kept[0] == "Notitie" and kept[1] is not None  # the row is still there
    assert_utc_iso(kept[1])
    with pytest.raises(sqlite3.IntegrityError):
        action_store.update_action(db, second, status="half")


def test_parking_lot_round_trip(db, session_id):
    first = action_store.insert_parking(db, session_id, "Financiering later bespreken")
    action_store.insert_parking(db, session_id, "Rol van de gemeente")
    action_store.update_parking(db, first, text="Financiering in juni bespreken")
    items = action_store.list_parking(db, session_id)
    assert [(i.text, i.position) for i in items] == [
        ("Financiering in juni bespreken", 0),
        ("Rol van de gemeente", 1),
    ]
    action_store.update_parking(db, first, deleted_at="2026-03-14T10:00:00+00:00")
    assert [i.text for i in action_store.list_parking(db, session_id)] == ["Rol van de gemeente"]


# -- trash -------------------------------------------------------------------------------------------


def test_trash_hides_restores_and_purges(db, partnership, session_id):
    from grow_app.services import trash

    answer_store.save_answer(db, session_id, "goal-doelen", "", "Iets")
    trash.trash_session(db, session_id)
    assert session_store.list_sessions(db) == []
    assert session_store.sessions_with_prefix(db, session_id[:8]) == []
    (item,) = trash.list_trash(db)
    assert (item["kind"], item["id"]) == ("session", session_id)
    assert "AOS Oost Nederland" in item["label"]
    assert trash.restore_item(db, "session", session_id) is True
    assert trash.restore_item(db, "session", session_id) is False  # nothing left to restore
    assert [s.id for s in session_store.list_sessions(db)] == [session_id]

    trash.trash_partnership(db, partnership.id)
    assert partnership_store.list_partnerships(db) == []
    assert session_store.list_sessions(db) == []  # a trashed partnership hides its sessions
    assert trash.empty_trash(db) == 1
    # Emptying the trash removes the partnership, and with it (cascade) its sessions and answers.
    for table in ("partnerships", "sessions", "participants", "answers", "answer_history"):
        assert table_count(db, table) == 0, table


# -- the write transaction -------------------------------------------------------------------------


def test_write_rolls_back_everything_on_error(db, partnership):
    with pytest.raises(RuntimeError), write(db):
        db["partnerships"].update(partnership.id, {"name": "Half"})
        raise RuntimeError("stroom weg")
    assert partnership_store.get_partnership(db, partnership.id).name == "AOS Oost Nederland"
    assert not db.conn.in_transaction


def test_nested_write_joins_the_outer_transaction(db, session_id):
    with pytest.raises(RuntimeError), write(db):
        answer_store.save_answer(db, session_id, "goal-doelen", "", "Binnen")
        raise RuntimeError
    assert answer_store.load_answers(db, session_id) == {}
    assert table_count(db, "answer_history") == 0


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.sampled_from(["", "a", "b", "Één 👍"]) | st.text(max_size=5), max_size=12))
def test_history_is_every_change_in_order(fresh_db, texts):
    partner = partnership_store.insert_partnership(fresh_db, "P")
    session_id = session_store.insert_session(
        fresh_db, partnership_id=partner.id, card_id="c", card_version="1", date="2026-01-01"
    )
    expected: list[str] = []
    current = ""
    for text in texts:
        changed = answer_store.save_answer(fresh_db, session_id, "q", "", text)
        assert changed == (text != current)
        if changed:
            expected.append(text)
            current = text
    revisions = answer_store.history(fresh_db, session_id, "q")
    assert [r.text for r in reversed(revisions)] == expected
    stored = answer_store.load_answers(fresh_db, session_id).get(("q", ""))
    assert (stored.text if stored else "") == current
