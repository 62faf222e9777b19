"""Loading and validating cards: the shipped cards, every answer kind, and broken cards.

A broken card must give one plain line per problem that names the file, the field path and the
line, so that whoever writes a card can find the mistake without reading a traceback.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grow_app.card.loader import CardCatalog, CardProblem, check_card_file, parse_card
from grow_app.card.models import ANSWER_KINDS, grid_key
from grow_app.errors import CardError, NotFoundError
from grow_app.paths import builtin_cards_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "voorbeeldkaart.toml"

HEADER = """\
id = "mini"
title = "Minikaart"
version = "1"
language = "nl"

[dimensions.functies]
label = "Functies"
members = [
    { key = "werven", label = "werven" },
    { key = "matchen", label = "matchen" },
]

[dimensions.niveaus]
label = "Niveaus"
members = [
    { key = "school", label = "School", description = "Bestaande organisatie" },
    { key = "regio", label = "Regio" },
]

[[phases]]
id = "goal"
title = "Goal"
minutes = 10

[[phases.sections]]
id = "goal"
title = "Goal"
"""

QUESTION = """
[[phases.sections.questions]]
id = "{id}"
text = "Vraag {id}?"
"""


def card_text(*questions: str) -> str:
    """A small valid card with the given question blocks (default: one free-text question)."""
    blocks = questions or (QUESTION.format(id="q1"),)
    return HEADER + "".join(textwrap.dedent(block) for block in blocks)


def problems_of(text: str, name: str = "kaart.toml") -> list[CardProblem]:
    card, problems = parse_card(text, name)
    assert card is None, "expected the card to be refused"
    assert problems, "a refused card must name at least one problem"
    return problems


def line_number(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


# -- the shipped cards ---------------------------------------------------------------------------


def test_builtin_folder_holds_both_cards():
    names = sorted(p.name for p in builtin_cards_dir().glob("*.toml"))
    assert names == ["gesprekskaart-sop.toml", "strategiesessie-schaalniveaus.toml"]


@pytest.mark.parametrize("name", ["gesprekskaart-sop", "strategiesessie-schaalniveaus"])
def test_shipped_card_loads_without_problems(name):
    card, problems = check_card_file(builtin_cards_dir() / f"{name}.toml")
    assert problems == []
    assert card is not None and card.id == name
    assert card.language == "nl"
    assert card.key_message is not None and card.key_message.label == "Kernboodschap"


def test_main_card_has_grow_phases_in_card_order_and_six_sections():
    card, _ = check_card_file(builtin_cards_dir() / "gesprekskaart-sop.toml")
    assert [p.title for p in card.phases] == ["Goal", "Reality", "Options", "Way forward"]
    sections = [s.title for p in card.phases for s in p.sections]
    assert sections == [
        "Goal",
        "Reality: Samen Opleiden",
        "Reality: Onderwijsregiovorming",
        "Options: Samen Opleiden",
        "Options: Onderwijsregio(vorming)",
        "Way forward",
    ]
    kinds = {q.id: q.kind for q in card.questions()}
    assert kinds["way-forward-aanbevelingen"] == "recommendations"
    assert kinds["way-forward-acties"] == "actions"
    assert len(card.question("way-forward-aanbevelingen").items) == 4
    assert [m.key for m in card.dimensions["functies"].members] == [
        "werven",
        "matchen",
        "opleiden",
        "begeleiden",
        "professionaliseren",
    ]


def test_strategy_card_is_a_grid_of_functions_by_levels():
    card, _ = check_card_file(builtin_cards_dir() / "strategiesessie-schaalniveaus.toml")
    (question,) = list(card.questions())
    assert question.kind == "grid"
    keys = card.answer_keys(question)
    assert len(keys) == 6 * 4
    assert keys[0] == grid_key("werven", "school")
    assert keys[-1] == grid_key("anders-overig", "brede-regio")


def test_phase_order_is_taken_from_the_file():
    """Reversing the phases in the file reverses them in the card: the order is data."""
    text = (builtin_cards_dir() / "gesprekskaart-sop.toml").read_text(encoding="utf-8")
    head, *phases = text.split("[[phases]]\n")
    reordered = head + "".join("[[phases]]\n" + p for p in reversed(phases))
    card, problems = parse_card(reordered, "omgekeerd.toml")
    assert problems == []
    assert [p.id for p in card.phases] == ["way-forward", "options", "reality", "goal"]


# -- every answer kind ---------------------------------------------------------------------------


def test_every_answer_kind_validates_with_its_answer_keys():
    text = card_text(
        QUESTION.format(id="vrij"),
        """
        [[phases.sections.questions]]
        id = "per-item"
        kind = "per_item"
        text = "Hoe verhouden deze doelen zich tot:"
        items = [
            { key = "functies", text = "de vijf functies?" },
            { key = "ambitie", text = "de ambitie?" },
        ]
        """,
        """
        [[phases.sections.questions]]
        id = "per-functie"
        kind = "per_dimension"
        dimension = "functies"
        text = "Per functie?"
        """,
        """
        [[phases.sections.questions]]
        id = "raster"
        kind = "grid"
        rows = "functies"
        columns = "niveaus"
        text = "Welke activiteit op welk niveau?"
        """,
        """
        [[phases.sections.questions]]
        id = "aanbevelingen"
        kind = "recommendations"
        text = "Het is aan te bevelen dat:"
        items = [{ key = "a", text = "wij meedoen;" }]
        """,
        """
        [[phases.sections.questions]]
        id = "acties"
        kind = "actions"
        supplement = true
        text = "Welke acties?"
        """,
    )
    card, problems = parse_card(text, "alles.toml")
    assert problems == []
    assert {q.kind for q in card.questions()} == set(ANSWER_KINDS)
    keys = {q.id: card.answer_keys(q) for q in card.questions()}
    assert keys == {
        "vrij": [""],
        "per-item": ["functies", "ambitie"],
        "per-functie": ["werven", "matchen"],
        "raster": ["werven|school", "werven|regio", "matchen|school", "matchen|regio"],
        "aanbevelingen": ["a"],
        "acties": [],
    }
    assert card.question("acties").supplement is True


def test_example_card_from_the_docs_uses_every_kind():
    card, problems = check_card_file(EXAMPLE)
    assert problems == []
    assert {q.kind for q in card.questions()} == set(ANSWER_KINDS)


# -- broken cards: one line per problem with file, field path and line -----------------------------


def test_not_toml_names_file_and_line():
    text = card_text() + "\n[[phases.sections.questions]]\nid = vraag-zonder-aanhalingstekens\n"
    (problem,) = problems_of(text, "kapot.toml")
    assert problem.line == len(text.splitlines())
    line = str(problem)
    assert line.startswith(f"kapot.toml:{problem.line}: ")
    assert "geen geldige TOML" in line
    assert "\n" not in line


def test_wrong_types_name_each_field():
    text = (
        card_text()
        .replace('version = "1"', "version = 1.0")
        .replace("minutes = 10", 'minutes = "tien"')
    )
    problems = problems_of(text)
    by_path = {p.path: p for p in problems}
    assert set(by_path) == {"version", "phases[0].minutes"}
    assert by_path["version"].message == "moet tekst zijn"
    assert by_path["version"].line == line_number(text, "version = 1.0")
    assert by_path["phases[0].minutes"].message == "moet een geheel getal zijn"
    assert by_path["phases[0].minutes"].line == line_number(text, 'minutes = "tien"')


def test_boolean_field_with_text_gets_a_plain_message():
    text = card_text(QUESTION.format(id="q1") + 'supplement = "ja"\n')
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[0].supplement"
    assert problem.message == "moet true of false zijn"


def test_missing_fields_point_at_their_table():
    text = card_text().replace('title = "Minikaart"\n', "").replace('text = "Vraag q1?"\n', "")
    problems = problems_of(text)
    by_path = {p.path: p for p in problems}
    assert set(by_path) == {"title", "phases[0].sections[0].questions[0].text"}
    assert by_path["title"].message == "ontbreekt"
    assert by_path["title"].line is None  # no line to point at: the line is left out
    assert str(by_path["title"]) == "kaart.toml: title: ontbreekt"
    question = by_path["phases[0].sections[0].questions[0].text"]
    assert question.line == line_number(text, "[[phases.sections.questions]]")


def test_unknown_field_is_named_with_its_line():
    text = card_text(QUESTION.format(id="q1") + 'tekst = "typefout"\n')
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[0].tekst"
    assert problem.message == "onbekend veld; bedoelt u 'text'?"
    assert problem.line == line_number(text, 'tekst = "typefout"')


def test_unknown_answer_kind_lists_the_choices_in_plain_dutch():
    text = card_text(QUESTION.format(id="q1") + 'kind = "open"\n')
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[0].kind"
    assert problem.line == line_number(text, 'kind = "open"')
    for kind in ANSWER_KINDS:
        assert kind in problem.message
    assert " or " not in problem.message


def test_duplicate_question_ids_name_the_second_one():
    text = card_text(QUESTION.format(id="q1"), QUESTION.format(id="q1"))
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[1].id"
    assert "'q1'" in problem.message
    assert problem.line == line_number(text, 'id = "q1"', occurrence=2)


def test_duplicate_item_keys_and_phase_ids_are_problems():
    text = card_text(
        """
        [[phases.sections.questions]]
        id = "q1"
        kind = "per_item"
        text = "Vraag?"
        items = [
            { key = "a", text = "een" },
            { key = "a", text = "twee" },
        ]
        """
    )
    text += '\n[[phases]]\nid = "goal"\ntitle = "Nog een goal"\n\n[[phases.sections]]\nid = "s"\ntitle = "S"\n'
    text += QUESTION.format(id="q2")
    paths = {p.path: p.line for p in problems_of(text)}
    assert paths == {
        "phases[0].sections[0].questions[0].items[1].key": line_number(text, '"twee"'),
        "phases[1].id": line_number(text, 'id = "goal"', occurrence=3),
    }


def test_unknown_dimension_is_named_with_its_line():
    text = card_text(
        """
        [[phases.sections.questions]]
        id = "raster"
        kind = "grid"
        rows = "functies"
        columns = "sectoren"
        text = "Raster?"
        """
    )
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[0].columns"
    assert "'sectoren'" in problem.message
    assert problem.line == line_number(text, 'columns = "sectoren"')


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ('kind = "per_item"\n', "dit soort vraag heeft subvragen (items) nodig"),
        ('kind = "recommendations"\n', "dit soort vraag heeft subvragen (items) nodig"),
        ('kind = "per_dimension"\n', "dit soort vraag heeft 'dimension' nodig"),
        ('kind = "grid"\nrows = "functies"\n', "een raster heeft 'rows' en 'columns' nodig"),
        ('kind = "grid"\n', "een raster heeft 'rows' en 'columns' nodig"),
    ],
)
def test_kind_without_what_it_needs(block, message):
    text = card_text(QUESTION.format(id="q1") + block)
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[0]"
    assert problem.message == message
    assert problem.line == line_number(text, "[[phases.sections.questions]]")


@pytest.mark.parametrize("bad_id", ["Mini Kaart", "mini/kaart", "-mini", "MINI", ""])
def test_bad_slug_id(bad_id):
    text = card_text().replace('id = "mini"', f'id = "{bad_id}"')
    (problem,) = problems_of(text)
    assert problem.path == "id"
    assert problem.line == 1


@pytest.mark.parametrize("language", ["Nederlands", "NL", "n", "nl_NL"])
def test_bad_language(language):
    text = card_text().replace('language = "nl"', f'language = "{language}"')
    (problem,) = problems_of(text)
    assert problem.path == "language"
    assert problem.message == "moet een taalcode zijn, bijvoorbeeld 'nl' of 'en'"
    assert problem.line == line_number(text, "language =")


def test_empty_phases():
    text = 'id = "leeg"\ntitle = "Leeg"\nversion = "1"\nphases = []\n'
    (problem,) = problems_of(text)
    assert (problem.path, problem.line) == ("phases", 4)
    assert problem.message == "mag niet leeg zijn"


def test_no_phases_at_all():
    text = 'id = "leeg"\ntitle = "Leeg"\nversion = "1"\n'
    (problem,) = problems_of(text)
    assert problem.path == "phases"
    assert problem.message == "ontbreekt"


def test_several_problems_give_one_line_each():
    text = (
        card_text(QUESTION.format(id="q1") + 'kind = "open"\n', QUESTION.format(id="Q 2"))
        .replace('language = "nl"', 'language = "dutch"')
        .replace("minutes = 10", "minutes = 0")
    )
    problems = problems_of(text, "veel.toml")
    assert len(problems) == 4
    for problem in problems:
        line = str(problem)
        assert "\n" not in line
        assert line.startswith(f"veel.toml:{problem.line}: {problem.path}: ")


# -- line numbers after inline arrays and multi-line strings ---------------------------------------


def test_line_of_an_item_inside_a_multiline_inline_array():
    text = card_text(
        """
        [[phases.sections.questions]]
        id = "q1"
        kind = "per_item"
        text = "Vraag?"
        items = [
            { key = "een", text = "eerste" },
            { key = "twee", text = "tweede" },
            { key = "Drie", text = "derde" },
        ]
        """
    )
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[0].items[2].key"
    assert problem.line == line_number(text, '"derde"')


def test_line_of_an_item_when_the_array_opens_on_the_first_item():
    text = card_text(
        """
        [[phases.sections.questions]]
        id = "q1"
        kind = "per_item"
        text = "Vraag?"
        items = [{ key = "een", text = "eerste" },
            { key = "twee", text = "" },
        ]
        """
    )
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[0].items[1].text"
    assert problem.line == line_number(text, '"twee"')


def test_line_of_a_dimension_member():
    text = card_text().replace('{ key = "matchen"', '{ key = "Matchen"')
    (problem,) = problems_of(text)
    assert problem.path == "dimensions.functies.members[1].key"
    assert problem.line == line_number(text, '"Matchen"')


def test_lines_stay_right_after_multiline_strings_that_look_like_toml():
    intro = '''intro = """
