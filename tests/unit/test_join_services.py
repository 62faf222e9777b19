"""Joining by code, contributions and dot votes, through the services (no web, no Textual)."""

from __future__ import annotations

import datetime as dt

import pytest

from grow_app.errors import GrowError, NotFoundError
from grow_app.i18n import t
from grow_app.join_records import HIDDEN, MERGED, PARKED, SHOWN, SILENT_MODE, TAKEN
from grow_app.services import contributions, joining, participation, voting
from grow_app.services.contributions import ContributionRefused
from grow_app.services.joining import JoinRefused
from grow_app.services.voting import VoteRefused
from grow_app.store import contributions as contribution_store

FIRST = "goal-doelen"  # a free-text question of the main card
ITEMS = "goal-verhouding"  # a per_item question with two items


@pytest.fixture
def room(sop_meeting):
    """An open join with two participants on the main card's session."""
    db, session = sop_meeting.db, sop_meeting.session
    join = joining.open_join(db, session.id, allow_anonymous=True)
    anna = joining.register_device(db, join, "token-anna", "Anna")
    bram = joining.register_device(db, join, "token-bram", "Bram")
    return sop_meeting, join, anna, bram


def second_session(meeting):
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session

    other = add_partnership(meeting.db, "Partnerschap Zuid", "Limburg", ["po"])
    from grow_app.services.catalog import load_catalog

    return start_session(meeting.db, load_catalog(), other, "gesprekskaart-sop")


# -- codes ----------------------------------------------------------------------------------------
def test_a_code_is_short_unambiguous_and_typed_loosely(sop_meeting):
    join = joining.open_join(sop_meeting.db, sop_meeting.session.id[:8])
    assert len(join.code) == 6
    assert set(join.code) <= set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    typed = f" {join.code[:3].lower()}-{join.code[3:].lower()} "
    assert joining.check_code(sop_meeting.db, typed).id == join.id


def test_reopening_gives_a_new_code_and_the_old_one_stops(sop_meeting):
    db, session_id = sop_meeting.db, sop_meeting.session.id
    first = joining.open_join(db, session_id)
    second = joining.open_join(db, session_id)
    assert joining.active_join(db, session_id).id == second.id
    with pytest.raises(JoinRefused) as refused:
        joining.check_code(db, first.code)
    assert refused.value.reason == "closed"
    assert "gesloten" in refused.value.message
    assert joining.close_join(db, session_id) == 1
    with pytest.raises(JoinRefused, match="niet meer meedoen"):
        joining.check_code(db, second.code)
    assert joining.active_join(db, session_id) is None


def test_an_expired_or_unknown_code_is_refused_in_dutch(sop_meeting):
    db = sop_meeting.db
    join = joining.open_join(db, sop_meeting.session.id, hours=0)
    with pytest.raises(JoinRefused) as refused:
        joining.check_code(db, join.code)
    assert refused.value.reason == "expired" and "verlopen" in refused.value.message
    for typed in ("", "ABC", "0OIL10", "K7M4QX2", "<script>"):
        with pytest.raises(JoinRefused, match="Deze code klopt niet"):
            joining.check_code(db, typed)


def test_a_code_only_opens_its_own_session(sop_meeting):
    db = sop_meeting.db
    other = second_session(sop_meeting)
    join = joining.open_join(db, other.id)
    with pytest.raises(JoinRefused) as refused:
        joining.check_code(db, join.code, session_id=sop_meeting.session.id)
    assert refused.value.reason == "other_session"
    assert refused.value.message == t("join.code_unknown")  # no hint that the code exists


def test_a_trashed_session_cannot_be_opened(sop_meeting):
    from grow_app.services.trash import trash_session

    trash_session(sop_meeting.db, sop_meeting.session.id)
    with pytest.raises(NotFoundError):
        joining.open_join(sop_meeting.db, sop_meeting.session.id)


