"""The position paper as a Word document: real styles, page numbers, the Dutch language tag.

python-docx is imported here only, so the rest of grow starts without it. The base document
(python-docx's own template, or a house-style .docx) is prepared once per process: language tag,
page set-up, footer with page numbers, stock thumbnail removed. Each paper then opens those bytes
and adds its body as plain WordprocessingML, which is far quicker than python-docx's cell-by-cell
API and produces the same markup.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from grow_app.errors import GrowError
from grow_app.export.document import Block, Bullet, Chapter, Content, Paper, Para, Table
from grow_app.i18n import t

W_VAL = qn("w:val")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# The styles the paper uses, and where to go when a house style lacks one.
PARAGRAPH_STYLES: dict[str, tuple[str, ...]] = {
    "Title": ("Heading 1",),
    "Subtitle": ("Heading 2", "Normal"),
    "Heading 1": ("Title", "Normal"),
    "Heading 2": ("Heading 1", "Normal"),
    "Heading 3": ("Heading 2", "Heading 1", "Normal"),
    "List Bullet": ("List Paragraph", "List", "Normal"),
    "Header": ("Normal",),
    "Footer": ("Normal",),
}
TABLE_STYLES: tuple[str, ...] = ("Light Grid Accent 1", "Table Grid")
LOOK_BITS = {
    "firstRow": 0x20,
    "lastRow": 0x40,
    "firstColumn": 0x80,
    "lastColumn": 0x100,
    "noHBand": 0x200,
    "noVBand": 0x400,
}
# Column widths in percent of the text width, per kind of table.
COLUMN_SHARES: dict[str, list[float]] = {
    "facts": [30, 70],
    "people": [40, 35, 25],
    "recommendations": [50, 14, 36],
    "actions": [55, 25, 20],
    "per_item": [40, 60],
    "per_dimension": [30, 70],
}


def _norm(name: str) -> str:
    return "".join(name.split()).replace("-", "").casefold()


@dataclass
class BaseDocument:
    """A prepared base document: its bytes, the style ids to use and what to tell the user."""

    data: bytes
    styles: dict[str, str | None]
    table_style: str | None
    text_width: int  # twips between the margins
    own_header: bool  # True: grow writes the header (the template has none)
    warnings: list[str] = field(default_factory=list)


# -- preparing the base document -------------------------------------------------------------------
def _resolve_styles(document) -> tuple[dict[str, str | None], str | None, list[str]]:
    """Map each wanted style to a style id in ``document``; list the ones that were replaced."""
    from docx.styles import BabelFish

    exact: dict[tuple[str, str], str] = {}
    loose: dict[tuple[str, str], tuple[str, str]] = {}
    for style in document.styles.element.style_lst:
        kind = style.get(qn("w:type")) or "paragraph"
        name = style.name_val or style.styleId or ""
        exact.setdefault((kind, name), style.styleId)
        for key in (name, style.styleId or ""):
            loose.setdefault((kind, _norm(key)), (style.styleId, name))

    replaced: list[str] = []

    def find(kind: str, wanted: str) -> tuple[str | None, str | None]:
        """(style id, the name it was found under if that differs from ``wanted``)."""
        for name in (wanted, BabelFish.ui2internal(wanted)):
            if (kind, name) in exact:
                return exact[(kind, name)], None
        if (kind, _norm(wanted)) in loose:
            style_id, name = loose[(kind, _norm(wanted))]
            return style_id, name
        return None, None

    resolved: dict[str, str | None] = {}
    for wanted, fallbacks in PARAGRAPH_STYLES.items():
        style_id, other_name = find("paragraph", wanted)
        if style_id is not None:
            resolved[wanted] = style_id
            if other_name is not None and other_name != BabelFish.ui2internal(wanted):
                replaced.append(f"{wanted} → {other_name}")
            continue
        for fallback in fallbacks:
            style_id, _name = find("paragraph", fallback)
            if style_id is not None or fallback == "Normal":
                resolved[wanted] = style_id
                replaced.append(f"{wanted} → {fallback}")
                break
    table_style = None
    for candidate in TABLE_STYLES:
        table_style, _name = find("table", candidate)
        if table_style:
            break
    if table_style is None:
        replaced.append(f"{TABLE_STYLES[0]} → —")
    return resolved, table_style, replaced


def _set_language(document, tag: str) -> None:
    """nl-NL on the document defaults (and on styles that set their own), so Word checks Dutch."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    if rpr.find(qn("w:lang")) is None:
        etree.SubElement(rpr, qn("w:lang"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(W_VAL, tag)


def _prune_styles(document, used: set[str | None]) -> None:
    """Keep only the styles the paper uses (and what they build on) in python-docx's template.

    Its styles.xml defines some 160 styles (430 kB) that every paper would parse and compress;
    Word still offers all its built-in styles from the latent list, so nothing is lost.
    """
    element = document.styles.element
    by_id = {s.styleId: s for s in element.style_lst}
    keep: set[str] = set()
    todo = [i for i in used if i] + [i for i, s in by_id.items() if s.get(qn("w:default"))]
    while todo:
        style_id = todo.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        for link in ("w:basedOn", "w:next", "w:link"):
            found = by_id[style_id].find(qn(link))
            if found is not None:
                todo.append(found.get(W_VAL))
    for style_id, style in by_id.items():
        if style_id not in keep:
            element.remove(style)


def _body_font(document, name: str) -> None:
    """python-docx's template sets body text in Cambria under Calibri headings; use one family."""
    fonts = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = fonts.find(qn("w:rPr")).find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


def _drop_parts(document) -> None:
    """Remove the stock thumbnail (and Word 2010's duplicate styles) python-docx ships with."""
    package_rels = document.part.package.rels
    for rel_id in [r for r, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rel_id)
    doc_rels = document.part.rels
    for rel_id in [r for r, rel in doc_rels.items() if rel.reltype == STYLES_WITH_EFFECTS]:
        doc_rels.pop(rel_id)


def _has_content(part_element) -> bool:
    return bool(part_element.xpath(".//w:t[normalize-space()] | .//w:drawing | .//w:pict"))


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""

    def run() -> etree._Element:
        return etree.SubElement(paragraph, qn("w:r"))

    etree.SubElement(run(), qn("w:fldChar")).set(qn("w:fldCharType"), "begin")
    instr = etree.SubElement(run(), qn("w:instrText"))
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    etree.SubElement(run(), qn("w:fldChar")).set(qn("w:fldCharType"), "separate")
    etree.SubElement(run(), qn("w:t")).text = "1"
    etree.SubElement(run(), qn("w:fldChar")).set(qn("w:fldCharType"), "end")


def _text_width(section) -> int:
    width = section.page_width or Cm(21)
    left = section.left_margin or 0
    right = section.right_margin or 0
    return max(int((width - left - right) / 635), 2000)  # EMU -> twips


def prepare_base(source: bytes | None, tag: str, labels: dict[str, str]) -> BaseDocument:
    """Prepare python-docx's template (``source`` None) or a house-style .docx once."""
    document = Document(io.BytesIO(source) if source is not None else None)
    body = document.element.body
    final_sectpr = body.sectPr
    for child in list(body):
        if child is not final_sectpr:
            body.remove(child)
    _drop_parts(document)
    _set_language(document, tag)
    section = document.sections[-1]
    if source is None:
        _body_font(document, "Calibri")
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.25)
    styles, table_style, replaced = _resolve_styles(document)
    if source is None:
        _prune_styles(document, {*styles.values(), table_style})
    warnings = []
    if replaced:
        warnings.append(
            t("export.template_styles", count=len(replaced), details=", ".join(replaced))
        )
    own_header = source is None or section.header.is_linked_to_previous
    if not own_header:
        own_header = not _has_content(section.header._element)
    own_footer = source is None or section.footer.is_linked_to_previous
    if not own_footer:
        own_footer = not _has_content(section.footer._element)
    if own_header or own_footer:
        section.different_first_page_header_footer = True
        # An empty first-page header and footer keep the title page clean.
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
    if own_header:
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]._p
        _style_paragraph(paragraph, styles["Header"], "right")
    if own_footer:
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]._p
        for child in list(paragraph):
            paragraph.remove(child)
        _style_paragraph(paragraph, styles["Footer"], "center")
        _add_runs(paragraph, f"{labels['export.doc.page']} ")
        _field(paragraph, "PAGE")
        _add_runs(paragraph, f" {labels['export.doc.of']} ")
        _field(paragraph, "NUMPAGES")
    buffer = io.BytesIO()
    document.save(buffer)
    return BaseDocument(
        data=buffer.getvalue(),
        styles=styles,
        table_style=table_style,
        text_width=_text_width(section),
        own_header=own_header,
        warnings=warnings,
    )