[[phases]]
id = "niet-echt"
kind = "grap"
"""
'''
    text = card_text(
        QUESTION.format(id="q1")
        + "guidance = '''\nregel een\n[[phases.sections.questions]]\nregel drie\n'''\n",
        QUESTION.format(id="q2") + 'kind = "fout"\n',
    ).replace('language = "nl"\n', 'language = "nl"\n' + intro)
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[1].kind"
    assert problem.line == line_number(text, 'kind = "fout"')


def test_line_of_a_problem_in_the_second_phase():
    text = card_text()
    text += '\n[[phases]]\nid = "reality"\ntitle = "Reality"\nminutes = -5\n'
    text += '\n[[phases.sections]]\nid = "r"\ntitle = "R"\n' + QUESTION.format(id="q2")
    (problem,) = problems_of(text)
    assert problem.path == "phases[1].minutes"
    assert problem.line == line_number(text, "minutes = -5")
    assert problem.message == "moet groter zijn dan 0"


# -- reading files, the catalog ------------------------------------------------------------------


def test_unreadable_and_non_utf8_files_are_problems_not_crashes(tmp_path):
    latin = tmp_path / "latin1.toml"
    latin.write_bytes(card_text().replace("Minikaart", "Minikaart é").encode("latin-1"))
    card, problems = check_card_file(latin)
    assert card is None and len(problems) == 1
    assert str(problems[0]).startswith(str(latin))
    card, problems = check_card_file(tmp_path / "bestaat-niet.toml")
    assert card is None and "kan niet worden gelezen" in str(problems[0])


def test_load_card_file_raises_one_card_error_with_every_problem(tmp_path):
    from grow_app.card.loader import load_card_file

    path = tmp_path / "kapot.toml"
    path.write_text(card_text().replace('language = "nl"', 'language = "x"').replace("10", "0"))
    with pytest.raises(CardError) as caught:
        load_card_file(path)
    assert len(caught.value.lines()) >= 2
    assert all(str(path) in line for line in caught.value.lines())


def test_catalog_skips_broken_and_duplicate_cards_and_names_them(tmp_path):
    extra = tmp_path / "kaarten"
    extra.mkdir()
    (extra / "a-mini.toml").write_text(card_text(), encoding="utf-8")
    (extra / "b-kapot.toml").write_text("id = [", encoding="utf-8")
    duplicate = extra / "c-dubbel.toml"
    duplicate.write_text(card_text().replace("Minikaart", "Andere titel"), encoding="utf-8")
    (extra / "d-sop-kopie.toml").write_text(
        (builtin_cards_dir() / "gesprekskaart-sop.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    catalog = CardCatalog.load([builtin_cards_dir(), tmp_path / "bestaat-niet", extra])
    assert sorted(catalog.cards) == ["gesprekskaart-sop", "mini", "strategiesessie-schaalniveaus"]
    assert catalog.get("mini").title == "Minikaart"  # the first one wins
    assert catalog.sources["gesprekskaart-sop"].parent == builtin_cards_dir()
    assert len(catalog.problems) == 3
    joined = "\n".join(catalog.problems)
    assert "b-kapot.toml:1" in joined
    assert "'mini'" in joined and "c-dubbel.toml" in joined
    assert "'gesprekskaart-sop'" in joined and "d-sop-kopie.toml" in joined


def test_unknown_card_suggests_near_ids(catalog):
    with pytest.raises(NotFoundError) as caught:
        catalog.get("gesprekskaart")
    assert "gesprekskaart-sop" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_user_cards_folder_is_read(isolated_home):
    from grow_app.paths import app_dirs
    from grow_app.services.catalog import load_catalog

    folder = app_dirs().user_cards
    folder.mkdir(parents=True)
    (folder / "mini.toml").write_text(card_text(), encoding="utf-8")
    assert "mini" in load_catalog().cards


def test_the_card_schema_refuses_bad_references_when_used_directly():
    """Outside the loader (which lists every problem with its path) the schema itself refuses."""
    import tomllib

    from pydantic import ValidationError

    from grow_app.card import schema

    data = tomllib.loads(card_text(QUESTION.format(id="q1"), QUESTION.format(id="q1")))
    with pytest.raises(ValidationError):
        schema.Card.model_validate(data)


def test_unclosed_value_at_end_of_file_points_at_the_last_line():
    text = card_text() + 'guidance = """\nnooit gesloten\n'
    (problem,) = problems_of(text, "open.toml")
    assert problem.line == len(text.splitlines())
    assert str(problem).startswith(f"open.toml:{problem.line}: geen geldige TOML")