def test_names_and_anonymity(sop_meeting):
    db = sop_meeting.db
    join = joining.open_join(db, sop_meeting.session.id)
    with pytest.raises(GrowError, match="Vul je naam in"):
        joining.register_device(db, join, "t1", "   ")
    with pytest.raises(GrowError, match="vraagt iedereen om een naam"):
        joining.register_device(db, join, "t1", "", anonymous=True)
    with pytest.raises(GrowError, match="hoogstens 40"):
        joining.register_device(db, join, "t1", "x" * 41)
    device = joining.register_device(db, join, "t1", "  Anna \n de  Vries ")
    assert device.name == "Anna de Vries"
    assert device.id != "t1" and len(device.id) == 64  # the cookie itself is never stored
    renamed = joining.register_device(db, join, "t1", "Anna")
    assert (renamed.id, renamed.name, renamed.created_at) == (device.id, "Anna", device.created_at)
    assert joining.device_for(db, join, "t1") == renamed
    assert joining.device_for(db, join, "unknown") is None


# -- contributions --------------------------------------------------------------------------------
def test_sending_stores_a_cleaned_contribution_with_its_author(room):
    meeting, join, anna, _bram = room
    sent = contributions.send(
        meeting.db, meeting.card, join, anna, FIRST, "  Meer\x00 stageplekken\r\n\n"
    )
    assert (sent.text, sent.author, sent.state, sent.revision) == (
        "Meer stageplekken",
        "Anna",
        SHOWN,
        1,
    )
    stored = contribution_store.list_contributions(meeting.db, meeting.session.id, FIRST)
    assert stored == [sent]
    assert contributions.history(meeting.db, sent.id)[0][:2] == (1, SHOWN)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Typ eerst"), ("  \n ", "Typ eerst"), ("x" * 501, "501 tekens")],
)
def test_bad_contributions_store_nothing(room, text, message):
    meeting, join, anna, _bram = room
    with pytest.raises(ContributionRefused, match=message):
        contributions.send(meeting.db, meeting.card, join, anna, FIRST, text)
    with pytest.raises(ContributionRefused, match="hoort niet bij dit gesprek"):
        contributions.send(meeting.db, meeting.card, join, anna, "no-such-question", "tekst")
    assert contribution_store.list_contributions(meeting.db, meeting.session.id) == []


def test_one_device_cannot_flood_the_panel(room):
    meeting, join, anna, bram = room
    start = dt.datetime(2026, 3, 14, 10, 0, tzinfo=dt.UTC)

    def at(seconds: float) -> str:
        return (start + dt.timedelta(seconds=seconds)).isoformat(timespec="microseconds")

    for index in range(contributions.RATE_MAX):
        contributions.send(
            meeting.db, meeting.card, join, anna, FIRST, f"idee {index}", now=at(index)
        )
    with pytest.raises(ContributionRefused, match="over 53 seconden"):
        contributions.send(meeting.db, meeting.card, join, anna, FIRST, "nog een", now=at(7))
    # Another device is not held up; and a minute later Anna can send again.
    contributions.send(meeting.db, meeting.card, join, bram, FIRST, "van Bram", now=at(7))
    contributions.send(meeting.db, meeting.card, join, anna, FIRST, "later", now=at(61))
    count = len(contribution_store.list_contributions(meeting.db, meeting.session.id, FIRST))
    assert count == contributions.RATE_MAX + 2


def test_a_device_has_a_ceiling_per_question(room, monkeypatch):
    meeting, join, anna, _bram = room
    monkeypatch.setattr(contributions, "PER_QUESTION_MAX", 2)
    monkeypatch.setattr(contributions, "RATE_MAX", 100)
    for text in ("een", "twee"):
        contributions.send(meeting.db, meeting.card, join, anna, FIRST, text)
    with pytest.raises(ContributionRefused, match="al 2 bijdragen"):
        contributions.send(meeting.db, meeting.card, join, anna, FIRST, "drie")
    contributions.send(meeting.db, meeting.card, join, anna, ITEMS, "bij een andere vraag mag")


