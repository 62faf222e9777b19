"""The Word comparison for the board: title page, the recommendation matrix, then per question a
table partnership / answer, and for a grid card the heatmap as a table.

Real styles (Title, Heading 1-2, a table style), Dutch language tag (nl-NL) and page numbers in
the footer. Written to a temporary file and moved into place, so a half file never exists.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from grow_app.export.docx_rows import Cell, TableRows, text_cell
from grow_app.i18n import t, tn
from grow_app.services import compare as service
from grow_app.text import clean_text

if TYPE_CHECKING:
    from docx.document import Document as DocumentType
    from sqlite_utils import Database

    from grow_app.card.models import Card
    from grow_app.services.compare import ComparedSession

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


def _table(document: DocumentType, headers: list[str], style_id: str | None = None):
    table = document.add_table(rows=1, cols=len(headers))
    style = next((s for s in document.styles if s.style_id == style_id), None)
    table.style = style or document.styles[TABLE_STYLE]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    # Repeat the header row on every page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    return table


def _status_label(status: str) -> str:
    return t(f"compare.status.{status}") if status else t("compare.status.none")


def _text(value: str) -> str:
    return clean_text(value).strip()


def build_compare_document(
    db: Database, card: Card, sessions: list[ComparedSession], *, selection: str = ""
) -> tuple[DocumentType, TableRows]:
    """The document, and the rows of its tables (which join it in ``TableRows.save``)."""
    import io

    from grow_app.export.document import date_text, language_tag

    base, labels = _base(card)
    document = Document(io.BytesIO(base.data))
    rows_later = TableRows()
    width = base.text_width

    def new_table(headers: list[str], shares: list[float]):
        made = _table(document, headers, base.table_style)
        _widths(made, width, shares)
        return made

    today = dt.date.today()
    count = len(sessions)
    if base.own_header:
        header = document.sections[-1].header.paragraphs[0]
        header.add_run(f"{t('compare.doc_title')} · {date_text(today.isoformat(), labels)}")
    props = document.core_properties
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title = f"{t('compare.doc_title')}: {card.title}"
    props.subject = card.title
    props.author = props.last_modified_by = ""
    props.comments = props.keywords = props.category = ""
    props.language = language_tag(card.language)
    props.created = props.modified = stamp
    props.revision = 1

    # Title page
    document.add_heading(t("compare.doc_title"), level=0)
    document.add_paragraph(card.title)
    document.add_paragraph(tn("compare.doc_count", count))
    if selection:
        document.add_paragraph(t("compare.doc_selection", selection=selection))
    document.add_paragraph(t("compare.doc_made", date=date_text(today.isoformat(), labels)))
    document.add_heading(t("compare.doc_partnerships"), level=2)
    people = new_table(
        [t("compare.col.partnership"), t("compare.col.region"), t("compare.col.date")],
        [45, 30, 25],
    )
    rows_later.add(
        people,
        ([text_cell(v) for v in (s.name, s.region, date_text(s.date, labels))] for s in sessions),
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # The key messages first: that is what a board reads
    key_label = card.key_message.label if card.key_message else None
    if key_label:
        document.add_heading(key_label, level=1)
        messages = new_table([t("compare.col.partnership"), key_label], [30, 70])
        rows_later.add(
            messages,
            (
                [text_cell(s.name), text_cell(_text(s.key_message) or t("compare.doc_no_answer"))]
                for s in sessions
            ),
        )

    # The recommendation matrix
    for question in service.recommendation_questions(card):
        document.add_heading(t("compare.doc_matrix"), level=1)
        document.add_paragraph(question.text)
        statuses = service.question_statuses(db, sessions, question)
        for n, item in enumerate(question.items, 1):
            document.add_paragraph(f"{n}. {item.text}")
        headers = [t("compare.col.partnership")] + [
            str(n) for n, _item in enumerate(question.items, 1)
        ]
        table = new_table(headers, [40] + [60 / len(question.items)] * len(question.items))
        rows = []
        for s in sessions:
            mine = statuses.get(s.session_id, {})
            rows.append(
                [text_cell(s.name)]
                + [
                    text_cell(
                        _status_label(mine.get(item.key, "")),
                        fill=STATUS_FILL.get(mine.get(item.key, "")),
                    )
                    for item in question.items
                ]
            )
        rows_later.add(table, rows)

    # The grid heatmap
    for question in service.grid_questions(card):
        heat = service.heatmap(db, card, sessions, question)
        document.add_heading(t("compare.doc_heatmap"), level=1)
        document.add_paragraph(question.text)
        document.add_paragraph(t("compare.doc_heatmap_note"))
        table = new_table(
            [""] + [label for _key, label in heat.columns],
            [28] + [72 / max(1, len(heat.columns))] * len(heat.columns),
        )
        most = max(heat.counts.values(), default=0)
        rows = []
        for row_key, row_label in heat.rows:
            row = [text_cell(row_label)]
            for col_key, _label in heat.columns:
                count = heat.count(row_key, col_key)
                level = int(235 - 95 * count / most) if count and most else 0
                fill = f"{level:02X}{min(255, level + 12):02X}FF" if count and most else None
                row.append(text_cell(str(count), fill=fill))
            rows.append(row)
        rows_later.add(table, rows)

    # Per phase, per question: partnership / answer
    for phase in card.phases:
        document.add_heading(phase.title, level=1)
        for question in phase.questions():
            document.add_heading(question.text, level=2)
            view = service.question_view(db, card, sessions, question)
            answers, statuses, labels = view.answers, view.statuses, view.labels
            table = new_table([t("compare.col.partnership"), t("compare.col.answer")], [30, 70])
            rows = []
            for s in sessions:
                mine = answers.get(s.session_id, {})
                paragraphs: list[list[tuple[str, bool]]] = []
                for key, label in labels:
                    text = _text(mine.get(key, ""))
                    status = statuses.get(s.session_id, {}).get(key, "")
                    if question.kind == "grid" and not text:
                        continue
                    if label:  # the sub-item (and its status) in bold, the answer below it
                        suffix = f" ({_status_label(status)})" if status else ""
                        paragraphs.append([(f"{label}{suffix}", True)])
                    paragraphs.append([(text or t("compare.doc_no_answer"), False)])
                if not paragraphs:
                    paragraphs.append([(t("compare.doc_no_answer"), False)])
                rows.append([text_cell(s.name), Cell(paragraphs)])
            rows_later.add(table, rows)
    return document, rows_later


def write_compare_docx(
    db: Database,
    card: Card,
    sessions: list[ComparedSession],
    path: str | os.PathLike[str] | None = None,
    *,
    selection: str = "",
) -> Path:
    """Build the comparison and write it by the rules of every export
    (:mod:`grow_app.export.files`): temp file + link, never overwriting (``-2``)."""
    import io

    from grow_app.export.files import single_target, write_file

    folder, name = single_target(path, "docx")  # a missing folder is refused before the work
    document, rows = build_compare_document(db, card, sessions, selection=selection)
    buffer = io.BytesIO()
    rows.save(document, buffer)
    return write_file(folder / (name or service.default_filename(card, "docx")), buffer.getvalue())
