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
from grow_app.export.docx_fields import (
    bookmark,
    set_core_properties,
    toc_paragraphs,
    update_fields_on_open,
)
from grow_app.export.docx_layout import (
    column_widths,
    keep_rows,
    keep_with_next,
    paragraph_property,
    text_width_needed,
)

__all__ = ["base_document", "render_docx"]

BOLD_FIRST_COLUMN = ("grid", "facts")  # tables whose first column is set in bold
NAME_TABLES = ("facts", "people", "actions")  # every column holds names that must not break
BULLET_INDENT = 360  # twips: where List Bullet's text starts
NARROW_BULLET = "•\u00a0"  # a bullet in a narrow cell, never alone at the end of a line


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
        self.chapters: list[tuple[str, str]] = []  # (title, bookmark) of each Heading 1
        self.has_contents = False

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
        if narrow:
            return self.para(f"{NARROW_BULLET}{text}")
        if real is None or norm(real) != norm("ListBullet"):
            return self.para(f"• {text}", "List Bullet")
        return self.para(text, "List Bullet")

    def block(self, block: Block, *, narrow: bool = False) -> etree._Element:
        if isinstance(block, Bullet):
            return self.bullet(block.text, narrow=narrow)
        return self.para(block.text)

    def emit(self, element: etree._Element) -> None:
        self.out.append(element)

    def content(self, items: tuple[Content, ...]) -> None:
        for index, item in enumerate(items):
            if isinstance(item, Table):
                self.table(item)
                continue
            paragraph = self.block(item)
            if index + 1 < len(items) and isinstance(items[index + 1], Table):
                keep_with_next(paragraph)  # a lead-in line ("Het is aan te bevelen dat:")
            self.emit(paragraph)

    def heading(self, text: str, level: int, *, chapter: bool = False) -> etree._Element:
        """A heading that stays with what follows it, also where a house style's does not;
        a chapter's gets a bookmark for the table of contents."""
        paragraph = self.para(text, f"Heading {level}")
        keep_with_next(paragraph)
        if chapter:
            self.chapters.append((text, bookmark(paragraph, len(self.chapters) + 1)))
        return paragraph

    # tables ----------------------------------------------------------------------------------
    def widths(self, table: Table) -> list[int]:
        """The table's shares of the text width, widened where a header, a name or a word of an
        answer would otherwise break in the middle."""
        count = max(len(table.headers), max((len(r) for r in table.rows), default=0), 1)
        shares = COLUMN_SHARES.get(table.kind)
        if shares is None or len(shares) != count:
            first = 24 if count > 2 else 100 / count
            shares = [first, *[(100 - first) / (count - 1)] * (count - 1)] if count > 1 else [100]
        size = self.base.font_size
        bold_first = table.kind in BOLD_FIRST_COLUMN
        names_everywhere = table.kind in NAME_TABLES
        needed, names = [], []
        for column in range(count):
            header = table.headers[column : column + 1]
            head = text_width_needed(header, size, bold=True)
            bold = bold_first and column == 0
            cells = [b for row in table.rows if column < len(row) for b in row[column]]
            narrow = count > 3
            body = max(
                (self.width_needed(b, size, bold=bold, narrow=narrow) for b in cells), default=0
            )
            needed.append(max(head, body))
            names.append(max(head, body) if column == 0 or names_everywhere else head)
        return column_widths(self.base.text_width, shares, needed, names)

    @staticmethod
    def width_needed(block: Block, size: int, *, bold: bool, narrow: bool) -> int:
        if not isinstance(block, Bullet):
            return text_width_needed([block.text], size, bold=bold)
        if narrow:
            return text_width_needed([f"{NARROW_BULLET}{block.text}"], size, bold=bold)
        return text_width_needed([block.text], size, bold=bold) + BULLET_INDENT

    def table(self, table: Table) -> None:
        if not table.rows and not table.headers:
            return
        header_row = bool(table.headers)
        first_column = table.kind in BOLD_FIRST_COLUMN
        widths = self.widths(table)
        narrow = len(widths) > 3  # a list indent would eat a narrow grid cell (as in widths())
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
        for row in rows:
            tr = etree.SubElement(tbl, qn("w:tr"))
            for column, w in enumerate(widths):
                cell = row[column] if column < len(row) else ()
                tc = etree.SubElement(tr, qn("w:tc"))
                tcw = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
                tcw.set(qn("w:w"), str(w))
                tcw.set(qn("w:type"), "dxa")
                for block in cell or (Para(""),):
                    tc.append(self.block(block, narrow=narrow))
        # Rows whole, the header on every page, never a lone first or last row on a page.
        keep_rows(tbl, header=header_row)
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
        self.emit(self.page_break())

    def page_break(self) -> etree._Element:
        paragraph = etree.Element(qn("w:p"))
        etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:br")).set(
            qn("w:type"), "page"
        )
        return paragraph

    def chapter(self, chapter: Chapter, *, new_page: bool = False) -> None:
        heading = self.heading(chapter.title, 1, chapter=True)
        if new_page:
            paragraph_property(heading, "pageBreakBefore")
        self.emit(heading)
        self.content(chapter.content)

    def contents(self) -> list[etree._Element]:
        """The table of contents page: a Word field Word fills in on opening."""
        title = self.para(self.paper.label("contents"), "TOC Heading")
        entries = toc_paragraphs(self.chapters, self.style("TOC 1"))
        return [title, *entries, self.page_break()]

    def body(self) -> list[etree._Element]:
        self.title_page()
        after_title = len(self.out)
        for chapter in self.paper.front:
            self.chapter(chapter)
        for phase in self.paper.phases:
            self.emit(self.heading(phase.title, 1, chapter=True))
            for section in phase.sections:
                if section.title:
                    self.emit(self.heading(section.title, 2))
                for question in section.questions:
                    self.emit(self.heading(question.title, section.question_level))
                    self.content(question.content)
        for chapter in self.paper.appendix:
            self.chapter(chapter, new_page=True)  # an appendix starts on its own page
        if self.chapters and estimated_pages(self.paper) > TOC_AFTER_PAGES:
            self.out[after_title:after_title] = self.contents()
            self.has_contents = True
        return self.out


