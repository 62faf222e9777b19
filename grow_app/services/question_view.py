"""One question as the session screen shows it, and where it is on the card.

Plain values, no pydantic at run time: the first frame of ``grow open`` builds its editor from
the card file before the card models are even imported (:func:`from_raw`); every later question
comes from the validated card (:func:`from_card`). Both give the same view.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from grow_app.keys import KEY_MESSAGE_ID, grid_key

if TYPE_CHECKING:
    from grow_app.card.models import Card


def section_label(phase_title: str, section_title: str) -> str:
    """The section's title without its phase's name in front ("Reality: Samen Opleiden" under
    Reality reads "Samen Opleiden"); the card's text is otherwise shown as it is."""
    for separator in (":", " -", " –", " ·"):
        prefix = f"{phase_title}{separator}"
        if section_title.lower().startswith(prefix.lower()):
            rest = section_title[len(prefix) :].strip()
            if rest:
                return rest
    return section_title


def where_label(phase_title: str, section_title: str) -> str:
    """The phase, and the section when it says more than the phase."""
    section = section_label(phase_title, section_title)
    return phase_title if section == phase_title else f"{phase_title} · {section}"


# -- the few words that tell a question apart (the outline at 80 columns) ------------------------
_STOP_WORDS = (
    "wat", "hoe", "welke", "welk", "wie", "waar", "wanneer", "waarom", "waardoor", "indien", "als",
    "gaat", "over", "aanzien", "ervoor", "de", "het", "een", "en", "of", "te", "ten", "tot", "van",
    "in", "op", "aan", "voor", "met", "om", "bij", "naar", "uit", "door", "zich", "er", "al", "nu",
    "nog", "wij", "we", "ons", "onze", "zij", "hun", "haar", "je", "jij", "u", "die", "deze",
    "dit", "dat", "dan", "zijn", "is", "was", "heeft", "hebben", "kan", "kunnen", "wil", "willen",
    "zien", "ziet", "zou", "moet", "moeten", "wordt", "worden", "doen", "maken", "komen", "loopt",
    "spelen", "speelt", "eventueel", "absoluut", "minimaal", "nodig", "what", "how", "which",
    "who", "where", "when", "why", "the", "a", "an", "to", "on", "at", "for", "with", "by", "and",
    "or", "are", "do", "does", "our", "us", "you", "your", "they", "their", "this", "that",
    "these", "those", "can", "could", "will", "would", "be",
)  # fmt: skip
OUTLINE_STOP_WORDS = frozenset(_STOP_WORDS)
"""Question words, articles, pronouns, prepositions and helper verbs: almost every question of a
card has some, so they do not tell one from another."""
_WORD = re.compile(r"[\w'’&/+-]+")
_ASIDE = re.compile(r"\([^()]*\)")


def _words(text: str) -> list[str]:
    """The words of ``text`` without asides in brackets ("(nog te vormen)", "('s)")."""
    return [w.strip("-'’/") for w in _WORD.findall(_ASIDE.sub(" ", text)) if w.strip("-'’/")]


def _plain(word: str) -> str:
    return word.casefold()


def common_words(texts: Iterable[str], share: float = 0.25) -> frozenset[str]:
    """Words that occur in so many of the questions (``share`` of them, and at least three)
    that they do not tell them apart: "partnerschap" and "onderwijsregio" on the SO&P card,
    "gezamenlijke doelen" in three of its four Goal questions (``share=0.5`` per phase)."""
    texts = list(texts)
    counts = Counter(w for text in texts for w in {_plain(w) for w in _words(text)})
    least = max(3, len(texts) * share)
    return frozenset(w for w, n in counts.items() if n >= least)


def distinctive_words(text: str, common: frozenset[str] = frozenset()) -> str:
    """The words of a question that tell it apart, in their order: "Wat zien wij als grootste
    meerwaarde van het Samen Opleiden?" -> "grootste meerwaarde Samen Opleiden". Words common to
    the card go too, unless nothing would be left."""
    words = [w for w in _words(text) if _plain(w) not in OUTLINE_STOP_WORDS]
    rare = [w for w in words if _plain(w) not in common]
    return " ".join(rare or words) or " ".join(text.split())


