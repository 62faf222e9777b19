"""clean_text, the one sanitiser for typed and pasted text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from grow_app.text import clean_text, suggest


def test_nfc_normalisation():
    decomposed = "Cre\u0301che e\u0301e\u0301n"
    assert clean_text(decomposed) == "Créche één"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


def test_page_and_line_separators_become_newlines():
    assert clean_text("een\x0btwee\x0cdrie\u2028vier\u2029vijf") == "een\ntwee\ndrie\nvier\nvijf"
    assert clean_text("windows\r\nmac\rklaar") == "windows\nmac\nklaar"
    for separator in "\x0b\x0c\u2028\u2029":  # each alone too (it is looked for before replacing)
        assert clean_text(f"een{separator}twee") == "een\ntwee"


def test_control_characters_are_dropped_but_tab_and_newline_kept():
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x85f\tg\nh") == "abcdef\tg\nh"


def test_terminal_escape_sequences_are_removed():
    assert clean_text("\x1b[31mrood\x1b[0m en \x1b[1;4mvet\x1b[m") == "rood en vet"


def test_emoji_diacritics_and_right_to_left_text_are_kept():
    text = "👩🏽‍🏫 leraar · Zoë, François, Ångström · שלום עולם · مرحبا · 中文"
    assert clean_text(text) == text


def test_lone_surrogates_become_replacement_characters():
    assert clean_text("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    clean_text("x\ud83d").encode("utf-8")  # storable and exportable afterwards


def test_empty_and_plain_text_are_unchanged():
    assert clean_text("") == ""
    assert clean_text("Gewoon een zin.") == "Gewoon een zin."


# Every code point, lone surrogates (as in broken clipboard data) and control characters included.
ANY_CHARACTER = st.characters(exclude_categories=())
ANY_TEXT = st.text(alphabet=st.one_of(ANY_CHARACTER, st.sampled_from("\ud800\udc00\x1b[\x0b\r")))


def test_the_strategy_does_produce_surrogates():
    from hypothesis import HealthCheck, find, settings

    # Derandomised and without a deadline: a busy CI machine must not turn this into a flake.
    quiet = settings(
        derandomize=True,
        deadline=None,
        database=None,
        max_examples=5000,
        suppress_health_check=list(HealthCheck),
    )
    assert find(ANY_TEXT, lambda s: any(0xD800 <= ord(c) <= 0xDFFF for c in s), settings=quiet)


@given(ANY_TEXT)
def test_any_text_comes_out_clean_and_encodable(value):
    cleaned = clean_text(value)
    cleaned.encode("utf-8")  # no lone surrogates left
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert clean_text(cleaned) == cleaned  # idempotent


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_printable_text_only_changes_by_normalisation(value):
    assert clean_text(value) == unicodedata.normalize("NFC", value)


def test_suggest_finds_near_and_containing_names():
    names = ["AOS Oost Nederland", "Partnerschap Noord", "Opleiden in de Regio"]
    assert suggest("aos oost nederlnd", names)[0] == "AOS Oost Nederland"
    assert "Partnerschap Noord" in suggest("noord", names)
    assert suggest("xyz", names) == []


def test_noncharacters_that_xml_cannot_hold_are_dropped():
    from grow_app.text import clean_text

    assert clean_text("a\ufffeb\uffffc") == "abc"