def test_every_move_of_the_facilitator_is_kept_in_the_history(room):
    meeting, join, anna, _bram = room
    db, session_id = meeting.db, meeting.session.id
    sent = contributions.send(db, meeting.card, join, anna, FIRST, "Samen opleiden")
    contributions.take(db, session_id, sent.id)
    contributions.park(db, session_id, sent.id)
    contributions.hide(db, session_id, sent.id)
    back = contributions.show(db, session_id, sent.id)
    assert (back.state, back.revision) == (SHOWN, 5)
    states = [row[1] for row in contributions.history(db, sent.id)]
    assert states == [SHOWN, TAKEN, PARKED, HIDDEN, SHOWN]
    # A move made on an older revision (another window was quicker) changes nothing.
    stale = contributions.hide(db, session_id, sent.id, revision=2)
    assert (stale.state, stale.revision) == (SHOWN, 5)
    # Another session's facilitator cannot touch it.
    other = second_session(meeting)
    with pytest.raises(GrowError, match="bestaat niet"):
        contributions.hide(db, other.id, sent.id)


def test_merging_groups_contributions_under_one_head(room):
    meeting, join, anna, bram = room
    db, session_id = meeting.db, meeting.session.id
    a = contributions.send(db, meeting.card, join, anna, FIRST, "stages")
    b = contributions.send(db, meeting.card, join, bram, FIRST, "stageplekken")
    c = contributions.send(db, meeting.card, join, bram, FIRST, "meer stages")
    contributions.merge(db, session_id, a.id, b.id)
    contributions.merge(db, session_id, b.id, c.id)  # b's group moves along to c
    state = contributions.panel_state(db, session_id, FIRST)
    assert [x.id for x in state.listed] == [c.id]
    assert state.merged_count(c.id) == 2
    assert state.count == 3
    with pytest.raises(GrowError, match="andere bijdrage"):
        contributions.merge(db, session_id, c.id, a.id)  # a's head is c itself
    elsewhere = contributions.send(db, meeting.card, join, anna, ITEMS, "ander")
    with pytest.raises(GrowError, match="dezelfde vraag"):
        contributions.merge(db, session_id, elsewhere.id, c.id)
    assert {x.state for x in state.contributions if x.id != c.id} == {MERGED}


# -- what participants see ------------------------------------------------------------------------
def test_silent_writing_shows_a_count_until_revealed(room):
    meeting, join, anna, bram = room
    db, session_id = meeting.db, meeting.session.id
    joining.follow(db, session_id, FIRST)
    joining.set_mode(db, session_id, FIRST, SILENT_MODE)
    contributions.send(db, meeting.card, join, anna, FIRST, "van Anna")
    contributions.send(db, meeting.card, join, bram, FIRST, "van Bram")
    seen_by_anna = participation.view(db, meeting.card, join, anna)
    assert [c.text for c in seen_by_anna.mine] == ["van Anna"]
    assert seen_by_anna.others == () and seen_by_anna.waiting == 1
    assert contributions.panel_state(db, session_id, FIRST).round.hidden_until_reveal
    joining.reveal(db, session_id, FIRST)
    seen_by_anna = participation.view(db, meeting.card, join, anna)
    assert [c.text for c in seen_by_anna.others] == ["van Bram"]
    assert seen_by_anna.waiting == 0
    # Open mode again, then silent: a new silent round hides what comes in from then on.
    joining.set_mode(db, session_id, FIRST, "open")
    assert joining.set_mode(db, session_id, FIRST, SILENT_MODE).revealed_at is None


