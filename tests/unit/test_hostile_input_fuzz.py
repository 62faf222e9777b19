"""Hostile input, fuzzed with hypothesis.

* The card loader: any text, and the real card with any part replaced, removed or added, gives a
  card or a list of one-line problems, never an exception.
* The store and services: any text (control characters, emoji, right-to-left, lone surrogates)
  is saved and read back cleaned, never an exception; a 5 MB answer too.

The numbers of examples are fixed here so docs/reliability.md can state them.
"""

from __future__ import annotations

import functools
import json
import math
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grow_app.card.loader import CardProblem, check_card_file, parse_card
from grow_app.card.models import Card
from grow_app.errors import GrowError
from grow_app.text import clean_text

CARD_FILE = Path(__file__).resolve().parents[2] / "cards" / "gesprekskaart-sop.toml"
TEXT_EXAMPLES = 400
STRUCTURE_EXAMPLES = 400
STORE_EXAMPLES = 300

ANY_CHAR = st.characters(codec=None, exclude_categories=[])  # surrogates and controls included
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=400)
HOSTILE = st.sampled_from(
    [
        "\x00",
        "\x1b[31m",
        "\u202e",
        "\u05e9\u05dc\u05d5\u05dd",
        "👩‍👩‍👧",
        "\ud800",
        "\r\n",
        "\x0c",
        "\ufeff",
        "ﷺ",
    ]
)
MIXED_TEXT = st.lists(st.one_of(ANY_TEXT, HOSTILE), max_size=8).map("".join)


def _assert_card_or_problems(result) -> None:
    card, problems = result
    if card is not None:
        assert isinstance(card, Card) and problems == []
        return
    assert problems and all(isinstance(p, CardProblem) for p in problems)
    for problem in problems:
        line = str(problem)
        assert line and isinstance(line, str)


@settings(max_examples=TEXT_EXAMPLES, deadline=None)
@given(st.one_of(ANY_TEXT, st.text(alphabet="[]={}\"'.,#\n abc123-_", max_size=300)))
def test_any_text_is_a_card_or_problems(text):
    _assert_card_or_problems(parse_card(text, "fuzz.toml"))


# -- structure: the real card, mutated, written back as TOML -----------------------------------
def _toml_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def to_toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(to_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{_toml_key(k)} = {to_toml_value(v)}" for k, v in value.items()) + "}"
        )
    raise TypeError(type(value))


def to_toml(document: dict) -> str:
    return "\n".join(f"{_toml_key(k)} = {to_toml_value(v)}" for k, v in document.items()) + "\n"


@functools.cache
def real_card() -> dict:
    return tomllib.loads(CARD_FILE.read_text(encoding="utf-8"))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


SAFE_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30)
SCALARS = st.one_of(
    SAFE_TEXT,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.booleans(),
    st.sampled_from(["text", "per_item", "grid", "goal", "functies", "", "werven"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(SAFE_TEXT, inner, max_size=4)
    ),
    max_leaves=12,
)


def _mutate(document, path, action, value, extra_key):
    import copy

    doc = copy.deepcopy(document)
    if not path:
        return {extra_key: value} if action == "replace" else doc
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent[last], dict):
        parent[last][extra_key] = value
    elif action == "add" and isinstance(parent[last], list):
        parent[last].append(value)
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return doc


def test_the_toml_writer_round_trips_the_real_card():
    card, problems = parse_card(to_toml(real_card()), "round-trip.toml")
    assert problems == [] and card is not None and card.id == "gesprekskaart-sop"


@pytest.mark.slow(seconds=11)
@settings(max_examples=STRUCTURE_EXAMPLES, deadline=None)
@given(
    st.data(),
    st.lists(st.sampled_from(["replace", "delete", "add", "duplicate"]), min_size=1, max_size=3),
)
def test_any_mutation_of_the_real_card_is_a_card_or_problems(data, actions):
    document = real_card()
    for action in actions:
        paths = list(_paths(document))
        path = data.draw(st.sampled_from(paths))
        value = data.draw(VALUES)
        key = data.draw(SAFE_TEXT)
        document = _mutate(document, path, action, value, key)
    _assert_card_or_problems(parse_card(to_toml(document), "gemuteerd.toml"))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=500))
