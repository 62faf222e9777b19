"""The Word comparison for the board: title page, the key messages, the recommendation matrix,
for a grid card the heatmap, then per phase and section, per question a table partnership /
answer.

Real styles (Title, Heading 1-3, a table style), the language tag and page numbers in the
footer. Like the position paper it is written in its card's language throughout (headings,
columns, statuses, dates, the footer), whatever the interface's: one document, one language.
Read as pages: a table row never splits over two pages, header rows repeat on every
page, and a heading (or the text that leads into a table) stays with what follows it. A long
recommendation is written out once and then referred to by its number from the card.

Written as it is made (:mod:`grow_app.export.docx_stream`): the rows are read a few hundred
partnerships at a time while the file is written, to a temporary file that is moved into place
when complete, so memory stays flat and a half file never exists.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from grow_app.export.docx_rows import Cell, text_cell
from grow_app.export.docx_stream import StreamedRows
from grow_app.i18n import t_in, tn_in
from grow_app.services import compare as service
from grow_app.text import clean_trimmed

if TYPE_CHECKING:
    from docx.document import Document as DocumentType

    from grow_app.card.models import Card, Question
    from grow_app.services.compare import Comparison

TABLE_STYLE = "Table Grid"
STATUS_FILL = {"ja": "C6EFCE", "deels": "FFEB9C", "nee": "FFC7CE", "nvt": "E7E6E6"}


def _base(card: Card):
    """The same prepared base as the position paper: A4, nl-NL, Calibri, no stock thumbnail,
    Word 2013+ mode, "Pagina X van Y" in the footer and a clean first page."""
    from grow_app.export.document import labels_for, language_tag
    from grow_app.export.docx_base import base_document

    labels = labels_for(card.language)
    return base_document(None, language_tag(card.language), labels), labels


def _widths(table, text_width: int, shares: list[float]) -> None:
    """Column widths as shares of the text width (names get room; no words broken in two)."""
    grid = table._tbl.tblGrid
    for col, share in zip(grid.findall(qn("w:gridCol")), shares, strict=False):
        col.set(qn("w:w"), str(int(text_width * share / sum(shares))))
    table.autofit = False


def _keep_with_next(paragraph) -> None:
    """Keep ``paragraph`` on the page of what follows it (a heading with its table)."""
    paragraph.paragraph_format.keep_with_next = True


def _table(document: DocumentType, headers: list[str], style_id: str | None = None):
    table = document.add_table(rows=1, cols=len(headers))
    style = next((s for s in document.styles if s.style_id == style_id), None)
    table.style = style or document.styles[TABLE_STYLE]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
        _keep_with_next(cell.paragraphs[0])  # never a header row alone at the foot of a page
    # The header row repeats on every page, and (like every row) never splits.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(name)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)
    return table


def _status_label(status: str, lang: str) -> str:
    return t_in(lang, f"compare.status.{status}" if status else "compare.status.none")


class _Builder:
    """One comparison document: its skeleton now, its rows while it is written."""

    def __init__(self, comparison: Comparison) -> None:
        import io

        self.comparison = comparison
        self.card, self.sessions = comparison.card, comparison.sessions
        self.base, self.labels = _base(self.card)
        self.document = Document(io.BytesIO(self.base.data))
        self.rows = StreamedRows()
        from grow_app.export.document import document_language

        self.lang = document_language(self.card.language)

    def say(self, key: str, **values: object) -> str:
        """A text of the document, in its card's language."""
        return t_in(self.lang, key, **values)

    def heading(self, text: str, level: int) -> None:
        _keep_with_next(self.document.add_heading(text, level=level))

    def lead(self, text: str) -> None:
        """A paragraph that leads into the table below it."""
        _keep_with_next(self.document.add_paragraph(text))

    def table(self, headers: list[str], shares: list[float], rows) -> None:
        made = _table(self.document, headers, self.base.table_style)
        _widths(made, self.base.text_width, shares)
        self.rows.add(made, rows)

    # -- the parts -------------------------------------------------------------------------
    def title_page(self, selection: str) -> None:
        from grow_app.export.document import date_text

        today = dt.date.today().isoformat()
        self.document.add_heading(self.say("compare.doc_title"), level=0)
        self.document.add_paragraph(self.card.title)
        self.document.add_paragraph(tn_in(self.lang, "compare.doc_count", len(self.sessions)))
        selection = selection or self.say("compare.doc_all")
        self.document.add_paragraph(self.say("compare.doc_selection", selection=selection))
        self.document.add_paragraph(
            self.say("compare.doc_made", date=date_text(today, self.labels))
        )
        self.heading(self.say("compare.doc_partnerships"), 2)
        labels = self.labels
        self.table(
            [self.say(f"compare.col.{name}") for name in ("partnership", "region", "date")],
            [45, 30, 25],
            lambda: (
                [text_cell(v) for v in (s.name, s.region, date_text(s.date, labels))]
                for s in self.sessions
            ),
        )
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def key_messages(self) -> None:
        """What a board reads first: each partnership's key message."""
        key_label = self.card.key_message.label if self.card.key_message else None
        if not key_label:
            return
        self.heading(key_label, 1)
        no_answer = self.say("compare.doc_no_answer")
        self.table(
            [self.say("compare.col.partnership"), key_label],
            [30, 70],
            lambda: (
                [text_cell(s.name), text_cell(clean_trimmed(s.key_message) or no_answer)]
                for s in self.sessions
            ),
        )

    def numbered(self, question: Question) -> None:
        """The recommendations written out once, numbered as on the card."""
        if clean_trimmed(question.text):
            self.lead(clean_trimmed(question.text))
        for n, item in enumerate(question.items, 1):
            self.lead(f"{n}. {clean_trimmed(item.text)}")

    def matrix(self, question: Question) -> None:
        self.heading(self.say("compare.doc_matrix"), 1)
        self.numbered(question)
        count = len(question.items)
        headers = [self.say("compare.col.partnership"), *(str(n) for n in range(1, count + 1))]

        def rows():
            for chunk in self.comparison.chunks():
                statuses = self.comparison.statuses(chunk, question)
                for s in chunk:
                    mine = statuses.get(s.session_id, {})
                    yield [text_cell(s.name)] + [
                        text_cell(
                            _status_label(mine.get(item.key, ""), self.lang),
                            fill=STATUS_FILL.get(mine.get(item.key, "")),
                        )
                        for item in question.items
                    ]

        self.table(headers, [40] + [60 / count] * count, rows)

    def heatmap(self, question: Question) -> None:
        heat = self.comparison.heatmap(question)
        self.heading(self.say("compare.doc_heatmap"), 1)
        self.lead(clean_trimmed(question.text))
        self.lead(self.say("compare.doc_heatmap_note"))
        most = max(heat.counts.values(), default=0)

        def rows():
            for row_key, row_label in heat.rows:
                row = [text_cell(row_label)]
                for col_key, _label in heat.columns:
                    count = heat.count(row_key, col_key)
                    level = int(235 - 95 * count / most) if count and most else 0
                    fill = f"{level:02X}{min(255, level + 12):02X}FF" if count and most else None
                    row.append(text_cell(str(count), fill=fill))
                yield row

        self.table(
            ["", *(label for _key, label in heat.columns)],
            [28] + [72 / max(1, len(heat.columns))] * len(heat.columns),
            rows,
        )

    def question(self, question: Question, level: int) -> None:
        self.heading(clean_trimmed(question.text), level)
        recommendations = question.kind == "recommendations"
        if recommendations:
            for n, item in enumerate(question.items, 1):
                self.lead(f"{n}. {clean_trimmed(item.text)}")
        no_answer = self.say("compare.doc_no_answer")

        def rows():
            for chunk, view in self.comparison.views(question, self.lang):
                for s in chunk:
                    yield [text_cell(s.name), self.answer_cell(question, view, s, no_answer)]

        self.table(
            [self.say(f"compare.col.{name}") for name in ("partnership", "answer")], [30, 70], rows
        )

    def answer_cell(self, question: Question, view, session, no_answer: str) -> Cell:
        mine = view.answers.get(session.session_id, {})
        statuses = view.statuses.get(session.session_id, {})
        numbers = {item.key: n for n, item in enumerate(question.items, 1)}
        paragraphs: list[list[tuple[str, bool]]] = []
        for key, label in view.labels:
            text = clean_trimmed(mine.get(key, ""))
            status = statuses.get(key, "")
            if question.kind == "grid" and not text:
                continue
            if question.kind == "recommendations":
                # By its number: the whole text stands above the table, once.
                label = self.say("compare.doc_recommendation", number=numbers.get(key, "?"))
            if label:  # the sub-item (and its status) in bold, the answer below it
                suffix = f" ({_status_label(status, self.lang)})" if status else ""
                paragraphs.append([(f"{label}{suffix}", True)])
            paragraphs.append([(text or no_answer, False)])
        return Cell(paragraphs or [[(no_answer, False)]])

    def phases(self) -> None:
        """Per phase and section, per question a table. A section whose title repeats its
        phase's gets no heading of its own and its questions sit one level higher, as in the
        position paper ("Reality: Samen Opleiden" and "Reality: Onderwijsregiovorming" stay)."""
        for phase in self.card.phases:
            self.heading(clean_trimmed(phase.title), 1)
            for section in phase.sections:
                own = clean_trimmed(section.title)
                titled = bool(own) and own.casefold() != clean_trimmed(phase.title).casefold()
                if titled:
                    self.heading(own, 2)
                for question in section.questions:
                    self.question(question, 3 if titled else 2)

    def properties(self) -> None:
        from grow_app.export.document import date_text, language_tag

        if self.base.own_header:
            header = self.document.sections[-1].header.paragraphs[0]
            today = dt.date.today().isoformat()
            header.add_run(f"{self.say('compare.doc_title')} · {date_text(today, self.labels)}")
        from grow_app.export.docx_fields import set_core_properties

        # The paper's own setter: every text cut to the 255 characters Word allows.
        set_core_properties(
            self.document,
            title=f"{self.say('compare.doc_title')}: {self.card.title}",
            subject=self.card.title,
            language=language_tag(self.card.language),
        )


