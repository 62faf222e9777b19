"""The base document every paper starts from, prepared once per process.

python-docx's own template (made A4, one body font, only the styles the paper uses) or a
house-style .docx (its text removed; its styles, margins, header, footer and logo kept). Either
way the language tag is set, the stock thumbnail dropped, and a footer with page numbers and an
empty first-page header added where the base has none. The missing styles of a house style are
mapped to the nearest ones, with one warning line for the user.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from grow_app.errors import GrowError
from grow_app.export.docx_fields import toc_styles
from grow_app.export.docx_template import (
    body_font,
    drop_parts,
    prune_styles,
    read_template,
    set_compatibility_mode,
    set_language,
)
from grow_app.i18n import t

W_VAL = qn("w:val")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

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
    "contributions": [75, 25],
    "votes": [80, 20],
}


def norm(name: str) -> str:
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
    font_size: int = 22  # half-points of the body text (22: 11 pt), for column widths


# -- preparing the base document -------------------------------------------------------------------
def _resolve_styles(document) -> tuple[dict[str, str | None], str | None, list[str]]:
    """Map each wanted style to a style id in ``document``; one warning line per style that is
    missing or stored under another name."""
    from docx.styles import BabelFish

    exact: dict[tuple[str, str], str] = {}
    loose: dict[tuple[str, str], tuple[str, str]] = {}
    for style in document.styles.element.style_lst:
        kind = style.get(qn("w:type")) or "paragraph"
        name = style.name_val or style.styleId or ""
        exact.setdefault((kind, name), style.styleId)
        for key in (name, style.styleId or ""):
            loose.setdefault((kind, norm(key)), (style.styleId, name))

    replaced: list[str] = []

    def find(kind: str, wanted: str) -> tuple[str | None, str | None]:
        """(style id, the name it was found under if that differs from ``wanted``)."""
        for name in (wanted, BabelFish.ui2internal(wanted)):
            if (kind, name) in exact:
                return exact[(kind, name)], None
        if (kind, norm(wanted)) in loose:
            style_id, name = loose[(kind, norm(wanted))]
            return style_id, name
        return None, None

    resolved: dict[str, str | None] = {}
    for wanted, fallbacks in PARAGRAPH_STYLES.items():
        style_id, other_name = find("paragraph", wanted)
        if style_id is not None:
            resolved[wanted] = style_id
            if other_name is not None and other_name != BabelFish.ui2internal(wanted):
                replaced.append(t("export.style_renamed", style=wanted, name=other_name))
            continue
        for fallback in fallbacks:
            style_id, _name = find("paragraph", fallback)
            if style_id is not None or fallback == "Normal":
                resolved[wanted] = style_id
                replaced.append(t("export.style_missing", style=wanted, fallback=fallback))
                break
    table_style = None
    for candidate in TABLE_STYLES:
        table_style, _name = find("table", candidate)
        if table_style:
            break
    if table_style is None:
        replaced.append(t("export.table_style_missing", style=TABLE_STYLES[0]))
    return resolved, table_style, replaced


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


def _font_size(document, normal: str | None) -> int:
    """The body text's size in half-points: the Normal style's, else the document default."""
    styles = document.styles.element
    places = [f"w:style[@w:styleId='{normal}']/w:rPr/w:sz"] if normal else []
    places.append("w:docDefaults/w:rPrDefault/w:rPr/w:sz")
    for place in places:
        found = styles.xpath(place)
        if found and (found[0].get(W_VAL) or "").isdigit():
            return int(found[0].get(W_VAL))
    return 20  # Word's own default, 10 pt


def _normal_style(document) -> str | None:
    found = document.styles.element.xpath("w:style[@w:type='paragraph' and @w:default='1']")
    return found[0].get(qn("w:styleId")) if found else None


def _text_width(section) -> int:
    width = section.page_width or Cm(21)
    left = section.left_margin or 0
    right = section.right_margin or 0
    return max(int((width - left - right) / 635), 2000)  # EMU -> twips


def _header_and_footer(
    section, own: bool, styles: dict[str, str | None], labels: dict[str, str]
) -> bool:
    """grow's header and "Pagina X van Y" footer where the base has none of its own (``own``:
    python-docx's template); True when the paper writes its own header text."""
    own_header = own or section.header.is_linked_to_previous
    if not own_header:
        own_header = not _has_content(section.header._element)
    own_footer = own or section.footer.is_linked_to_previous
    if not own_footer:
        own_footer = not _has_content(section.footer._element)
    if own_header and own_footer:
        # An empty first-page header and footer keep the title page clean. Not when the house
        # style brings its own header or footer: its title page would lose the logo.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
    if own_header:
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]._p
        style_paragraph(paragraph, styles["Header"], "right")
    if own_footer:
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]._p
        for child in list(paragraph):
            paragraph.remove(child)
        style_paragraph(paragraph, styles["Footer"], "center")
        add_runs(paragraph, f"{labels['export.doc.page']} ")
        _field(paragraph, "PAGE")
        add_runs(paragraph, f" {labels['export.doc.of']} ")
        _field(paragraph, "NUMPAGES")
    return own_header