def test_participants_follow_the_facilitator_and_see_the_answer(room):
    meeting, join, anna, _bram = room
    db, session_id = meeting.db, meeting.session.id
    assert participation.view(db, meeting.card, join, anna).question_id == FIRST  # the start
    assert joining.follow(db, session_id, ITEMS) is True
    assert joining.follow(db, session_id, ITEMS) is False  # unchanged: no write
    meeting.save_answer(ITEMS, "functies", "Werven en opleiden")
    view = participation.view(db, meeting.card, join, anna)
    assert view.question_id == ITEMS
    assert view.items == (
        "de vijf functies van de Onderwijsregio?",
        "de 100% Samen Opleiden ambitie in de Onderwijsregio?",
    )
    assert view.answers == (("de vijf functies van de Onderwijsregio?", "Werven en opleiden"),)
    assert view.heading == "AOS Oost Nederland · 14 maart 2026"


def test_nothing_of_another_session_reaches_a_participant(room):
    meeting, join, anna, _bram = room
    db = meeting.db
    other = second_session(meeting)
    other_join = joining.open_join(db, other.id)
    stranger = joining.register_device(db, other_join, "token-x", "Xander")
    contributions.send(db, meeting.card, other_join, stranger, FIRST, "geheim van Zuid")
    view = participation.view(db, meeting.card, join, anna)
    assert all("geheim" not in c.text for c in (*view.mine, *view.others))
    assert view.waiting == 0
    assert "Zuid" not in view.heading


def test_the_change_mark_moves_with_every_change(room):
    meeting, join, anna, _bram = room
    db, session_id = meeting.db, meeting.session.id
    mark = joining.change_mark(db, session_id)
    assert joining.changes_since(db, session_id, mark) is None
    sent = contributions.send(db, meeting.card, join, anna, FIRST, "nieuw")
    moved = joining.changes_since(db, session_id, mark)
    assert moved is not None and moved > mark
    contributions.hide(db, session_id, sent.id)
    assert joining.changes_since(db, session_id, moved) is not None
    before = participation.version(db, meeting.card, session_id)
    meeting.save_answer(FIRST, "", "De facilitator typt")
    assert participation.version(db, meeting.card, session_id) != before


# -- votes ----------------------------------------------------------------------------------------
def test_a_dot_vote_over_contributions(room):
    meeting, join, anna, bram = room
    db, session_id = meeting.db, meeting.session.id
    with pytest.raises(GrowError, match="vanaf twee"):
        voting.start_vote(db, meeting.card, session_id, FIRST)
    a = contributions.send(db, meeting.card, join, anna, FIRST, "stages")
    b = contributions.send(db, meeting.card, join, bram, FIRST, "begeleiding")
    hidden = contributions.send(db, meeting.card, join, bram, FIRST, "onzin")
    contributions.hide(db, session_id, hidden.id)
    vote = voting.start_vote(db, meeting.card, session_id, FIRST, budget=3)
    assert [o.key for o in vote.options] == [a.id, b.id]
    voting.cast(db, session_id, vote.id, anna, {a.id: 2, b.id: 1})
    voting.cast(db, session_id, vote.id, bram, {b.id: 1})
    voting.cast(db, session_id, vote.id, bram, {b.id: 3})  # changed: the newest ballot counts
    result = voting.result(db, vote)
    assert [(o.label, dots) for o, dots in result.totals] == [("begeleiding", 4), ("stages", 2)]
    assert result.voters == 2 and result.most == 4
    assert len(contribution_store.ballots(db, vote.id)) == 3  # every ballot kept


@pytest.mark.parametrize(
    ("dots", "message"),
    [
        ({"functies": 4}, "verdeelde 4 stippen, maar je hebt er 3"),
        ({"functies": -1}, "heel getal"),
        ({"functies": 0}, "minstens één stip"),
        ({"elders": 1}, "gesloten"),
    ],
)
def test_a_ballot_that_does_not_fit_is_refused(room, dots, message):
    meeting, _join, anna, _bram = room
    vote = voting.start_vote(meeting.db, meeting.card, meeting.session.id, ITEMS, "items")
    assert [o.key for o in vote.options] == ["functies", "ambitie"]
    with pytest.raises(VoteRefused, match=message):
        voting.cast(meeting.db, meeting.session.id, vote.id, anna, dots)
    assert contribution_store.ballots(meeting.db, vote.id) == []


