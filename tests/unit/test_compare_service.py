"""The comparison service: which sessions are compared, and the counts it shows."""

from __future__ import annotations

import pytest

from grow_app.services import compare
from grow_app.services.compare import Filters
from grow_app.services.demo import fill_demo
from grow_app.services.meeting import Meeting
from grow_app.services.sessions import start_session


@pytest.fixture
def demo_db(fresh_db, catalog):
    fill_demo(fresh_db, catalog)
    return fresh_db


def test_latest_session_per_partnership(demo_db, catalog):
    card = catalog.get("gesprekskaart-sop")
    sessions = compare.select_sessions(demo_db, card)
    assert [s.name for s in sessions] == [
        "AOS Oost Nederland",
        "Opleidingsschool Nijmegen MBO (ON MBO)",
        "Veelzijdig opleiden in diversiteit",
    ]
    aos = sessions[0]
    assert aos.date.startswith("2026")  # the 2026 session, not the 2025 one
    over_time = compare.sessions_over_time(demo_db, card, aos.partnership_id)
    assert [s.date[:4] for s in over_time] == ["2025", "2026"]


def test_filters_by_region_sector_and_name(demo_db, catalog):
    card = catalog.get("gesprekskaart-sop")
    by_region = compare.select_sessions(demo_db, card, Filters(region="Rijk van Nijmegen"))
    assert {s.name for s in by_region} == {
        "Opleidingsschool Nijmegen MBO (ON MBO)",
        "Veelzijdig opleiden in diversiteit",
    }
    by_sector = compare.select_sessions(demo_db, card, Filters(sector="vso"))
    assert [s.name for s in by_sector] == ["Veelzijdig opleiden in diversiteit"]
    by_search = compare.select_sessions(demo_db, card, Filters(search="mbo"))
    assert [s.name for s in by_search] == ["Opleidingsschool Nijmegen MBO (ON MBO)"]
    none = compare.select_sessions(demo_db, card, Filters(search="100%_"))
    assert none == []
    regions, sectors = compare.filter_choices(demo_db)
    assert regions == ["Achterhoek", "Rijk van Nijmegen"]
    assert set(sectors) == {"mbo", "po", "vo", "vso"}


def test_overview_counts_answered_questions_per_phase(fresh_db, catalog, sop_meeting):
    card = sop_meeting.card
    sop_meeting.save_answer("goal-doelen", "", "Iets")
    sop_meeting.save_answer("goal-verhouding", "ambitie", "Nog iets")
    sop_meeting.save_answer("reality-meerwaarde", "", "   ")  # only spaces: not answered
    sop_meeting.set_status("way-forward-aanbevelingen", "aangehaakt", "ja")
    sop_meeting.add_action("Plan", "Anna", "juni")
    sessions = compare.select_sessions(fresh_db, card)
    counts = compare.overview(fresh_db, card, sessions)[sop_meeting.session.id]
    phases = [p.id for p in card.phases]
    assert counts[phases.index("goal")] == (2, 4)
    assert counts[phases.index("reality")][0] == 0
    assert counts[phases.index("way-forward")] == (2, 2)


def test_heatmap_counts_partnerships_per_cell_and_lists_activities(demo_db, catalog):
    card = catalog.get("strategiesessie-schaalniveaus")
    question = compare.grid_questions(card)[0]
    sessions = compare.select_sessions(demo_db, card)
    heat = compare.heatmap(demo_db, card, sessions, question)
    # Count by hand from the stored answers.
    expected: dict[tuple[str, str], int] = {}
    for s in sessions:
        answers = Meeting.open(demo_db, catalog, s.session_id).answers
        for (_q, key), answer in answers.items():
            if answer.text.strip():
                row, col = key.split("|")
                expected[(row, col)] = expected.get((row, col), 0) + 1
    assert expected
    for (row, col), count in expected.items():
        assert heat.count(row, col) == count
    (row, col), count = max(expected.items(), key=lambda kv: kv[1])
    found = compare.cell_activities(demo_db, sessions, question, row, col)
    assert len(found) == count
    assert all(text.startswith("[Voorbeeld]") for _s, text in found)


def test_trashed_sessions_are_not_compared(fresh_db, catalog, sop_meeting):
    card = sop_meeting.card
    later = start_session(
        fresh_db,
        catalog,
        _partnership(fresh_db),
        card.id,
        date="2027-01-01",
    )
    assert compare.select_sessions(fresh_db, card)[0].session_id == later.id
    fresh_db.execute("UPDATE sessions SET deleted_at = '2027-01-02' WHERE id = ?", [later.id])
    assert compare.select_sessions(fresh_db, card)[0].session_id == sop_meeting.session.id


def _partnership(db):
    from grow_app.services.partnerships import find_partnership

    return find_partnership(db, "AOS Oost Nederland")


def test_a_comparison_lists_actions_by_their_deadline_with_the_year_they_mean(
    fresh_db, catalog, sop_meeting
):
    sop_meeting.add_action("Bestuur informeren", "Bram", "zsm")
    sop_meeting.add_action("Notitie schrijven", "Anna", "20 januari")
    sop_meeting.add_action("Plan maken", "Carla", "eind juni")
    card = sop_meeting.card
    sessions = compare.select_sessions(fresh_db, card)
    question = sop_meeting.actions_question()
    text = compare.question_answers(fresh_db, sessions, question)[sop_meeting.session.id][""]
    assert sop_meeting.session.date == "2026-03-14"  # the years follow from it
    assert text.splitlines() == [
        "Plan maken — Carla — eind juni 2026 (open)",
        "Notitie schrijven — Anna — 20 januari 2027 (open)",
        "Bestuur informeren — Bram — zsm (open)",
    ]


def test_actions_in_a_comparison_speak_its_language_status_and_all(fresh_db, sop_meeting):
    """The Word comparison of an English card showed an action's status as stored ('klaar'),
    beside English dates: now in the language asked for, like the date."""
    done = sop_meeting.add_action("Plan maken", "Carla", "eind juni")
    sop_meeting.apply(sop_meeting.edit_record("action", done, "status", "klaar"))
    sessions = compare.select_sessions(fresh_db, sop_meeting.card)
    question = sop_meeting.actions_question()
    sid = sop_meeting.session.id
    english = compare.question_answers(fresh_db, sessions, question, "en")[sid][""]
    dutch = compare.question_answers(fresh_db, sessions, question, "nl")[sid][""]
    assert english == "Plan maken — Carla — end of June 2026 (done)"
    assert dutch == "Plan maken — Carla — eind juni 2026 (klaar)"