def prepare_base(source: bytes | None, tag: str, labels: dict[str, str]) -> BaseDocument:
    """Prepare python-docx's template (``source`` None) or a house-style .docx once."""
    document = Document(io.BytesIO(source) if source is not None else None)
    body = document.element.body
    final_sectpr = body.sectPr
    for child in list(body):
        if child is not final_sectpr:
            body.remove(child)
    drop_parts(document)
    set_language(document, tag)
    set_compatibility_mode(document)
    section = document.sections[-1]
    if source is None:
        body_font(document, "Calibri")
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.25)
    styles, table_style, replaced = _resolve_styles(document)
    styles["TOC Heading"], styles["TOC 1"] = toc_styles(
        document.styles.element,
        styles.get("Heading 1"),
        _normal_style(document),
        _text_width(section),
    )
    if source is None:
        prune_styles(document, {*styles.values(), table_style})
    warnings = list(replaced)
    own_header = _header_and_footer(section, source is None, styles, labels)
    buffer = io.BytesIO()
    document.save(buffer)
    return BaseDocument(
        data=buffer.getvalue(),
        styles=styles,
        table_style=table_style,
        text_width=_text_width(section),
        own_header=own_header,
        warnings=warnings,
        font_size=_font_size(document, _normal_style(document)),
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
                from grow_app.export.docx_cache import cached_base  # kept between runs, too

                _cache[key] = cached_base(source, tag, labels)
            except GrowError:
                raise
            except Exception as err:  # python-docx raises many kinds on a broken package
                if template is None:
                    raise
                raise GrowError(t("export.template_not_docx", path=template)) from err
        return _cache[key]


def style_paragraph(p, style_id: str | None, align: str | None = None) -> None:
    """Give paragraph ``p`` a style (and alignment), replacing any it had; schema order kept."""
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        for child in ppr.findall(qn("w:pStyle")) + ppr.findall(qn("w:jc")):
            ppr.remove(child)
    if not style_id and not align:
        return
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    if style_id:
        ppr.insert(0, etree.Element(qn("w:pStyle")))
        ppr[0].set(W_VAL, style_id)
    if align:
        jc = etree.Element(qn("w:jc"))
        jc.set(W_VAL, align)
        after = ppr.find(qn("w:rPr"))  # jc comes before the paragraph mark's run properties
        if after is not None:
            after.addprevious(jc)
        else:
            ppr.append(jc)


def add_runs(p, text: str) -> None:
    for index, piece in enumerate(text.split("\t")):
        if index:
            etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:tab"))
        if piece:
            node = etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t"))
            node.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                node.set(XML_SPACE, "preserve")
