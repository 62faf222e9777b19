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
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from grow_app import __version__
from grow_app.export.docx_rows import Cell, TableRows, text_cell
from grow_app.i18n import t
from grow_app.services import compare as service
from grow_app.text import clean_text

if TYPE_CHECKING:
    from docx.document import Document as DocumentType
    from sqlite_utils import Database

    from grow_app.card.models import Card
    from grow_app.services.compare import ComparedSession

TABLE_STYLE = "Table Grid"
STATUS_FILL = {"ja": "C6EFCE", "deels": "FFEB9C", "nee": "FFC7CE", "nvt": "E7E6E6"}


def _set_language(document: DocumentType, lang: str = "nl-NL") -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = [document.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            targets.append(rpr_default.find(qn("w:rPr")))
    for rpr in targets:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        element = OxmlElement("w:lang")
        element.set(qn("w:val"), lang)
        element.set(qn("w:eastAsia"), lang)
        element.set(qn("w:bidi"), "ar-SA")
        rpr.append(element)


def _page_numbers(document: DocumentType) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{t('compare.doc_page')} ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _table(document: DocumentType, headers: list[str]):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles[TABLE_STYLE]
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
    document = Document()
    rows_later = TableRows()
    _set_language(document)
    _page_numbers(document)

    # Title page
    document.add_paragraph(t("compare.doc_title"), style="Title")
    document.add_paragraph(
        t("compare.doc_subtitle", card=card.title, count=len(sessions)), style="Subtitle"
    )
    if selection:
        document.add_paragraph(t("compare.doc_selection", selection=selection))
    document.add_paragraph(
        t("compare.doc_made", date=dt.date.today().strftime("%d-%m-%Y"), version=__version__)
    )
    document.add_heading(t("compare.doc_partnerships"), level=2)
    table = _table(
        document,
        [t("compare.col.partnership"), t("compare.col.region"), t("compare.col.date")],
    )
    rows_later.add(table, ([text_cell(v) for v in (s.name, s.region, s.date)] for s in sessions))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

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
        table = _table(document, headers)
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
        table = _table(document, [""] + [label for _key, label in heat.columns])
        most = max(heat.counts.values(), default=0)
        rows = []
        for row_key, row_label in heat.rows:
            row = [text_cell(row_label)]
            for col_key, _label in heat.columns:
                count = heat.count(row_key, col_key)
                level = int(230 - 130 * count / most) if count and most else 0
                fill = f"{level:02X}{min(255, level + 20):02X}FF" if count and most else None
                row.append(text_cell(str(count), fill=fill))
            rows.append(row)
        rows_later.add(table, rows)

    # Per phase, per question: partnership / answer
    for phase in card.phases:
        document.add_heading(phase.title, level=1)
        for question in phase.questions():
            document.add_heading(question.text, level=2)
            answers = service.question_answers(db, sessions, question)
            statuses = (
                service.question_statuses(db, sessions, question)
                if question.kind == "recommendations"
                else {}
            )
            labels = service.item_labels(card, question)
            table = _table(document, [t("compare.col.partnership"), t("compare.col.answer")])
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
    key_label = card.key_message.label if card.key_message else None
    if key_label:
        document.add_heading(key_label, level=1)
        table = _table(document, [t("compare.col.partnership"), key_label])
        rows_later.add(
            table,
            (
                [text_cell(s.name), text_cell(_text(s.key_message) or t("compare.doc_no_answer"))]
                for s in sessions
            ),
        )
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
