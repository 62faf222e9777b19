"""The "Wanneer" of an action: Dutch dates as typed in a meeting, the year they mean, their order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grow_app.i18n import set_language
from grow_app.services.when import is_overdue, parse_when, sorted_by_when

MEETING = "2026-03-14"  # a Saturday in March


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture(autouse=True)
def dutch():
    set_language("nl")
    yield
    set_language("nl")


@pytest.mark.parametrize(
    ("typed", "start", "end", "label"),
    [
        ("15-12-2026", "2026-12-15", "2026-12-15", "di 15 dec 2026"),
        ("15/12/2026", "2026-12-15", "2026-12-15", "di 15 dec 2026"),
        ("15-12-26", "2026-12-15", "2026-12-15", "di 15 dec 2026"),
        ("2026-12-15", "2026-12-15", "2026-12-15", "di 15 dec 2026"),
        ("15-12", "2026-12-15", "2026-12-15", "di 15 dec 2026"),
        ("20 januari", "2027-01-20", "2027-01-20", "wo 20 jan 2027"),  # January is past: 2027
        ("20 jan.", "2027-01-20", "2027-01-20", "wo 20 jan 2027"),
        ("1 januari 2026", "2026-01-01", "2026-01-01", "do 1 jan 2026"),  # a year typed is kept
        ("uiterlijk 1 april", "2026-04-01", "2026-04-01", "wo 1 apr 2026"),
        ("ma 15 december", "2026-12-15", "2026-12-15", "di 15 dec 2026"),  # the date wins
        ("14 maart", "2026-03-14", "2026-03-14", "za 14 mrt 2026"),  # the meeting's own day
        ("eind juni", "2026-06-21", "2026-06-30", "eind juni 2026"),
        ("Eind juni 2027", "2027-06-21", "2027-06-30", "eind juni 2027"),
        ("begin juli", "2026-07-01", "2026-07-10", "begin juli 2026"),
        ("medio februari", "2027-02-11", "2027-02-20", "half februari 2027"),
        ("juni", "2026-06-01", "2026-06-30", "juni 2026"),
        ("maart", "2026-03-01", "2026-03-31", "maart 2026"),  # still running on the 14th
        ("12-2026", "2026-12-01", "2026-12-31", "december 2026"),
        ("Q3", "2026-07-01", "2026-09-30", "Q3 2026"),
        ("Q1", "2026-01-01", "2026-03-31", "Q1 2026"),
        ("q4 2027", "2027-10-01", "2027-12-31", "Q4 2027"),
        ("3e kwartaal", "2026-07-01", "2026-09-30", "Q3 2026"),
        ("week 12", "2026-03-16", "2026-03-22", "week 12 van 2026"),
        ("wk 2", "2027-01-11", "2027-01-17", "week 2 van 2027"),
        ("volgende week", "2026-03-16", "2026-03-22", "week 12 van 2026"),
        ("deze maand", "2026-03-01", "2026-03-31", "maart 2026"),
        ("najaar", "2026-09-01", "2026-11-30", "najaar 2026"),
        ("in het voorjaar", "2026-03-01", "2026-05-31", "voorjaar 2026"),
        ("voor de zomer", "2026-06-01", "2026-08-31", "zomer 2026"),
        ("winter", "2026-12-01", "2027-02-28", "winter 2026-2027"),
        ("schooljaar 2026-2027", "2026-08-01", "2027-07-31", "schooljaar 2026-2027"),
        ("2027", "2027-01-01", "2027-12-31", "2027"),
        ("eind 2026", "2026-10-01", "2026-12-31", "eind 2026"),
    ],
)
def test_dutch_dates_are_understood_with_the_year_they_mean(typed, start, end, label):
    when = parse_when(typed, MEETING)
    assert (when.start, when.end) == (d(start), d(end))
    assert when.is_date
    assert when.label() == label
    assert when.text == typed  # what was typed is kept as it is


@pytest.mark.parametrize(
    "typed", ["zsm", "na de MR", "doorlopend", "31-02-2026", "week 60", "13-13", "2026-2030", ""]
)
def test_free_text_stays_free_text(typed):
    when = parse_when(typed, MEETING)
    assert not when.is_date
    assert when.label() == ""
    assert when.with_year() == typed


def test_a_figure_that_is_no_date_is_worth_a_word():
    assert parse_when("31-02-2026", MEETING).looks_like_a_date
    assert not parse_when("zsm", MEETING).looks_like_a_date


def test_a_document_gets_the_year_only_where_it_was_left_out():
    assert parse_when("20 januari", MEETING).with_year() == "20 januari 2027"
    assert parse_when("15-12", MEETING).with_year() == "15 december 2026"
    assert parse_when("eind juni", MEETING).with_year() == "eind juni 2026"
    assert parse_when("Q3", MEETING).with_year() == "Q3 2026"
    assert parse_when("15-12-2026", MEETING).with_year() == "15-12-2026"  # as typed
    assert parse_when("volgende week", MEETING).with_year() == "week 12 van 2026"


def test_english_interface_writes_dates_in_english():
    set_language("en")
    assert parse_when("20 januari", MEETING).label() == "Wed 20 Jan 2027"
    assert parse_when("eind juni", MEETING).label() == "end of June 2026"
    assert parse_when("June 20", MEETING).label(long=True) == "20 June 2026"
    assert parse_when("week 12", MEETING).label() == "week 12 of 2026"


def test_without_a_meeting_date_today_counts():
    today = dt.date.today()
    when = parse_when(f"{today.day}-{today.month}", None)
    assert when.start == today


def test_actions_sort_by_their_deadline_free_text_last_in_the_order_given():
    typed = ["zsm", "Q3", "20 januari", "eind juni", "15-12-2026", "na de MR", "1 april"]
    assert sorted_by_when(typed, str, MEETING) == [
        "1 april",
        "eind juni",
        "Q3",
        "15-12-2026",
        "20 januari",
        "zsm",
        "na de MR",
    ]


def test_a_date_compares_with_the_next_meeting():
    assert is_overdue("eind juni", MEETING, "2026-09-01")
    assert not is_overdue("eind juni", MEETING, "2026-06-30")
    assert not is_overdue("zsm", MEETING, "2030-01-01")


@given(st.text(max_size=40))
def test_any_text_is_read_without_an_error(text):
    when = parse_when(text, MEETING)
    assert when.text == text
    assert (when.start is None) == (when.end is None)
    if when.is_date:
        assert when.start <= when.end
        assert when.label()


def test_a_document_writes_the_date_in_its_own_language():
    set_language("en")  # an English interface, a Dutch card: the paper is Dutch
    when = parse_when("20 januari", MEETING)
    assert when.with_year("nl") == "20 januari 2027"
    assert when.with_year() == "20 January 2027"
    assert parse_when("eind juni", MEETING).with_year("nl") == "eind juni 2026"
