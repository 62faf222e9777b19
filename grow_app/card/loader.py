"""Load and check card files: TOML through tomllib, checked by the pydantic schema.

Every problem is reported as one plain line naming the file, the field path and (where it can be
found) the line, in the interface language. Nothing here raises a bare pydantic or TOML error.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grow_app.card.models import Card, card_from_json
from grow_app.errors import CardError, NotFoundError, describe_os_error
from grow_app.i18n import t
from grow_app.text import suggest
from grow_app.validation_text import format_path


@dataclass(frozen=True)
class CardProblem:
    file: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        if not self.path:
            where = f"{self.file}:{self.line}" if self.line else self.file
            return f"{where}: {self.message}"
        key = "card.problem" if self.line else "card.problem_noline"
        return t(key, file=self.file, line=self.line, path=self.path, message=self.message)


# tomllib's English messages (Python 3.11-3.13) -> a plain explanation; {x} are taken from it.
_TOML_REASONS: tuple[tuple[str, str], ...] = (
    (r"Illegal character '\\n'", "card.toml.open_string_line"),
    (r"Illegal character (?P<char>.+)", "card.toml.illegal_character"),
    (r"Found invalid character (?P<char>.+)", "card.toml.illegal_character"),
    (r"Invalid value", "card.toml.invalid_value"),
    (r"Unclosed array", "card.toml.unclosed_array"),
    (r"Unclosed inline table", "card.toml.unclosed_table"),
    (r"Expected '=' after a key in a key/value pair", "card.toml.expected_equals"),
    (r"Invalid statement", "card.toml.invalid_statement"),
    (r"Cannot overwrite a value", "card.toml.overwrite"),
    (r"Cannot declare (?P<key>.+) twice", "card.toml.declared_twice"),
    (r"Duplicate inline table key (?P<key>.+)", "card.toml.declared_twice"),
    (r"Cannot (redefine|mutate immutable) namespace (?P<key>.+)", "card.toml.redefined"),
    (r"Unterminated string", "card.toml.unterminated_string"),
    (r"Expected '\]' at the end of a table declaration", "card.toml.unclosed_header"),
    (r"Expected '\]\]' at the end of an array declaration", "card.toml.unclosed_array_header"),
    (r"Invalid initial character for a key part", "card.toml.bad_key"),
    (r"Expected newline or end of document after a statement", "card.toml.expected_newline"),
    (r"Invalid date or datetime", "card.toml.bad_date"),
    (r"Unescaped '\\' in a string", "card.toml.backslash"),
    (
        r"Invalid hex value|Escaped character is not a Unicode scalar value",
        "card.toml.bad_escape",
    ),
    (r"Expected (?P<expected>.+)", "card.toml.expected"),
)


@functools.cache
def _toml_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled on the first broken file, not on every start."""
    return tuple((re.compile(pattern, re.S), key) for pattern, key in _TOML_REASONS)


def toml_reason(reason: str) -> str:
    """tomllib's English reason (without its position) in plain words of the interface language."""
    for pattern, key in _toml_patterns():
        found = pattern.fullmatch(reason.strip())
        if found:
            return t(key, **{k: v for k, v in found.groupdict().items() if v is not None})
    return t("card.toml.other")


def _toml_problem(name: str, source: str, err: tomllib.TOMLDecodeError) -> CardProblem:
    text = str(err)
    match = re.search(r"\(at line (\d+), column \d+\)", text)
    reason = toml_reason(re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text))
    if match:
        line: int | None = int(match.group(1))
    elif "(at end of document)" in text:
        # e.g. an unclosed array or string: the file ends before the value does.
        line = max(1, len(source.splitlines()))
    else:
        line = None
    return CardProblem(name, "", t("card.not_toml", reason=reason), line)


def parse_card(text: str, name: str) -> tuple[Card | None, list[CardProblem]]:
    """Parse and validate a card's TOML text; returns the card or the list of problems.
    (pydantic and the schema are imported here, not above: a card from the cache, see
    card/cache.py, is used without them.)"""
    from pydantic import ValidationError

    from grow_app.card import schema
    from grow_app.card.models import reference_problems
    from grow_app.card.problem_text import (
        error_message,
        explained_by_unknown_field,
        reference_message,
    )
    from grow_app.card.toml_lines import line_of, locate_lines

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return None, [_toml_problem(name, text, err)]
    lines = locate_lines(text)
    try:
        checked = schema.Card.model_validate(data, context={"collect_references": True})
    except ValidationError as err:
        errors = err.errors(include_url=False)
        explained = explained_by_unknown_field(errors)
        problems = [
            CardProblem(
                name, format_path(e["loc"]) or "card", error_message(e), line_of(lines, e["loc"])
            )
            for index, e in enumerate(errors)
            if index not in explained
        ]
        return None, problems
    card = card_from_json(checked.model_dump())
    problems = [
        CardProblem(name, format_path(p.loc), reference_message(p, lines), line_of(lines, p.loc))
        for p in reference_problems(card)
    ]
    if not any(True for _ in card.questions()):
        problems.append(CardProblem(name, "phases", t("card.err.no_questions")))
    return (None, problems) if problems else (card, [])


def check_card_file(path: Path) -> tuple[Card | None, list[CardProblem]]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        return None, [CardProblem(name, "", t("card.unreadable", reason=describe_os_error(err)))]
    except UnicodeDecodeError:
        return None, [CardProblem(name, "", t("card.not_text"))]
    return parse_card(text, name)


def load_card_file(path: Path) -> Card:
    card, problems = check_card_file(path)
    if card is None:
        raise CardError(str(problems[0]), details=[str(p) for p in problems[1:]])
    return card


@dataclass
class CardCatalog:
    """All cards grow can use: built in, the user's cards folder and any ``--cards`` folders.

    Broken files and duplicate ids do not stop the others from loading; they are kept in
    ``problems`` so the CLI and the app can name them.
    """

    cards: dict[str, Card] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, folders: Iterable[Path]) -> CardCatalog:
        catalog = cls()
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.toml")):
                catalog.add_file(path)
        return catalog

    def add_file(self, path: Path) -> None:
        from grow_app.card.cache import cached_card_file  # checked once per file version

        card, problems = cached_card_file(path)
        if card is None:
            self.problems.extend(str(p) for p in problems)
            return
        if card.id in self.cards:
            self.problems.append(
                t("error.duplicate_card", card_id=card.id, first=self.sources[card.id], second=path)
            )
            return
        self.cards[card.id] = card
        self.sources[card.id] = path

    def get(self, card_id: str) -> Card:
        if card_id in self.cards:
            return self.cards[card_id]
        message = t("error.unknown_card", name=card_id)
        near = suggest(card_id, list(self.cards))
        if near:
            message += " " + t("error.did_you_mean", names=", ".join(near))
        raise NotFoundError(message)

    def __iter__(self):
        return iter(self.cards.values())

    def __len__(self) -> int:
        return len(self.cards)
