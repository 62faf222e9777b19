"""The position paper as a neutral document model, shared by the Word and markdown writers.

Everything the paper says is decided here (what comes first, which questions are left out, how a
typed answer splits into paragraphs and bullets), so the .docx and the .md always match. The
writers only decide how it looks. Every text passes through :func:`grow_app.text.clean_text`
again: answers may come from imports that bypassed the UI.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from grow_app.card.models import Card, Question, grid_key
from grow_app.i18n.messages import export as labels_module
from grow_app.text import clean_text

if TYPE_CHECKING:
    from grow_app.services.snapshots import SessionSnapshot

_BULLET_MARKS = ("- ", "* ", "• ")


# -- blocks ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullet:
    text: str


Block = Para | Bullet
Cell = tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kind: str = ""  # what the table holds (a question kind, "facts", "people"): writers' hint


Content = Para | Bullet | Table


@dataclass(frozen=True)
class QuestionPart:
    title: str
    content: tuple[Content, ...]
    answered: bool
    points_ahead: bool = False  # only says where its answer stands up front (a table there)


@dataclass(frozen=True)
class SectionPart:
    title: str | None  # None: the section repeats its phase's title, so no heading of its own
    questions: tuple[QuestionPart, ...]

    @property
    def question_level(self) -> int:
        """Heading level of its questions (Word's Heading N): one below the section heading, or
        right below the phase where the section has none, so the outline never skips a level."""
        return 3 if self.title else 2


@dataclass(frozen=True)
class PhasePart:
    title: str
    sections: tuple[SectionPart, ...]


@dataclass(frozen=True)
class Chapter:
    """A chapter before the phases (key message, recommendations, actions) or the appendix."""

    title: str
    content: tuple[Content, ...]


@dataclass(frozen=True)
class Paper:
    language: str  # BCP 47 tag for the document, e.g. "nl-NL"
    title: str
    partnership: str
    region: str
    date: str  # ISO date of the meeting
    date_text: str  # written out, e.g. "14 maart 2026"
    card_title: str
    facilitator: str
    participants: tuple[tuple[str, str, str], ...]
    labels: dict[str, str] = field(repr=False)
    front: tuple[Chapter, ...] = ()
    phases: tuple[PhasePart, ...] = ()
    appendix: tuple[Chapter, ...] = ()

    def label(self, key: str) -> str:
        return self.labels[f"export.doc.{key}"]

    @property
    def header_text(self) -> str:
        return f"{self.partnership} · {self.date_text}"

    @property
    def subject(self) -> str:
        return self.card_title

    @property
    def card_fact(self) -> str:
        """The card title for the title page, beside the label "Gesprekskaart": a title that
        starts with that same word ("Gesprekskaart | Samen Opleiden ...") is not repeated."""
        label = self.label("card")
        title = self.card_title
        if title.casefold().startswith(label.casefold()):
            rest = title[len(label) :].lstrip(" |:–—-·")
            if rest:
                return rest
        return title


# -- helpers --------------------------------------------------------------------------------------
def document_language(card_language: str) -> str:
    """The language of a document's own texts: its card's (Dutch unless the card is English)."""
    return "en" if card_language.startswith("en") else "nl"


def labels_for(card_language: str) -> dict[str, str]:
    """The document labels in the card's language (Dutch unless the card is English)."""
    return labels_module.EN if document_language(card_language) == "en" else labels_module.NL


def language_tag(card_language: str) -> str:
    if "-" in card_language:
        return card_language
    return {"nl": "nl-NL", "en": "en-GB"}.get(card_language, card_language)


def date_text(iso_date: str, labels: dict[str, str]) -> str:
    """'2026-03-14' -> '14 maart 2026' (or the text as it is if it is not a date)."""
    try:
        day = dt.date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{day.day} {labels[f'export.doc.month_{day.month}']} {day.year}"


_TABS = re.compile(r"[ \t]*\t[ \t]*")


def clean(value: str | None) -> str:
    """The shared sanitiser (which also drops U+FFFE and U+FFFF, the two code points XML, and so
    Word, cannot hold at all), with its tabs as spaces.

    Tabs (pasted from Excel or a Word table) become one space: in a paper they would jump to
    the next tab stop and leave holes in the sentence.
    """
    return _TABS.sub(" ", clean_text(value or "")).strip()


def text_blocks(text: str) -> tuple[Block, ...]:
    """A typed answer as blocks: each line a paragraph, '- ' and '* ' lines as bullets."""
    blocks: list[Block] = []
    for raw in clean(text).split("\n"):
        line = raw.strip()
        if not line:
            continue
        mark = next((m for m in _BULLET_MARKS if line.startswith(m)), None)
        if mark:
            item = line[len(mark) :].strip()
            if item:
                blocks.append(Bullet(item))
        else:
            blocks.append(Para(line))
    return tuple(blocks)


# -- building -------------------------------------------------------------------------------------
class _Builder:
    def __init__(self, snapshot: SessionSnapshot, skip_empty: bool) -> None:
        self.snapshot = snapshot
        self.card: Card = snapshot.card
        self.skip_empty = skip_empty
        self.labels = labels_for(self.card.language)

    def label(self, key: str) -> str:
        return self.labels[f"export.doc.{key}"]

    @property
    def not_discussed(self) -> Cell:
        return (Para(self.label("not_discussed")),)

    # chapters before the phases -------------------------------------------------------------
    def front(self) -> list[Chapter]:
        chapters: list[Chapter] = []
        if self.card.key_message is not None:
            blocks = text_blocks(self.snapshot.key_message)
            if blocks or not self.skip_empty:
                chapters.append(
                    Chapter(clean(self.card.key_message.label), blocks or self.not_discussed)
                )
        for question in self.card.questions():
            if question.kind == "recommendations":
                table = self.recommendations(question)
                if table.rows:
                    # The card's own stem ("Het is aan te bevelen dat:") leads into the rows.
                    lead = (Para(clean(question.text)),) if clean(question.text) else ()
                    chapters.append(Chapter(self.label("recommendations"), (*lead, table)))
            elif question.kind == "actions":
                table = self.actions()
                if table.rows:
                    chapters.append(Chapter(self.label("actions"), (table,)))
                elif not self.skip_empty:
                    chapters.append(Chapter(self.label("actions"), self.not_discussed))
        return chapters

    def recommendations(self, question: Question) -> Table:
        rows = []
        for number, item in enumerate(question.items, start=1):
            status = self.snapshot.status(question.id, item.key)
            explanation = text_blocks(self.snapshot.answer(question.id, item.key))
            if self.skip_empty and not status and not explanation:
                continue
            word = self.label(f"status_{status}") if status else ""
            rows.append(
                (
                    # Numbered as on the card (and in the comparison), also where rows are left out.
                    (Para(f"{number}. {clean(item.text)}"),),
                    (Para(word),) if word else (),
                    explanation or (() if status else self.not_discussed),
                )
            )
        headers = (
            self.label("col_recommendation"),
            self.label("col_status"),
            self.label("col_explanation"),
        )
        return Table(headers, tuple(rows), "recommendations")

    def actions(self) -> Table:
        """By deadline (free text last), each date with the year it means, in the card's
        language ("20 januari" in a meeting of March 2026 reads "20 januari 2027")."""
        from grow_app.services.when import parse_when, sorted_by_when

        date = self.snapshot.session.date
        lang = "en" if self.card.language.startswith("en") else "nl"
        rows = []
        for action in sorted_by_when(self.snapshot.actions, lambda a: a.wanneer, date):
            if action.status == "vervallen":
                continue
            when = parse_when(action.wanneer, date).with_year(lang)
            cells = tuple(text_blocks(v) for v in (action.wat, action.wie, when))
            if any(cells):
                rows.append(cells)
        headers = (self.label("col_what"), self.label("col_who"), self.label("col_when"))
        return Table(headers, tuple(rows), "actions")

    # the phases ------------------------------------------------------------------------------
    def phases(self) -> list[PhasePart]:
        result = []
        for phase in self.card.phases:
            title = clean(phase.title)
            if phase.description.strip():
                title = f"{title} – {clean(phase.description)}"
            sections = []
            for section in phase.sections:
                questions = [q for q in (self.question(q) for q in section.questions) if q]
                if not questions:
                    continue
                own = clean(section.title)
                same = own.casefold() == clean(phase.title).casefold()
                sections.append(SectionPart(None if same else own, tuple(questions)))
            questions = [q for s in sections for q in s.questions]
            if questions and all(q.points_ahead for q in questions):
                # Only "see up front" (Way forward on the main card): its tables already stand
                # up front, and a chapter of pointers would be a page that says nothing.
                continue
            if sections:
                result.append(PhasePart(title, tuple(sections)))
        return result

    def question(self, question: Question) -> QuestionPart | None:
        answered = self.snapshot.is_answered(question)
        if self.skip_empty and not answered:
            return None
        title = clean(question.text)
        content: tuple[Content, ...]
        if question.kind == "recommendations":
            # The table itself stands up front; here a sentence that points to it. A stem that
            # ends in ':' would dangle above that sentence, so the chapter's name is the heading.
            content = (Para(self.label("see_recommendations")),)
            if title.endswith(":"):
                title = self.label("recommendations")
            return QuestionPart(title, content, answered, points_ahead=True)
        if question.kind == "actions":
            # Only point to a table that is there (all actions dropped: there is none).
            listed = answered and bool(self.actions().rows)
            content = (Para(self.label("see_actions")),) if listed else self.not_discussed
            if title.endswith(":"):
                title = self.label("actions")
            return QuestionPart(title, content, answered, points_ahead=listed)
        if question.kind == "text":
            content = text_blocks(self.snapshot.answer(question.id)) or self.not_discussed
        elif question.kind == "grid":
            content = (self.grid(question),) if answered else self.not_discussed
        else:
            # Sub-items stay visible, each marked "(nog niet besproken)": a stem ending in ':'
            # needs them to be read as a question at all.
            content = (self.two_columns(question),)
        return QuestionPart(title, content, answered)

    def two_columns(self, question: Question) -> Table:
        if question.kind == "per_dimension":
            dimension = self.card.dimension(question.dimension)
            pairs = [(m.key, m.label) for m in dimension.members] if dimension else []
            first = clean(dimension.label) if dimension else self.label("col_part")
        else:
            pairs = [(item.key, item.text) for item in question.items]
            first = self.label("col_part")
        rows = []
        for key, text in pairs:
            answer = text_blocks(self.snapshot.answer(question.id, key))
            if self.skip_empty and not answer:
                continue
            rows.append(((Para(clean(text)),), answer or self.not_discussed))
        return Table((first, self.label("col_answer")), tuple(rows), question.kind)

    def grid(self, question: Question) -> Table:
        rows_dim = self.card.dimension(question.rows)
        cols_dim = self.card.dimension(question.columns)
        if not rows_dim or not cols_dim:
            return Table((), (), "grid")
        headers = (clean(rows_dim.label), *(clean(c.label) for c in cols_dim.members))
        rows = []
        for row in rows_dim.members:
            cells = tuple(
                text_blocks(self.snapshot.answer(question.id, grid_key(row.key, col.key)))
                for col in cols_dim.members
            )
            if self.skip_empty and not any(cells):
                continue
            rows.append(((Para(clean(row.label)),), *cells))
        return Table(headers, tuple(rows), "grid")

    # the appendix ----------------------------------------------------------------------------
    def appendix(self) -> list[Chapter]:
        items = [Bullet(clean(p.text)) for p in self.snapshot.parking_lot if clean(p.text)]
        if not items:
            return []
        return [Chapter(self.label("parking_lot"), (Para(self.label("parking_intro")), *items))]


def build_paper(snapshot: SessionSnapshot, *, skip_empty: bool = False) -> Paper:
    """What the position paper of a session says, ready for any writer; the snapshot's
    contributions (when it has them) become the appendix "Inbreng van deelnemers"."""
    builder = _Builder(snapshot, skip_empty)
    session = snapshot.session
    labels = builder.labels
    participants = tuple(
        (clean(p.name), clean(p.organisation), clean(p.role))
        for p in snapshot.participants
        if clean(p.name)
    )
    return Paper(
        language=language_tag(snapshot.card.language),
        title=labels["export.doc.title"],
        partnership=clean(snapshot.partnership),
        region=clean(snapshot.region),
        date=session.date,
        date_text=date_text(session.date, labels),
        card_title=clean(snapshot.card.title),
        facilitator=clean(session.facilitator),
        participants=participants,
        labels=labels,
        front=tuple(builder.front()),
        phases=tuple(builder.phases()),
        appendix=(*builder.appendix(), *_contributions(snapshot)),
    )


def _contributions(snapshot: SessionSnapshot) -> tuple[Chapter, ...]:
    if not snapshot.contributions:
        return ()  # most papers: without the appendix's module and the join records it reads
    from grow_app.export.contributions_appendix import contributions_appendix

    return contributions_appendix(snapshot.contributions, snapshot.card.language)
