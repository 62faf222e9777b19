"""Progress counted by SQLite (store/progress.py) means what it means in a meeting."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grow_app.card.cache import summarise
from grow_app.services.catalog import load_catalog
from grow_app.services.meeting import Meeting
from grow_app.services.overview import progress_keys, session_overviews
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from grow_app.store.clock import new_id, now_iso
from grow_app.store.progress import WHITESPACE, count_answered
from grow_app.store.reader import ReadOnlyDatabase
from grow_app.store.trash import mark_deleted

CATALOG = load_catalog()
CARDS = list(CATALOG)
# Blank to str.strip(), but not to SQLite's plain trim(): the places where the two could differ.
ODD_SPACES = [
    " ",
    "\t",
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\xa0",
    "\u2003",
    "\u2028",
    "\u3000",
]
texts = st.one_of(
    st.lists(st.sampled_from(ODD_SPACES), max_size=3).map("".join),
    st.text(alphabet=st.sampled_from(["a", "é", *ODD_SPACES]), max_size=6),
)


@st.composite
def sessions(draw):
    card = draw(st.sampled_from(CARDS))
    questions = list(card.questions())
    answers = {}
    for question in draw(st.lists(st.sampled_from(questions), max_size=12)):
        keys = card.answer_keys(question) or [""]
        key = draw(st.sampled_from([*keys, "vreemd", "onbekend|x"]))
        answers[(question.id, key)] = draw(texts)
    statuses = {}
    recommendations = [q for q in questions if q.kind == "recommendations"]
    for question in draw(st.lists(st.sampled_from(recommendations or questions), max_size=4)):
        key = draw(st.sampled_from([*(i.key for i in question.items), "vreemd"]))
        statuses[(question.id, key)] = draw(st.sampled_from(["ja", "deels", "nee", "nvt", ""]))
    # (deleted, wat, wie, wanneer): an added row that is still empty, or blank to strip() only,
    # does not make the action question answered
    actions = draw(st.lists(st.tuples(st.booleans(), texts, texts, texts), max_size=3))
    return card, answers, statuses, actions, draw(texts)


def _fill(db, session_id: str, answers, statuses, actions, key_message: str) -> None:
    stamp = now_iso()
    for (question_id, key), text in answers.items():
        db.execute(
            "INSERT INTO answers (session_id, question_id, item_key, text, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [session_id, question_id, key, text, stamp],
        )
    for (question_id, key), status in statuses.items():
        db.execute(
            "INSERT INTO recommendation_statuses "
            "(session_id, question_id, item_key, status, updated_at) VALUES (?, ?, ?, ?, ?)",
            [session_id, question_id, key, status, stamp],
        )
    for deleted, wat, wie, wanneer in actions:
        db.execute(
            "INSERT INTO actions (id, session_id, question_id, wat, wie, wanneer, created_at, "
            "updated_at, deleted_at) VALUES (?, ?, 'acties', ?, ?, ?, ?, ?, ?)",
            [new_id(), session_id, wat, wie, wanneer, stamp, stamp, stamp if deleted else None],
        )
    db.execute("UPDATE sessions SET key_message = ? WHERE id = ?", [key_message, session_id])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_counted_by_sqlite_as_the_meeting_counts(case):
    card, answers, statuses, actions, key_message = case
    db = open_database(":memory:")
    try:
        owner = add_partnership(db, "AOS", "Achterhoek", ["vo"])
        session = start_session(db, CATALOG, owner, card.id)
        _fill(db, session.id, answers, statuses, actions, key_message)
        meeting = Meeting(db, card, Meeting.open(db, CATALOG, session.id).session)
        summary = summarise(card, CATALOG.sources[card.id])
        keys = progress_keys(summary)
        counted = count_answered(db, card.id, keys)[session.id]
        assert (counted.answered(keys), summary.progress_total) == meeting.overall_progress()
        read_only = ReadOnlyDatabase(db.conn)
        assert count_answered(read_only, card.id, keys) == count_answered(db, card.id, keys)
    finally:
        db.conn.close()


def test_the_list_counts_every_session_and_leaves_out_the_trash(fresh_db):
    index_cards = {c.id: summarise(c, CATALOG.sources[c.id]) for c in CATALOG}

    class Index:
        cards = index_cards

    made = []
    for n in range(4):
        owner = add_partnership(fresh_db, f"P{n}", "R", ["vo"])
        made.append(start_session(fresh_db, CATALOG, owner, "gesprekskaart-sop"))
        meeting = Meeting(fresh_db, CATALOG.get("gesprekskaart-sop"), made[-1])
        for question in list(meeting.card.questions())[:n]:
            keys = meeting.card.answer_keys(question)
            if keys:
                meeting.save_answer(question.id, keys[0], "Een antwoord")
    mark_deleted(fresh_db, "sessions", made[3].id)
    listed = session_overviews(fresh_db, Index)
    assert [s.partnership_name for s in listed] == ["P0", "P1", "P2"]
    for overview, session in zip(listed, made, strict=False):
        meeting = Meeting(fresh_db, CATALOG.get(session.card_id), session)
        assert (overview.answered, overview.questions) == meeting.overall_progress()
    fresh_db.execute("UPDATE sessions SET card_id = 'weg' WHERE id = ?", [made[0].id])
    gone = session_overviews(fresh_db, Index)[0]
    assert gone.card_missing and (gone.answered, gone.questions) == (0, 0)


def test_the_whitespace_handed_to_sqlite_is_what_str_strip_removes():
    assert set(WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}