def test_duplicate_section_ids_and_member_keys_are_problems():
    text = card_text().replace('{ key = "matchen"', '{ key = "werven"')
    text += '\n[[phases.sections]]\nid = "goal"\ntitle = "Nog een sectie"\n' + QUESTION.format(
        id="q2"
    )
    paths = {p.path: p.line for p in problems_of(text)}
    assert paths == {
        "dimensions.functies.members[1].key": line_number(text, 'label = "matchen"'),
        "phases[0].sections[1].id": line_number(text, 'id = "goal"', occurrence=3),
    }


def test_lines_stay_right_after_a_one_line_array_with_a_comment():
    text = card_text(
        """
        [[phases.sections.questions]]
        id = "q1"
        kind = "per_item"
        text = "Vraag?"
        items = [{ key = "een", text = "eerste # geen commentaar" }]  # één subvraag
        """,
        QUESTION.format(id="q2") + 'kind = "fout"\n',
    )
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[1].kind"
    assert problem.line == line_number(text, 'kind = "fout"')


def test_line_of_items_that_share_a_line():
    text = card_text(
        """
        [[phases.sections.questions]]
        id = "q1"
        kind = "per_item"
        text = "Vraag?"
        items = [
            { key = "een", text = "{ eerste }" }, { key = "twee", text = "tweede" },
            { key = "drie", text = "derde" }, { key = "Vier", text = "vierde" },
        ]
        """
    )
    (problem,) = problems_of(text)
    assert problem.path == "phases[0].sections[0].questions[0].items[3].key"
    assert problem.line == line_number(text, '"vierde"')