TOC_AFTER_PAGES = 3
"""A paper whose body runs to more pages than this (estimated) gets a table of contents."""
_LINE = 95  # characters on a line of body text (Calibri 11 pt, 16 cm)
_PAGE = 46  # lines on a page


def estimated_pages(paper: Paper) -> float:
    """Roughly how many pages the paper's body fills (title page not counted)."""

    def lines(text: str, width: int = _LINE) -> int:
        return max(1, -(-len(text) // width))

    def content(items: tuple[Content, ...]) -> int:
        total = 0
        for item in items:
            if isinstance(item, Table):
                count = max(len(item.headers), 1)
                width = max(10, _LINE // count)
                for row in (tuple((Para(h),) for h in item.headers), *item.rows):
                    total += max(
                        (sum(lines(b.text, width) for b in cell) for cell in row), default=1
                    )
                total += 1
            else:
                total += lines(item.text) + 1
        return total

    total = sum(3 + content(c.content) for c in (*paper.front, *paper.appendix))
    for phase in paper.phases:
        total += 3
        for section in phase.sections:
            total += 2 if section.title else 0
            total += sum(2 + lines(q.title) + content(q.content) for q in section.questions)
    return total / _PAGE


def render_docx(paper: Paper, base: BaseDocument, *, now: dt.datetime | None = None) -> bytes:
    """The paper as .docx bytes, on the prepared ``base``."""
    document = Document(io.BytesIO(base.data))
    body = document.element.body
    sectpr = body.sectPr
    writer = _Writer(base, paper)
    for element in writer.body():
        if sectpr is not None:
            sectpr.addprevious(element)
        else:
            body.append(element)
    if base.own_header:
        header_p = document.sections[-1].header.paragraphs[0]._p
        add_runs(header_p, paper.header_text)
    set_core_properties(
        document,
        title=f"{paper.title} {paper.partnership}".strip(),
        subject=paper.subject,
        author=paper.facilitator,
        language=paper.language,
        stamp=now,
    )
    if writer.has_contents:
        update_fields_on_open(document.settings.element)  # Word fills in the contents' pages
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