def test_a_closed_vote_takes_no_more_ballots_and_stays_in_the_paper(room):
    meeting, _join, anna, bram = room
    db, session_id = meeting.db, meeting.session.id
    with pytest.raises(GrowError, match="geen onderdelen"):
        voting.start_vote(db, meeting.card, session_id, FIRST, "items")
    vote = voting.start_vote(db, meeting.card, session_id, ITEMS, "items", budget=2)
    voting.cast(db, session_id, vote.id, anna, {"ambitie": 2})
    voting.cast(db, session_id, vote.id, bram, {"ambitie": 1, "functies": 1})
    assert voting.close_vote(db, session_id, vote.id)
    with pytest.raises(VoteRefused, match="al gesloten"):
        voting.cast(db, session_id, vote.id, anna, {"functies": 1})
    snapshot = contributions.paper_snapshot(db, meeting.card, session_id)
    assert [q.question_id for q in snapshot.questions] == [ITEMS]
    (result,) = snapshot.questions[0].votes
    assert [(o.key, dots) for o, dots in result.totals] == [("ambitie", 3), ("functies", 1)]


def test_starting_a_new_vote_closes_the_open_one(room):
    meeting, _join, _anna, _bram = room
    db, session_id = meeting.db, meeting.session.id
    first = voting.start_vote(db, meeting.card, session_id, ITEMS, "items")
    second = voting.start_vote(db, meeting.card, session_id, ITEMS, "items", budget=5)
    assert voting.open_vote(db, session_id, ITEMS).id == second.id
    assert not next(v for v in voting.votes_for(db, session_id, ITEMS) if v.id == first.id).open


def test_a_database_from_before_joining_is_migrated_with_everything_kept(tmp_path):
    """A file made by a grow without the "contributions" migration opens, gains the tables,
    and keeps its answers."""
    import sqlite3

    from sqlite_utils import Database

    from grow_app.services.catalog import load_catalog
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database
    from grow_app.store.schema import migrations

    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="0003_contributions")
    old.execute("PRAGMA user_version = 1")
    assert "contributions" not in old.table_names()
    catalog = load_catalog()
    partnership = add_partnership(old, "AOS Oost Nederland", "Achterhoek", ["vo"])
    session = start_session(old, catalog, partnership, "gesprekskaart-sop")
    Meeting(old, catalog.get(session.card_id), session).save_answer(FIRST, "", "Van voor")
    old.conn.close()

    db = open_database(path)
    assert Meeting.open(db, catalog, session.id).answer(FIRST) == "Van voor"
    join = joining.open_join(db, session.id)
    assert joining.check_code(db, join.code).session_id == session.id
    assert "vote_ballots" in db.table_names()
    db.conn.close()


def test_the_joining_core_needs_no_web_and_no_textual():
    """Services, store and the appendix run in the CLI and in batch jobs: none of the layers
    above them may come along. (click is loaded by sqlite-utils itself; no grow module here
    uses it.)"""
    import subprocess
    import sys

    modules = [
        "grow_app.join_records",
        "grow_app.store.joining",
        "grow_app.store.contributions",
        "grow_app.store.contributions_bundle",
        "grow_app.services.joining",
        "grow_app.services.contributions",
        "grow_app.services.voting",
        "grow_app.services.participation",
        "grow_app.services.contributions_import",
        "grow_app.export.contributions_appendix",
        "grow_app.services.bundle_schema",
    ]
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print(*sys.modules)"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not {"textual", "aiohttp", "jinja2", "grow_app.ui", "grow_app.cli"} & loaded
