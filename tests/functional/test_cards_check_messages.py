"""`grow cards check` on cards people write themselves: one line per mistake, saying what to do
(issue 14, "Cards made by users"), in Dutch and with --lang en in English."""

from __future__ import annotations

from pathlib import Path

import pytest

CARD = """\
id = "mijn-kaart"
title = "Mijn kaart"
version = "1"

[[phases]]
id = "goal"
title = "Goal"

[[phases.sections]]
id = "doel"
title = "Doel"

[[phases.sections.questions]]
id = "doelen"
text = "Wat zijn onze doelen?"

[[phases.sections.questions]]
id = "punten"
kind = "per_item"
text = "Hoe staan we ervoor op:"
items = [
    { key = "werven", text = "werven" },
    { key = "matchen", text = "matchen" },
]

[[phases.sections.questions]]
id = "acties"
kind = "actions"
text = "Welke acties?"
"""
SECOND_ACTIONS = """
[[phases.sections.questions]]
id = "meer-acties"
kind = "actions"
text = "Nog meer acties?"
"""


def line_of(text: str, start: str, after: int = 0) -> int:
    """The number of the first line starting with ``start`` after line ``after``."""
    lines = text.splitlines()
    return next(n for n, s in enumerate(lines, 1) if n > after and s.startswith(start))


@pytest.fixture
def check(tmp_path: Path, grow_cli):
    """``grow cards check`` on a card file holding ``text``: exit code, stdout lines, stderr."""

    def run(text: str, *options: str) -> tuple[int, list[str], str]:
        path = tmp_path / "kaart.toml"
        path.write_text(text, encoding="utf-8")
        result = grow_cli(*options, "cards", "check", str(path), db=None)
        assert "Traceback" not in result.output
        lines = [line.replace(f"{path}:", "kaart.toml:") for line in result.stdout.splitlines()]
        return result.exit_code, lines, result.stderr.strip()

    return run


def test_a_good_card_passes(check):
    code, lines, _err = check(CARD)
    assert code == 0 and lines == ["kaart.toml: in orde (mijn-kaart, 3 vragen)"]


def test_two_actions_questions_are_refused_naming_the_first(check):
    """Actions belong to the session, not to a question: two actions questions showed the same
    list twice. Refused, one line, pointing at the first."""
    text = CARD + SECOND_ACTIONS
    code, lines, err = check(text)
    first = line_of(text, 'kind = "actions"')
    second = line_of(text, 'kind = "actions"', after=first)
    assert code == 1 and err == "1 kaartbestand met fouten."
    assert lines == [
        f"kaart.toml:{second}: phases[0].sections[0].questions[3].kind: er mag maar één vraag "
        'met kind = "actions" zijn (de actielijst hoort bij de hele sessie); de eerste staat op '
        f"regel {first} (phases[0].sections[0].questions[2].kind)"
    ]


def test_an_unknown_key_suggests_the_near_one_and_says_nothing_else(check):
    text = CARD.replace('text = "Wat zijn onze doelen?"', 'tekst = "Wat zijn onze doelen?"')
    code, lines, _err = check(text)
    # One line: the missing 'text' is what the misspelt 'tekst' explains.
    assert code == 1 and lines == [
        f"kaart.toml:{line_of(text, 'tekst')}: phases[0].sections[0].questions[0].tekst: "
        "onbekend veld; bedoelt u 'text'?"
    ]


def test_an_unknown_key_without_a_near_one_lists_what_may_stand_there(check):
    text = CARD.replace('title = "Doel"', 'title = "Doel"\nfoo = 1')
    _code, lines, _err = check(text)
    assert lines == [
        f"kaart.toml:{line_of(text, 'foo')}: phases[0].sections[0].foo: onbekend veld; "
        "hier kan: id, title, intro, questions"
    ]


def test_a_duplicate_id_names_where_it_was_first_used(check):
    text = CARD.replace('id = "punten"', 'id = "doelen"')
    _code, lines, _err = check(text)
    first = line_of(text, 'id = "doelen"')
    second = line_of(text, 'id = "doelen"', after=first)
    assert lines == [
        f"kaart.toml:{second}: phases[0].sections[0].questions[1].id: 'doelen' is al gebruikt "
        f"op regel {first} (phases[0].sections[0].questions[0].id); elke id en key moet uniek zijn"
    ]


def test_a_duplicate_item_key_names_the_first_too(check):
    text = CARD.replace('{ key = "matchen", text = "matchen" }', '{ key = "werven", text = "x" }')
    _code, lines, _err = check(text)
    assert len(lines) == 1
    assert "items[1].key: 'werven' is al gebruikt op regel" in lines[0]
    assert "(phases[0].sections[0].questions[1].items[0].key)" in lines[0]


def test_items_written_as_plain_strings_show_the_table_form(check):
    text = CARD.replace('{ key = "werven", text = "werven" }', '"Werven & binden"').replace(
        '{ key = "matchen", text = "matchen" }', '"matchen"'
    )
    _code, lines, _err = check(text)
    line = line_of(text, '    "Werven')
    assert lines == [
        f"kaart.toml:{line}: phases[0].sections[0].questions[1].items[0]: moet een tabel zijn, "
        'bijvoorbeeld { key = "werven-binden", text = "Werven & binden" }',
        f"kaart.toml:{line + 1}: phases[0].sections[0].questions[1].items[1]: moet een tabel "
        'zijn, bijvoorbeeld { key = "matchen", text = "matchen" }',
    ]


def test_dimension_members_written_as_strings_show_key_and_label(check):
    text = CARD.replace(
        "[[phases]]",
        '[dimensions.functies]\nlabel = "Functies"\nmembers = ["werven"]\n\n[[phases]]',
    )
    _code, lines, _err = check(text)
    assert len(lines) == 1
    assert lines[0].endswith(
        "dimensions.functies.members[0]: moet een tabel zijn, bijvoorbeeld "
        '{ key = "werven", label = "werven" }'
    )


@pytest.mark.parametrize(
    ("change", "english"),
    [
        (
            lambda text: text + SECOND_ACTIONS,
            'only one question may have kind = "actions" (the action list belongs to the whole '
            "session); the first is on line",
        ),
        (
            lambda text: text.replace('text = "Wat zijn', 'tekst = "Wat zijn'),
            "unknown field; did you mean 'text'?",
        ),
        (
            lambda text: text.replace('id = "punten"', 'id = "doelen"'),
            "'doelen' is already used on line",
        ),
        (
            lambda text: text.replace('{ key = "werven", text = "werven" }', '"werven"'),
            'must be a table, for example { key = "werven", text = "werven" }',
        ),
    ],
)
def test_every_message_is_english_with_lang_en(change, english, check):
    code, lines, err = check(change(CARD), "--lang", "en")
    assert code == 1 and err == "1 card file with errors."
    assert len(lines) == 1 and english in lines[0]
    assert not any(word in lines[0] for word in ("regel", "onbekend", "tabel", "gebruikt"))


def test_cards_show_lists_item_keys_and_member_keys(grow_cli):
    result = grow_cli("cards", "show", "gesprekskaart-sop", db=None)
    assert result.exit_code == 0
    assert "       - [aangehaakt] het partnerschap goed is aangehaakt" in result.output
    assert "id: gesprekskaart-sop  versie: 1.0  taal: nl" in result.output
    grid = grow_cli("--lang", "en", "cards", "show", "strategiesessie-schaalniveaus", db=None)
    assert "School/opleiding [school], Bestuur/instituut [bestuur]" in grid.output
    assert "id: strategiesessie-schaalniveaus  version: 1.0  language: nl" in grid.output
