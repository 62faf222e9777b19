"""Card files that cannot be read: Dutch reasons, never Python's or tomllib's English (finding 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grow_app.card.loader import check_card_file, parse_card, toml_reason
from grow_app.i18n import set_language

ENGLISH = (
    "Illegal",
    "Invalid",
    "Unclosed",
    "Expected",
    "Cannot",
    "Unterminated",
    "codec",
    "No such",
)


@pytest.mark.parametrize(
    ("source", "line", "dutch"),
    [
        ("title = Hallo\n", 1, "ongeldige waarde (zet tekst tussen aanhalingstekens)"),
        ('id = "x"\ntitle = "open\nversion = 1\n', 2, "een tekst is niet afgesloten op deze regel"),
        ("a = [1, 2\n", 1, "een lijst is niet afgesloten met ]"),
        ('a = {b = "c"\n', 1, "een tabel tussen accolades is niet afgesloten"),
        ("a = 1\ntitel\n", 2, "na een naam hoort '=' met daarachter de waarde"),
        ("a = 1\n= 3\n", 2, "deze regel is geen 'naam = waarde' en geen [kop]"),
        ("a = 1\na = 2\n", 2, "elke naam mag maar één keer voorkomen"),
        ('a = """open\n', 1, "een tekst is niet afgesloten met een aanhalingsteken"),
        ("[kop\n", 1, "een [kop] is niet afgesloten met ]"),
        ("a = 1 b\n", 1, "na de waarde hoort een nieuwe regel"),
    ],
)
def test_broken_toml_is_explained_in_dutch_with_its_line(source, line, dutch):
    card, problems = parse_card(source, "kaart.toml")
    assert card is None and len(problems) == 1
    text = str(problems[0])
    assert text.startswith(f"kaart.toml:{line}: geen geldige TOML: ")
    assert dutch in text
    assert not any(word in text for word in ENGLISH), text


def test_an_unknown_toml_message_falls_back_to_plain_dutch():
    assert toml_reason("Something tomllib never said") == "ongeldige TOML-opbouw"


def test_english_interface_gets_english_reasons():
    set_language("en")
    _card, problems = parse_card("a = [1, 2\n", "kaart.toml")
    assert str(problems[0]) == "kaart.toml:1: not valid TOML: a list is not closed with ]"


def test_a_binary_file_is_not_a_text_file(tmp_path: Path):
    path = tmp_path / "plaatje.toml"
    path.write_bytes(b"\xff\xd8\xff\xe0 JFIF")
    card, problems = check_card_file(path)
    assert card is None
    assert str(problems[0]) == f"{path}: is geen tekstbestand (UTF-8)"


def test_missing_file_and_folder_are_named_in_dutch(tmp_path: Path):
    missing = tmp_path / "weg.toml"
    assert (
        str(check_card_file(missing)[1][0]) == f"{missing}: kan niet worden gelezen (bestaat niet)"
    )
    assert (
        str(check_card_file(tmp_path)[1][0]) == f"{tmp_path}: kan niet worden gelezen (is een map)"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_permission(tmp_path: Path):
    path = tmp_path / "geheim.toml"
    path.write_text("a = 1\n", encoding="utf-8")
    path.chmod(0)
    try:
        assert str(check_card_file(path)[1][0]) == f"{path}: kan niet worden gelezen (geen toegang)"
    finally:
        path.chmod(0o644)