def build_compare_document(comparison: Comparison) -> tuple[DocumentType, StreamedRows]:
    """The document's skeleton, and the rows of its tables (made in ``StreamedRows.save``)."""
    builder = _Builder(comparison)
    builder.properties()
    builder.title_page(comparison.selection)
    builder.key_messages()
    for question in service.recommendation_questions(comparison.card):
        builder.matrix(question)
    for question in service.grid_questions(comparison.card):
        builder.heatmap(question)
    builder.phases()
    return builder.document, builder.rows


def write_compare_docx_to(stream: IO[bytes], comparison: Comparison) -> None:
    document, rows = build_compare_document(comparison)
    rows.save(document, stream)


def write_compare_docx(comparison: Comparison, path: str | os.PathLike[str] | None = None) -> Path:
    """Build the comparison and write it by the rules of every export
    (:mod:`grow_app.export.files`): temp file + link, never overwriting (``-2``). The rows are
    made while the temporary file is written."""
    from grow_app.export.files import compare_filename, single_target, write_file

    folder, name = single_target(path, "docx")  # a missing folder is refused before the work

    def produce(stream: IO[bytes]) -> None:
        write_compare_docx_to(stream, comparison)

    from grow_app.export.document import document_language

    lang = document_language(comparison.card.language)  # named as it is written
    filename = name or compare_filename(comparison.card.id, "docx", lang)
    return write_file(folder / filename, produce)