# -- one question as the session screen shows it ---------------------------------------------------
class QuestionView(NamedTuple):
    """Everything the session screen needs to show one stop (a question, or the key message)
    and build its editor: plain values, from the validated card (:func:`from_card`) or, for the
    first frame of ``grow open``, straight from the card file (:func:`from_raw`). (A named
    tuple: a dataclass costs ``grow open`` a millisecond to define, before its first frame.)"""

    stop: str
    kind: str
    """An answer kind of the card, or ``key_message``."""
    where: str
    text: str
    guidance: str = ""
    items: tuple[tuple[str, str], ...] = ()
    """(key, label) of each sub-item, dimension member or recommendation."""
    rows: tuple[tuple[str, str], ...] = ()
    columns: tuple[tuple[str, str], ...] = ()
    phase_id: str = ""

    def answer_keys(self) -> list[str]:
        """The item keys this stop's answers are stored under (as ``Card.answer_keys``)."""
        if self.kind in ("text", "key_message"):
            return [""]
        if self.kind == "grid":
            return [grid_key(r, c) for r, _ in self.rows for c, _ in self.columns]
        if self.kind == "actions":
            return []
        return [key for key, _ in self.items]


def from_card(card: Card, stop: str) -> QuestionView:
    """The view of question ``stop`` (or the key message) of a validated card."""
    if stop == KEY_MESSAGE_ID and card.key_message is not None:
        message = card.key_message
        return QuestionView(stop, "key_message", message.label, message.prompt or message.label)
    phase, section, question = next((p, s, q) for p, s, q in card.locate() if q.id == stop)

    def members(name: str | None) -> tuple[tuple[str, str], ...]:
        dimension = card.dimension(name)
        return tuple((m.key, m.label) for m in dimension.members) if dimension else ()

    items = tuple((item.key, item.text) for item in question.items)
    if question.kind == "per_dimension":
        items = members(question.dimension)
    return QuestionView(
        stop=question.id,
        kind=question.kind,
        where=where_label(phase.title, section.title),
        text=question.text,
        guidance=question.guidance,
        items=items,
        rows=members(question.rows) if question.kind == "grid" else (),
        columns=members(question.columns) if question.kind == "grid" else (),
        phase_id=phase.id,
    )


def from_raw(raw: dict[str, Any], stop: str) -> QuestionView | None:
    """The same view read from the card file as it is (not yet validated): None when anything
    looks unusual, so the caller waits for the validated card instead of guessing."""
    try:
        if stop == KEY_MESSAGE_ID:
            message = raw["key_message"]
            label = str(message["label"])
            return QuestionView(stop, "key_message", label, str(message.get("prompt") or label))
        dimensions = raw.get("dimensions", {})

        def members(name: object) -> tuple[tuple[str, str], ...]:
            found = dimensions.get(name) if isinstance(name, str) else None
            if not found:
                raise KeyError(name)
            return tuple((str(m["key"]), str(m["label"])) for m in found["members"])

        for phase in raw["phases"]:
            for section in phase["sections"]:
                for question in section["questions"]:
                    if question["id"] != stop:
                        continue
                    kind = str(question.get("kind", "text"))
                    items = tuple(
                        (str(i["key"]), str(i["text"])) for i in question.get("items", [])
                    )
                    if kind == "per_dimension":
                        items = members(question["dimension"])
                    grid = kind == "grid"
                    return QuestionView(
                        stop=stop,
                        kind=kind,
                        where=where_label(str(phase["title"]), str(section["title"])),
                        text=str(question["text"]),
                        guidance=str(question.get("guidance", "")),
                        items=items,
                        rows=members(question["rows"]) if grid else (),
                        columns=members(question["columns"]) if grid else (),
                        phase_id=str(phase["id"]),
                    )
    except (KeyError, TypeError, AttributeError):
        return None
    return None
