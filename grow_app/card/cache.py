"""Cards checked once per file version, not on every start.

Checking a card with the pydantic models is quick; importing pydantic and building the models
is not (more than a bare command line program needs to start). So the outcome of a check is kept
in grow's cache folder under the SHA-256 of the file's bytes (with grow's version and the card
models' own fingerprint, so a new grow never trusts an old entry):

- for a valid card: the card as JSON, and a :class:`CardSummary` of what listings need (id,
  title, version, which questions take which answers);
- for a broken file: its problems, per interface language.

A command that only lists (``grow session list``, ``grow cards list``) reads the summaries; one
that uses a card rebuilds the :class:`~grow_app.card.models.Card` (plain dataclasses) from the
JSON without checking it again. Neither imports pydantic: only a real check does. A changed file
has another hash, so it is checked again. A cache that cannot be read or written is simply not
used: everything is then checked as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from grow_app import __version__, disk_cache

if TYPE_CHECKING:
    from grow_app.card.loader import CardProblem
    from grow_app.card.models import Card

CACHE_FORMAT = 2  # 2: the card as plain dataclasses (card_as_json)
KIND = "cards"  # the cache folder's subfolder
MAX_ENTRIES = 200
"""Entries kept (each a few kB); the oldest go when a new one is written."""


class QuestionSummary(NamedTuple):
    id: str
    kind: str
    answer_keys: tuple[str, ...]
    item_keys: tuple[str, ...]
    """The keys of its items (the recommendations a status belongs to)."""


class CardSummary(NamedTuple):
    """What a listing needs of a card, without the pydantic models. (Named tuples rather than
    dataclasses: a dataclass costs a millisecond to define, and this module is on the way of
    every listing command.)"""

    id: str
    title: str
    version: str
    language: str
    has_key_message: bool
    questions: tuple[QuestionSummary, ...]
    source: Path

    @property
    def question_count(self) -> int:
        return len(self.questions)

    @property
    def progress_total(self) -> int:
        """Questions, plus the Kernboodschap when the card has one (as the session screen counts)."""
        return len(self.questions) + int(self.has_key_message)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "language": self.language,
            "has_key_message": self.has_key_message,
            "questions": [
                [q.id, q.kind, list(q.answer_keys), list(q.item_keys)] for q in self.questions
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], source: Path) -> CardSummary:
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            version=str(data["version"]),
            language=str(data["language"]),
            has_key_message=bool(data["has_key_message"]),
            questions=tuple(
                QuestionSummary(str(q), str(kind), tuple(keys), tuple(items))
                for q, kind, keys, items in data["questions"]
            ),
            source=source,
        )


def summarise(card: Card, source: Path) -> CardSummary:
    return CardSummary(
        id=card.id,
        title=card.title,
        version=card.version,
        language=card.language,
        has_key_message=card.key_message is not None,
        questions=tuple(
            QuestionSummary(
                q.id, q.kind, tuple(card.answer_keys(q)), tuple(item.key for item in q.items)
            )
            for q in card.questions()
        ),
        source=source,
    )


# -- the cache folder -----------------------------------------------------------------------------
def _models_fingerprint() -> str:
    """Size and time of the card models' source: an edited model never meets an old entry."""
    here = Path(__file__).resolve().parent
    parts = []
    for name in ("models.py", "schema.py", "loader.py", "cache.py"):
        try:
            stat = (here / name).stat()
        except OSError:
            continue
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ";".join(parts)


def entry_key(data: bytes) -> str:
    digest = disk_cache.sha256(data)
    digest.update(f"\0{CACHE_FORMAT}\0{__version__}\0{_models_fingerprint()}".encode())
    return digest.hexdigest()


def _read_entry(key: str) -> dict[str, Any] | None:
    return disk_cache.read(KIND, key)


def _write_entry(key: str, entry: dict[str, Any]) -> None:
    disk_cache.write(KIND, key, entry, keep=MAX_ENTRIES)


