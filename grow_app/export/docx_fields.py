"""Word fields and document properties: the table of contents Word fills in on opening
(``w:updateFields``), and core properties cut to the 255 characters Word allows.

Shared by the position paper and the comparison; tables and headings on the page:
:mod:`grow_app.export.docx_layout`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx.oxml.ns import qn
from lxml import etree

from grow_app.export.docx_layout import W_VAL, paragraph_property

_W = qn("w:p")[:-1]  # "{namespace}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


# -- the table of contents -------------------------------------------------------------------------
def _run(parent: etree._Element) -> etree._Element:
    return etree.SubElement(parent, qn("w:r"))


def field_char(parent: etree._Element, kind: str, *, dirty: bool = False) -> None:
    char = etree.SubElement(_run(parent), qn("w:fldChar"))
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")


def field_instruction(parent: etree._Element, instruction: str) -> None:
    instr = etree.SubElement(_run(parent), qn("w:instrText"))
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")


def bookmark(p: etree._Element, number: int) -> str:
    """Put a hidden bookmark (``_Toc…``, as Word names its own) around paragraph ``p``'s text."""
    name = f"_Toc{700000000 + number}"
    start = etree.Element(qn("w:bookmarkStart"))
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    ppr = p.find(qn("w:pPr"))
    (ppr.addnext(start) if ppr is not None else p.insert(0, start))
    etree.SubElement(p, qn("w:bookmarkEnd")).set(qn("w:id"), str(number))
    return name


def toc_paragraphs(
    entries: Sequence[tuple[str, str]], entry_style: str | None, levels: str = "1-1"
) -> list[etree._Element]:
    """A TOC field over the headings of ``levels``: one paragraph per entry (its text and the
    bookmark of its heading), linked to the heading. The page numbers are Word's to fill in:
    the field is marked dirty and :func:`update_fields_on_open` has Word update it on opening;
    until then (or in LibreOffice) the list reads without page numbers, never with wrong ones."""
    paragraphs = []
    for index, (text, anchor) in enumerate(entries or (("", ""),)):
        p = etree.Element(qn("w:p"))
        if entry_style:
            paragraph_property(p, "pStyle").set(W_VAL, entry_style)
        if index == 0:
            field_char(p, "begin", dirty=True)
            field_instruction(p, f'TOC \\o "{levels}" \\h \\z \\u')
            field_char(p, "separate")
        if anchor:
            link = etree.SubElement(p, qn("w:hyperlink"))
            link.set(qn("w:anchor"), anchor)
            link.set(qn("w:history"), "1")
            etree.SubElement(_run(link), qn("w:t")).text = text
        paragraphs.append(p)
    field_char(paragraphs[-1], "end")
    return paragraphs


def _find_style(styles: etree._Element, name: str) -> str | None:
    wanted = "".join(name.split()).casefold()
    for style in styles.findall(qn("w:style")):
        found = style.find(qn("w:name"))
        names = (found.get(W_VAL) if found is not None else "", style.get(qn("w:styleId")) or "")
        if style.get(qn("w:type")) == "paragraph" and any(
            "".join(n.split()).casefold() == wanted for n in names
        ):
            return style.get(qn("w:styleId"))
    return None


def toc_styles(
    styles: etree._Element, heading: str | None, normal: str | None, text_width: int
) -> tuple[str, str]:
    """The style ids of the contents' title ("TOC Heading") and entries ("toc 1"), made where
    the base has none as Word would make them: the title like Heading 1 but outside the
    outline, the entries like Normal (a house style's font) with dotted leaders to the page
    numbers at the right margin."""
    made = {}
    for name, style_id, based_on in (
        ("TOC Heading", "TOCHeading", heading),
        ("toc 1", "TOC1", normal),
    ):
        found = _find_style(styles, name)
        if found:
            made[name] = found
            continue
        style = etree.SubElement(styles, qn("w:style"))
        style.set(qn("w:type"), "paragraph")
        style.set(qn("w:styleId"), style_id)
        etree.SubElement(style, qn("w:name")).set(W_VAL, name)
        if based_on:
            etree.SubElement(style, qn("w:basedOn")).set(W_VAL, based_on)
        etree.SubElement(style, qn("w:uiPriority")).set(W_VAL, "39")
        etree.SubElement(style, qn("w:unhideWhenUsed"))
        ppr = etree.SubElement(style, qn("w:pPr"))
        if name == "toc 1":
            tab = etree.SubElement(etree.SubElement(ppr, qn("w:tabs")), qn("w:tab"))
            tab.set(W_VAL, "right")
            tab.set(qn("w:leader"), "dot")
            tab.set(qn("w:pos"), str(text_width))
            etree.SubElement(ppr, qn("w:spacing")).set(qn("w:after"), "100")
        else:
            etree.SubElement(ppr, qn("w:outlineLvl")).set(W_VAL, "9")
        made[name] = style_id
    return made["TOC Heading"], made["toc 1"]


# settings.xml's children that come after w:updateFields in the schema's fixed order.
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def update_fields_on_open(settings: etree._Element) -> None:
    """``<w:updateFields w:val="true"/>``: Word offers to update the fields (the table of
    contents) when the document is opened."""
    found = settings.find(qn("w:updateFields"))
    if found is None:
        found = etree.Element(qn("w:updateFields"))
        anchor = next(
            (c for c in settings if c.tag in {qn(f"w:{n}") for n in _AFTER_UPDATE_FIELDS}), None
        )
        if anchor is None:  # extensions (w14:docId ...) come last: updateFields before them
            anchor = next((c for c in settings if not c.tag.startswith(_W)), None)
        if anchor is None:
            settings.append(found)
        else:
            anchor.addprevious(found)
    found.set(W_VAL, "true")


# -- core properties -------------------------------------------------------------------------------
CORE_PROPERTY_LIMIT = 255  # characters; python-docx refuses more, and so does Word's Info pane


def fit_property(value: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """``value`` on one line and at most ``limit`` characters, cut at a word with '…'."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 3 // 4:
        cut = cut[:space]
    return cut.rstrip(" ,;:·–-") + "…"


def set_core_properties(
    document,
    *,
    title: str,
    subject: str = "",
    author: str = "",
    language: str = "",
    stamp: dt.datetime | None = None,
) -> None:
    """Title, subject, author, language and dates (File ▸ Info in Word); no stale comments,
    keywords or category from the template. Every text is cut to the 255 characters allowed."""
    stamp = (stamp or dt.datetime.now(dt.UTC)).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    texts = {
        "title": title,
        "subject": subject,
        "author": author,
        "last_modified_by": author,
        "comments": "",
        "keywords": "",
        "category": "",
        "language": language,
    }
    for name, value in texts.items():
        setattr(props, name, fit_property(value))
    props.created = stamp
    props.modified = stamp
    props.revision = 1