@pytest.mark.parametrize(
    "path", [*sorted(builtin_cards_dir().glob("*.toml")), EXAMPLE], ids=lambda p: p.stem
)
def test_every_id_and_key_of_a_real_card_is_found_on_its_own_line(path):
    """The line finder places every question id, item key and member key of the real cards."""
    from grow_app.card.toml_lines import line_of, locate_lines

    text = path.read_text(encoding="utf-8")
    source = text.splitlines()
    card, _ = parse_card(text, path.name)
    lines = locate_lines(text)
    for name, dim in card.dimensions.items():
        for m, member in enumerate(dim.members):
            at = line_of(lines, ("dimensions", name, "members", m, "key"))
            assert f'key = "{member.key}"' in source[at - 1]
    for p, phase in enumerate(card.phases):
        assert f'id = "{phase.id}"' in source[line_of(lines, ("phases", p, "id")) - 1]
        for s, section in enumerate(phase.sections):
            for q, question in enumerate(section.questions):
                base = ("phases", p, "sections", s, "questions", q)
                assert f'id = "{question.id}"' in source[line_of(lines, (*base, "id")) - 1]
                for i, item in enumerate(question.items):
                    at = line_of(lines, (*base, "items", i, "key"))
                    assert f'key = "{item.key}"' in source[at - 1], (question.id, item.key)


def test_a_bad_dimension_name_is_named_plainly():
    text = card_text().replace("[dimensions.niveaus]", "[dimensions.Niveaus]")
    (problem,) = problems_of(text)
    assert problem.path == "dimensions.Niveaus"
    assert problem.line == line_number(text, "[dimensions.Niveaus]")