_cache: dict[tuple[object, ...], BaseDocument] = {}
_cache_lock = threading.Lock()


def base_document(template: Path | None, tag: str, labels: dict[str, str]) -> BaseDocument:
    """The prepared base for ``template`` (None: grow's own), kept for the rest of the process."""
    key: tuple[object, ...]
    if template is None:
        key = (None, tag, labels["export.doc.page"])
    else:
        if not template.is_file():
            raise GrowError(t("export.template_missing", path=template))
        stat = template.stat()
        key = (str(template.resolve()), stat.st_mtime_ns, stat.st_size, tag)
    with _cache_lock:
        if key not in _cache:
            source = None if template is None else read_template(template)
            try:
                _cache[key] = prepare_base(source, tag, labels)
            except GrowError:
                raise
            except Exception as err:  # python-docx raises many kinds on a broken package
                if template is None:
                    raise
                raise GrowError(t("export.template_not_docx", path=template)) from err
        return _cache[key]


def read_template(path: Path) -> bytes:
    """The bytes of a house-style .docx (a .dotx is accepted and read as a document)."""
    if not path.is_file():
        raise GrowError(t("export.template_missing", path=path))
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise GrowError(t("export.template_not_docx", path=path))
            types = archive.read("[Content_Types].xml")
            if TEMPLATE_TYPE not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    content = archive.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        content = content.replace(TEMPLATE_TYPE, DOCUMENT_TYPE)
                    copy.writestr(info, content)
            return out.getvalue()
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise GrowError(t("export.template_not_docx", path=path)) from err


