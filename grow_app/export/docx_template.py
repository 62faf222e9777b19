"""Cleaning the document a paper starts from: python-docx's own template or a house style.

What is taken out (the stock thumbnail, Word 2010's duplicate styles, the extended properties
of whoever saved the file, the styles the paper never uses) and what is set (the language tag,
one body font, Word 2013+ mode); and reading a house-style .docx or .dotx safely. The base
document itself (styles mapped, header and footer) is :mod:`grow_app.export.docx_base`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from grow_app.errors import GrowError
from grow_app.i18n import t

W_VAL = qn("w:val")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def set_language(document, tag: str) -> None:
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


def prune_styles(document, used: set[str | None]) -> None:
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


def body_font(document, name: str) -> None:
    """python-docx's template sets body text in Cambria under Calibri headings; use one family."""
    fonts = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = fonts.find(qn("w:rPr")).find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


EMPTY_APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)


def drop_parts(document) -> None:
    """Remove the stock thumbnail (and Word 2010's duplicate styles) python-docx ships with.

    The extended properties of the base (1 page, 0 words, "Microsoft Macintosh Word") would be
    wrong for the paper; they are emptied, and Word fills them in again on the next save.
    """
    package_rels = document.part.package.rels
    # LibreOffice writes the core-properties relationship type as ".../officedocument/2006/
    # relationships/metadata/core-properties"; python-docx would not find it and add a second
    # docProps/core.xml. Drop it: every paper sets its own core properties anyway.
    for rel_id in [
        r
        for r, rel in package_rels.items()
        if rel.reltype != RT.CORE_PROPERTIES and rel.reltype.endswith("/metadata/core-properties")
    ]:
        package_rels.pop(rel_id)
    document.core_properties  # noqa: B018 -- creates the core-properties part where missing
    for rel in package_rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            rel.target_part._blob = EMPTY_APP_PROPERTIES
    for rel_id in [r for r, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rel_id)
    doc_rels = document.part.rels
    for rel_id in [r for r, rel in doc_rels.items() if rel.reltype == STYLES_WITH_EFFECTS]:
        doc_rels.pop(rel_id)


WORD_URI = "http://schemas.microsoft.com/office/word"
COMPATIBILITY_MODE = "15"  # Word 2013 and later; 14 makes Word 365 say "[Compatibiliteitsmodus]"


def set_compatibility_mode(document, mode: str = COMPATIBILITY_MODE) -> None:
    """Mark the document as made for current Word (``w:compatibilityMode`` in settings.xml).

    python-docx's template (and many house styles saved years ago) says 14, Word 2010; Word 365
    then opens the paper in compatibility mode and says so in the title bar.
    """
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = etree.SubElement(settings, qn("w:compat"))
        # settings.xml has a fixed order: w:compat comes before w:rsids / m:mathPr and the rest.
        for later in ("w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang"):
            anchor = settings.find(qn(later))
            if anchor is not None:
                anchor.addprevious(compat)
                break
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(W_VAL, mode)
            return
    setting = etree.SubElement(compat, qn("w:compatSetting"))
    setting.set(qn("w:name"), "compatibilityMode")
    setting.set(qn("w:uri"), WORD_URI)
    setting.set(W_VAL, mode)


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
