"""The example database: a recommendation's explanation says what its status says."""

from __future__ import annotations

from grow_app.services.demo import RECOMMENDATION_EXAMPLES, SOP_CARD, create_demo_database
from grow_app.services.meeting import Meeting
from grow_app.store import open_database
from grow_app.store.sessions import list_sessions


def test_every_example_explanation_matches_its_status(tmp_path, catalog):
    path = tmp_path / "demo.db"
    create_demo_database(path, catalog)
    db = open_database(path)
    try:
        card = catalog.get(SOP_CARD)
        question = next(q for q in card.questions() if q.kind == "recommendations")
        seen = set()
        for session in list_sessions(db):
            if session.card_id != SOP_CARD:
                continue
            meeting = Meeting(db, card, session)
            for item in question.items:
                status = meeting.status(question.id, item.key)
                explanation = meeting.answer(question.id, item.key)
                assert explanation.endswith(RECOMMENDATION_EXAMPLES[status]), (status, explanation)
                seen.add(status)
        assert {"ja", "deels", "nee"} <= seen  # the matrix shows more than one colour
    finally:
        db.conn.close()