# -- one card file --------------------------------------------------------------------------------
def _problems_from(entry: dict[str, Any], path: Path) -> list[CardProblem] | None:
    """The problems kept for this file in the interface language; None when there are none (or
    the entry has another shape: the file is then checked again)."""
    from grow_app.card.loader import CardProblem
    from grow_app.i18n import language

    try:
        found = _kept_problems(entry).get(language())
        if found is None:
            return None
        return [CardProblem(str(path), str(p), str(text), line) for p, text, line in found]
    except (AttributeError, TypeError, ValueError):
        return None


def _kept_problems(entry: Any) -> dict[str, Any]:
    """The entry's problems per language; nothing when it has another shape."""
    kept = entry.get("problems") if isinstance(entry, dict) else None
    return kept if isinstance(kept, dict) else {}


def _check(path: Path, key: str, entry: dict[str, Any] | None) -> tuple[Card | None, list, dict]:
    """Check the file with the schema (the slow way) and keep the outcome under ``key``."""
    from grow_app.card.loader import check_card_file
    from grow_app.card.models import card_as_json
    from grow_app.i18n import language

    card, problems = check_card_file(path)
    if card is not None:
        entry = {"card": card_as_json(card), "summary": summarise(card, path).as_json()}
    else:
        entry = {"problems": dict(_kept_problems(entry))}
        entry["problems"][language()] = [[p.path, p.message, p.line] for p in problems]
    _write_entry(key, entry)
    return card, problems, entry


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None  # the loader says why, in the user's words


def cached_card_file(path: Path) -> tuple[Card | None, list[CardProblem]]:
    """As :func:`grow_app.card.loader.check_card_file`, from the cache when this version of the
    file was checked before."""
    data = read_bytes(path)
    if data is None:
        from grow_app.card.loader import check_card_file

        return check_card_file(path)
    key = entry_key(data)
    entry = _read_entry(key)
    if entry is not None and "card" in entry:
        try:
            return construct_card(entry["card"]), []
        except (KeyError, TypeError, ValueError, AttributeError):
            entry = None  # an entry of another shape: check the file again
    if entry is not None:
        problems = _problems_from(entry, path)
        if problems is not None:
            return None, problems
    card, problems, _entry = _check(path, key, entry)
    return card, problems


def cached_summary(path: Path) -> tuple[CardSummary | None, list[str]]:
    """The summary of a card file (or its problems as lines), checking it only when this
    version of the file has not been checked before."""
    data = read_bytes(path)
    if data is None:
        from grow_app.card.loader import check_card_file

        _card, problems = check_card_file(path)
        return None, [str(p) for p in problems]
    key = entry_key(data)
    entry = _read_entry(key)
    if entry is not None and "summary" in entry:
        try:
            return CardSummary.from_json(entry["summary"], path), []
        except (KeyError, TypeError, ValueError):
            entry = None
    if entry is not None:
        known = _problems_from(entry, path)
        if known is not None:
            return None, [str(p) for p in known]
    card, problems, _entry = _check(path, key, entry)
    if card is None:
        return None, [str(p) for p in problems]
    return summarise(card, path), []


# -- the whole set --------------------------------------------------------------------------------
class CardIndex:
    """The summaries of every card grow can use, found by the same rules as
    :meth:`grow_app.card.loader.CardCatalog.load` (folders in order, the first of an id wins,
    broken files and duplicates named in ``problems``)."""

    def __init__(self, cards: dict[str, CardSummary], problems: list[str]) -> None:
        self.cards = cards
        self.problems = problems

    @classmethod
    def load(cls, folders: Iterable[Path]) -> CardIndex:
        from grow_app.i18n import t

        index = cls({}, [])
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.toml")):
                summary, problems = cached_summary(path)
                if summary is None:
                    index.problems.extend(problems)
                elif summary.id in index.cards:
                    first = index.cards[summary.id].source
                    index.problems.append(
                        t("error.duplicate_card", card_id=summary.id, first=first, second=path)
                    )
                else:
                    index.cards[summary.id] = summary
        return index

    def __iter__(self):
        return iter(self.cards.values())


# -- a Card from its JSON, without checking it again ----------------------------------------------
def construct_card(data: dict[str, Any]) -> Card:
    """The :class:`Card` that was checked and kept as ``data``, rebuilt without checking it."""
    from grow_app.card.models import card_from_json

    return card_from_json(data)
