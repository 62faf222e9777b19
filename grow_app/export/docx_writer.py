"""The position paper as a Word document: real styles, page numbers, the Dutch language tag.

python-docx is imported only here and in :mod:`grow_app.export.docx_base`, so the rest of grow
starts without it. Each paper opens the prepared base bytes and adds its body as plain
WordprocessingML, which is far quicker than python-docx's cell-by-cell API and gives the same
markup.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from grow_app.export.document import Block, Bullet, Chapter, Content, Paper, Para, Table
from grow_app.export.docx_base import (
    COLUMN_SHARES,
    LOOK_BITS,
    W_VAL,
    BaseDocument,
    add_runs,
    base_document,
    norm,
    style_paragraph,
)

__all__ = ["base_document", "render_docx"]


def right_to_left(text: str) -> bool:
    """True when the first letter with a direction is Hebrew, Arabic or another RTL script."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def plain_borders() -> etree._Element:
    borders = etree.Element(qn("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = etree.SubElement(borders, qn(f"w:{side}"))
        line.set(W_VAL, "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "auto")
    return borders


class _Writer:
    def __init__(self, base: BaseDocument, paper: Paper) -> None:
        self.base = base
        self.paper = paper
        self.out: list[etree._Element] = []

    def style(self, name: str) -> str | None:
        return self.base.styles.get(name)

    def para(self, text: str, style: str | None = None) -> etree._Element:
        p = etree.Element(qn("w:p"))
        style_paragraph(p, self.style(style) if style else None)
        if right_to_left(text):
            ppr = p.find(qn("w:pPr"))
            if ppr is None:
                ppr = etree.SubElement(p, qn("w:pPr"))
            ppr.append(etree.Element(qn("w:bidi")))  # after pStyle, as the schema orders it
        add_runs(p, text)
        return p

    def bullet(self, text: str, *, narrow: bool = False) -> etree._Element:
        """A List Bullet item; a '• ' paragraph where the style is missing or the cell narrow."""
        real = self.style("List Bullet")
        if narrow or real is None or norm(real) != norm("ListBullet"):
            return self.para(f"• {text}", None if narrow else "List Bullet")
        return self.para(text, "List Bullet")

    def block(self, block: Block, *, narrow: bool = False) -> etree._Element:
        if isinstance(block, Bullet):
            return self.bullet(block.text, narrow=narrow)
        return self.para(block.text)

    def emit(self, element: etree._Element) -> None:
        self.out.append(element)

    def content(self, items: tuple[Content, ...]) -> None:
        for item in items:
            if isinstance(item, Table):
                self.table(item)
            else:
                self.emit(self.block(item))

    # tables ----------------------------------------------------------------------------------
    def widths(self, table: Table) -> list[int]:
        count = max(len(table.headers), max((len(r) for r in table.rows), default=0), 1)
        shares = COLUMN_SHARES.get(table.kind)
        if shares is None or len(shares) != count:
            first = 24 if count > 2 else 100 / count
            shares = [first, *[(100 - first) / (count - 1)] * (count - 1)] if count > 1 else [100]
        return [int(self.base.text_width * s / 100) for s in shares]

    def table(
        self,
        table: Table,
    ) -> None:
        if not table.rows and not table.headers:
            return
        header_row = bool(table.headers)
        first_column = table.kind in ("grid", "facts")
        widths = self.widths(table)
        narrow = len(widths) > 3  # a list indent would eat a narrow grid cell
        tbl = etree.Element(qn("w:tbl"))
        props = etree.SubElement(tbl, qn("w:tblPr"))
        if self.base.table_style:
            etree.SubElement(props, qn("w:tblStyle")).set(W_VAL, self.base.table_style)
        width = etree.SubElement(props, qn("w:tblW"))
        width.set(qn("w:w"), str(sum(widths)))
        width.set(qn("w:type"), "dxa")
        if not self.base.table_style:
            props.append(plain_borders())  # a house style without table styles: thin lines
        # Word reads the attributes, LibreOffice the older hex mask: write both.
        flags = {
            "firstRow": header_row,
            "lastRow": False,
            "firstColumn": first_column,
            "lastColumn": False,
            "noHBand": False,
            "noVBand": True,
        }
        look = etree.SubElement(props, qn("w:tblLook"))
        look.set(W_VAL, f"{sum(bit for name, bit in LOOK_BITS.items() if flags[name]):04X}")
        for name, on in flags.items():
            look.set(qn(f"w:{name}"), "1" if on else "0")
        grid = etree.SubElement(tbl, qn("w:tblGrid"))
        for w in widths:
            etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(w))
        rows: list[tuple[tuple[Block, ...], ...]] = []
        if header_row and table.headers:
            rows.append(tuple((Para(h),) if h else () for h in table.headers))
        rows.extend(table.rows)
        for index, row in enumerate(rows):
            tr = etree.SubElement(tbl, qn("w:tr"))
            row_props = etree.SubElement(tr, qn("w:trPr"))
            etree.SubElement(row_props, qn("w:cantSplit"))  # a row never breaks over two pages
            if index == 0 and header_row:
                etree.SubElement(row_props, qn("w:tblHeader"))  # repeated on every page
            for column, w in enumerate(widths):
                cell = row[column] if column < len(row) else ()
                tc = etree.SubElement(tr, qn("w:tc"))
                tcw = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
                tcw.set(qn("w:w"), str(w))
                tcw.set(qn("w:type"), "dxa")
                for block in cell or (Para(""),):
                    tc.append(self.block(block, narrow=narrow))
        self.emit(tbl)
        # A paragraph after every table keeps two tables (or a table and a heading) apart.
        self.emit(etree.Element(qn("w:p")))

    # the paper -------------------------------------------------------------------------------
    def title_page(self) -> None:
        paper = self.paper
        self.emit(self.para(paper.title, "Title"))
        if paper.partnership:
            self.emit(self.para(paper.partnership, "Subtitle"))
        facts = [
            (paper.label("region"), paper.region),
            (paper.label("date"), paper.date_text),
            (paper.label("card"), paper.card_fact),
            (paper.label("facilitator"), paper.facilitator),
        ]
        rows = tuple(((Para(k),), (Para(v),)) for k, v in facts if v)
        self.table(Table((), rows, "facts"))
        if paper.participants:
            headers = (
                paper.label("participants"),
                paper.label("col_organisation"),
                paper.label("col_role"),
            )
            people = tuple(tuple((Para(v),) if v else () for v in p) for p in paper.participants)
            self.table(Table(headers, people, "people"))
        page_break = etree.Element(qn("w:p"))
        etree.SubElement(etree.SubElement(page_break, qn("w:r")), qn("w:br")).set(
            qn("w:type"), "page"
        )
        self.emit(page_break)

    def chapter(self, chapter: Chapter, *, new_page: bool = False) -> None:
        heading = self.para(chapter.title, "Heading 1")
        if new_page:
            etree.SubElement(heading.find(qn("w:pPr")), qn("w:pageBreakBefore"))
        self.emit(heading)
        self.content(chapter.content)

    def body(self) -> list[etree._Element]:
        self.title_page()
        for chapter in self.paper.front:
            self.chapter(chapter)
        for phase in self.paper.phases:
            self.emit(self.para(phase.title, "Heading 1"))
            for section in phase.sections:
                if section.title:
                    self.emit(self.para(section.title, "Heading 2"))
                for question in section.questions:
                    self.emit(self.para(question.title, f"Heading {section.question_level}"))
                    self.content(question.content)
        for chapter in self.paper.appendix:
            self.chapter(chapter, new_page=True)  # an appendix starts on its own page
        return self.out


def render_docx(paper: Paper, base: BaseDocument, *, now: dt.datetime | None = None) -> bytes:
    """The paper as .docx bytes, on the prepared ``base``."""
    document = Document(io.BytesIO(base.data))
    body = document.element.body
    sectpr = body.sectPr
    for element in _Writer(base, paper).body():
        if sectpr is not None:
            sectpr.addprevious(element)
        else:
            body.append(element)
    if base.own_header:
        header_p = document.sections[-1].header.paragraphs[0]._p
        add_runs(header_p, paper.header_text)
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    props.title = f"{paper.title} {paper.partnership}".strip()
    props.subject = paper.subject
    props.author = paper.facilitator
    props.last_modified_by = paper.facilitator
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = paper.language
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
