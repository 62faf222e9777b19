"""The shipped cards against their source texts in ../shared/seeds, line by line.

The main card must hold every line of the paper card word for word and in the same order; grow's
own additions (``supplement = true``) are left out of the comparison.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from grow_app.card import schema
from grow_app.card.loader import parse_card
from grow_app.card.models import Card, card_from_json
from grow_app.paths import builtin_cards_dir


def _find_seeds() -> Path:
    """../shared/seeds beside the checkout (SEEDS in tests/conftest.py, which is not importable
    in importlib mode); one level higher for a git worktree kept in a subfolder."""
    root = Path(__file__).resolve().parents[2]
    candidates = [root.parent / "shared" / "seeds", root.parent.parent / "shared" / "seeds"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


SEEDS = _find_seeds()
SOP_SEED = SEEDS / "004_ec786aef135d59b9.txt"
STRATEGY_SEED = SEEDS / "002_513988027393c9dc.txt"


def seed_text(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"source text {path} is absent (CI has ../shared/seeds beside the checkout)")
    return path.read_text(encoding="utf-8")


def normalise(line: str) -> str:
    """A seed or card line without markdown heading marks, list bullets and outer whitespace."""
    line = line.strip()
    line = re.sub(r"^#+\s*", "", line)
    line = re.sub(r"^-\s+", "", line)
    return line.strip()


def seed_lines(text: str) -> list[str]:
    return [n for n in (normalise(line) for line in text.splitlines()) if n]


def card_lines(card: Card) -> list[str]:
    """The card's own texts in reading order, as the paper card shows them."""
    lines = [card.title]
    if card.subtitle:
        lines.append(card.subtitle)
    lines += [n for n in (normalise(line) for line in card.intro.splitlines()) if n]
    for phase in card.phases:
        for section in phase.sections:
            lines.append(section.title)
            lines += [n for n in (normalise(line) for line in section.intro.splitlines()) if n]
            for question in section.questions:
                if question.supplement:
                    continue
                lines.append(question.text)
                lines += [item.text for item in question.items]
    return lines


def differences(expected: list[str], actual: list[str]) -> list[str]:
    """Each place where the card departs from the seed, as a readable line."""
    found = []
    for index in range(max(len(expected), len(actual))):
        want = expected[index] if index < len(expected) else "<einde van de bron>"
        got = actual[index] if index < len(actual) else "<einde van de kaart>"
        if want != got:
            found.append(f"regel {index + 1}: bron {want!r} != kaart {got!r}")
    return found


def load(name: str) -> tuple[str, Card]:
    text = (builtin_cards_dir() / f"{name}.toml").read_text(encoding="utf-8")
    card, problems = parse_card(text, name)
    assert problems == []
    return text, card


def test_main_card_matches_the_seed_line_by_line():
    seed = seed_lines(seed_text(SOP_SEED))
    _, card = load("gesprekskaart-sop")
    mismatches = differences(seed, card_lines(card))
    assert mismatches == [], "\n".join(mismatches[:10])


def test_every_question_and_sub_item_of_the_seed_is_on_the_card():
    """Independent of order: each bullet of the seed is a question or item text of the card."""
    raw = seed_text(SOP_SEED)
    _, card = load("gesprekskaart-sop")
    texts = {q.text for q in card.questions()} | {
        item.text for q in card.questions() for item in q.items
    }
    bullets = [normalise(line) for line in raw.splitlines() if line.strip().startswith("- ")]
    functions = {"werven;", "matchen;", "opleiden;", "begeleiden;", "professionaliseren."}
    missing = [b for b in bullets if b not in texts and b not in functions]
    assert missing == []
    assert len(bullets) > 40


def test_comparison_notices_a_changed_word_and_a_missing_item():
    """The comparison itself can fail: a one-word change and a dropped sub-item are found."""
    seed = seed_lines(seed_text(SOP_SEED))
    text, _ = load("gesprekskaart-sop")
    changed = text.replace(
        "de inrichting van ons partnerschap?", "de inrichting van het partnerschap?"
    )
    card, _ = parse_card(changed, "veranderd.toml")
    assert any(
        "de inrichting van ons partnerschap?" in d for d in differences(seed, card_lines(card))
    )

    data = tomllib.loads(text)
    data["phases"][0]["sections"][0]["questions"][1]["items"].pop()
    card = card_from_json(schema.Card.model_validate(data).model_dump())
    assert differences(seed, card_lines(card))


def test_supplement_questions_are_left_out_of_the_comparison():
    _, card = load("gesprekskaart-sop")
    supplements = [q for q in card.questions() if q.supplement]
    assert [q.kind for q in supplements] == ["actions"]
    assert supplements[0].text not in card_lines(card)


# -- strategiesessie-schaalniveaus against seed 002 ----------------------------------------------


def test_strategy_card_central_question_is_verbatim():
    raw = seed_text(STRATEGY_SEED)
    _, card = load("strategiesessie-schaalniveaus")
    (question,) = list(card.questions())
    assert f'*"{question.text}"*' in raw
    assert question.text == (
        "Als het gaat over werven, matchen, opleiden, begeleiden en professionaliseren: "
        "Welke activiteiten zou je op welk schaalniveau willen adresseren?"
    )


def test_strategy_card_functions_come_from_the_seed():
    raw = seed_text(STRATEGY_SEED)
    _, card = load("strategiesessie-schaalniveaus")
    labels = [m.label for m in card.dimensions["functies"].members]
    named = "We bespraken de thema's werven, matchen, opleiden, begeleiden, professionaliseren en hadden ruimte voor 'anders en overig'."
    assert named in raw
    assert labels[:5] == ["werven", "matchen", "opleiden", "begeleiden", "professionaliseren"]
    assert labels[5].replace("/", " en ") == "anders en overig"


def test_strategy_card_scale_levels_and_descriptions_come_from_the_seed():
    raw = seed_text(STRATEGY_SEED)
    _, card = load("strategiesessie-schaalniveaus")
    levels = card.dimensions["schaalniveaus"].members
    # The seed lists the levels as bullets, from small to large.
    bullets = [normalise(line) for line in raw.splitlines() if line.strip().startswith("- ")]
    assert len(bullets) == len(levels) == 4
    for level, bullet in zip(levels, bullets, strict=True):
        assert bullet.startswith(level.label), (level.label, bullet)
    # The descriptions are cells of the seed's table, which runs from large (top) to small.
    cells = [cell.strip() for line in raw.splitlines() for cell in line.split("\t")]
    positions = [cells.index(level.description) for level in levels]
    assert positions == sorted(positions, reverse=True)


def test_strategy_card_intro_and_section_are_seed_lines():
    raw = seed_text(STRATEGY_SEED)
    _, card = load("strategiesessie-schaalniveaus")
    seed = seed_lines(raw)
    intro = [n for n in (normalise(line) for line in card.intro.splitlines()) if n]
    start = seed.index(intro[0])
    assert seed[start : start + len(intro)] == intro
    assert card.phases[0].sections[0].title in seed
    assert card.subtitle in seed
    assert card.title in raw