# -- writing the body ------------------------------------------------------------------------------
def _style_paragraph(p, style_id: str | None, align: str | None = None) -> None:
    if not style_id and not align:
        return
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    if style_id:
        etree.SubElement(ppr, qn("w:pStyle")).set(W_VAL, style_id)
    if align:
        etree.SubElement(ppr, qn("w:jc")).set(W_VAL, align)


def _add_runs(p, text: str) -> None:
    for index, piece in enumerate(text.split("\t")):
        if index:
            etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:tab"))
        if piece:
            node = etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t"))
            node.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                node.set(XML_SPACE, "preserve")


class _Writer:
    def __init__(self, base: BaseDocument, paper: Paper) -> None:
        self.base = base
        self.paper = paper
        self.out: list[etree._Element] = []

    def style(self, name: str) -> str | None:
        return self.base.styles.get(name)

    def para(self, text: str, style: str | None = None) -> etree._Element:
        p = etree.Element(qn("w:p"))
        _style_paragraph(p, self.style(style) if style else None)
        _add_runs(p, text)
        return p

    def bullet(self, text: str, *, narrow: bool = False) -> etree._Element:
        """A List Bullet item; a '• ' paragraph where the style is missing or the cell narrow."""
        real = self.style("List Bullet")
        if narrow or real is None or _norm(real) != _norm("ListBullet"):
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
            (paper.label("card"), paper.card_title),
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
                    self.emit(self.para(question.title, "Heading 3"))
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
        _add_runs(header_p, paper.header_text)
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
