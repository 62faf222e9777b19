"""docs/card-format.md stays true: its TOML snippets parse, every answer kind is documented,
and its example card passes ``grow cards check`` (see tests/functional/test_cli_commands.py)."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from grow_app.card.loader import check_card_file
from grow_app.card.models import ANSWER_KINDS, Card, KeyMessage, Phase, Question

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDE = (DOCS / "card-format.md").read_text(encoding="utf-8")


def test_every_toml_snippet_in_the_guide_parses():
    snippets = re.findall(r"```toml\n(.*?)```", GUIDE, flags=re.DOTALL)
    assert len(snippets) >= 8
    for snippet in snippets:
        tomllib.loads(snippet)


def test_every_answer_kind_has_its_own_heading():
    headings = re.findall(r"^### `([a-z_]+)`", GUIDE, flags=re.MULTILINE)
    assert headings == list(ANSWER_KINDS)


def test_every_field_of_the_models_is_documented():
    for model in (Card, Phase, Question, KeyMessage):
        for name in (f.name for f in dataclasses.fields(model)):
            assert f"`{name}`" in GUIDE or f"{name} =" in GUIDE, f"{model.__name__}.{name}"


def test_the_question_snippets_are_valid_questions():
    """Each answer-kind snippet, dropped into a minimal card, is accepted."""
    from grow_app.card.loader import parse_card

    head = (
        'id = "doc"\ntitle = "Doc"\nversion = "1"\n'
        '[dimensions.functies]\nlabel = "F"\nmembers = [{ key = "werven", label = "werven" }]\n'
        '[dimensions.schaalniveaus]\nlabel = "S"\nmembers = [{ key = "school", label = "School" }]\n'
        '[[phases]]\nid = "p"\ntitle = "P"\n[[phases.sections]]\nid = "s"\ntitle = "S"\n'
    )
    for kind in ANSWER_KINDS:
        section = GUIDE.split(f"### `{kind}`", 1)[1]
        snippet = re.search(r"```toml\n(.*?)```", section, flags=re.DOTALL).group(1)
        card, problems = parse_card(head + snippet, f"{kind}.toml")
        assert problems == [], kind
        assert next(card.questions()).kind == kind


def test_example_card_is_valid():
    card, problems = check_card_file(DOCS / "examples" / "voorbeeldkaart.toml")
    assert problems == [] and card.id == "voorbeeldkaart"
