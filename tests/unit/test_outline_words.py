"""The words that tell a question apart, for the outline at 80 columns."""

from __future__ import annotations

from grow_app.card.loader import load_card_file
from grow_app.paths import builtin_cards_dir
from grow_app.services.question_view import common_words, distinctive_words


def test_question_words_and_small_words_go_the_rest_keeps_its_order():
    text = "Wat zien wij als grootste meerwaarde van het Samen Opleiden en Professionaliseren?"
    assert distinctive_words(text) == "grootste meerwaarde Samen Opleiden Professionaliseren"


def test_asides_in_brackets_go():
    text = "Welke (nog te vormen) Onderwijsregio('s) zijn voor ons partnerschap relevant?"
    assert distinctive_words(text) == "Onderwijsregio partnerschap relevant"


def test_words_common_to_the_card_go_unless_nothing_is_left():
    common = frozenset({"partnerschap", "onderwijsregio"})
    text = "Welke (nog te vormen) Onderwijsregio('s) zijn voor ons partnerschap relevant?"
    assert distinctive_words(text, common) == "relevant"
    assert distinctive_words("Wat is ons partnerschap?", common) == "partnerschap"
    assert distinctive_words("Wat is het?", common) == "Wat is het?"  # nothing left at all


def test_common_words_are_those_of_a_quarter_of_the_questions_and_at_least_three():
    texts = ["doelen partnerschap", "partnerschap regio", "partnerschap rol", "rol kansen"]
    assert common_words(texts) == {"partnerschap"}
    assert common_words(texts[:2]) == frozenset()  # in two questions: not common yet


def test_every_question_of_the_built_in_cards_gets_words_of_its_own():
    for path in sorted(builtin_cards_dir().glob("*.toml")):
        card = load_card_file(path)
        common = common_words(q.text for q in card.questions())
        words = [distinctive_words(q.text, common) for q in card.questions()]
        assert all(words)
        assert len(set(words)) == len(words), path.name