def test_any_bytes_in_a_card_file(tmp_path, raw):
    path = tmp_path / "kaart.toml"
    path.write_bytes(raw)
    _assert_card_or_problems(check_card_file(path))


# -- store and services ------------------------------------------------------------------------
@functools.cache
def _meeting_parts():
    from grow_app.services.catalog import load_catalog
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database

    db = open_database(":memory:")
    catalog = load_catalog()
    session = start_session(db, catalog, add_partnership(db, "Fuzz"), "gesprekskaart-sop")
    return db, catalog.get("gesprekskaart-sop"), session


def _fresh_meeting():
    from grow_app.services.meeting import Meeting
    from grow_app.store.sessions import get_session

    db, card, session = _meeting_parts()
    return Meeting(db, card, get_session(db, session.id))


def _is_clean(text: str) -> bool:
    text.encode("utf-8")  # no lone surrogates left
    return all(ch in "\t\n" or unicodedata.category(ch) != "Cc" for ch in text)


@settings(max_examples=STORE_EXAMPLES, deadline=None)
@given(MIXED_TEXT, MIXED_TEXT, MIXED_TEXT)
def test_any_text_is_saved_and_read_back_cleaned(answer, key_message, parked):
    meeting = _fresh_meeting()
    meeting.save_answer("g1", "", answer)
    meeting.set_key_message(key_message)
    item = meeting.park(parked)
    action = meeting.add_action(answer, parked, key_message)

    again = _fresh_meeting()
    assert again.answer("g1") == clean_text(answer)
    assert again.key_message == clean_text(key_message)
    history = again.history("g1")
    assert not history or history[0].text == again.answer("g1")  # the newest revision is kept
    if item is not None:
        assert (
            next(p for p in again.parking_lot() if p.id == item).text == clean_text(parked).strip()
        )
    stored = next(a for a in again.actions() if a.id == action)
    assert (stored.wat, stored.wie) == (clean_text(answer), clean_text(parked))
    for value in (again.answer("g1"), again.key_message, stored.wat, stored.wie, stored.wanneer):
        assert _is_clean(value)


@settings(max_examples=200, deadline=None)
@given(MIXED_TEXT, MIXED_TEXT)
def test_any_partnership_name_is_added_or_refused_in_one_line(name, region):
    from grow_app.services.partnerships import add_partnership

    db, _card, _session = _meeting_parts()
    try:
        added = add_partnership(db, name, region)
    except GrowError as err:
        assert "\n" not in err.message
        return
    assert added.name == " ".join(clean_text(name).split()) and _is_clean(added.name)
    assert "\n" not in added.name  # a name is one line: in tables, messages and file names


def test_a_five_megabyte_answer_is_saved_and_read_back(db_path, catalog):
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.store import open_database

    block = "Wij willen samen opleiden 👩‍🏫 \u05e9\u05dc\u05d5\u05dd\x0b\x00\x1b[1m vet\r\n"
    text = block * (5 * 1024 * 1024 // len(block.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 5 * 1024 * 1024
    db = open_database(db_path)
    session = start_session(db, catalog, add_partnership(db, "Groot"), "gesprekskaart-sop")
    assert Meeting(db, catalog.get("gesprekskaart-sop"), session).save_answer("g1", "", text)
    db.conn.close()

    db = open_database(db_path)
    stored = Meeting(db, catalog.get("gesprekskaart-sop"), session).answer("g1")
    db.conn.close()
    assert stored == clean_text(text)
    assert "\x00" not in stored and "\x1b" not in stored and "👩‍🏫" in stored
