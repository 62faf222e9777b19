"""Rows of large python-docx tables, written as XML text.

python-docx adds a row, its cells, paragraphs and runs one object at a time (each a handful of
element lookups and property calls); a comparison of 1,000 partnerships has some 30,000 rows and
spent most of its ten seconds there, and the element tree took ~180 MB. Here the rows are written
as XML text with the same elements python-docx would make (a cell width from the table grid, an
optional shading, paragraphs of runs, bold where asked, tabs and line breaks as ``w:tab`` and
``w:br`` as ``run.text`` does) and go into the file when it is saved (:class:`TableRows`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape

from docx.shared import Emu
from lxml import etree

from grow_app.export.docx_layout import row_properties_xml

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document as DocumentType
    from docx.table import Table

_BREAKS = re.compile(r"([\t\r\n])")

Run = tuple[str, bool]
"""The text of a run and whether it is bold."""


@dataclass(frozen=True)
class Cell:
    paragraphs: Sequence[Sequence[Run]]
    fill: str | None = None
    """Background colour (hex, e.g. 'C6EFCE'), or None for none."""


def text_cell(text: str, *, bold: bool = False, fill: str | None = None) -> Cell:
    """A cell holding one paragraph with one run."""
    return Cell((((text, bold),),), fill)


def _run_xml(text: str, bold: bool) -> str:
    parts = ["<w:r>", "<w:rPr><w:b/></w:rPr>" if bold else ""]
    if not _BREAKS.search(text):
        parts.append(f'<w:t xml:space="preserve">{escape(text)}</w:t>')
    else:  # as python-docx's run.text: "preserve" only where spaces lead or trail
        for piece in _BREAKS.split(text):
            if piece == "\t":
                parts.append("<w:tab/>")
            elif piece in ("\r", "\n"):
                parts.append("<w:br/>")
            elif piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)


def _rows_xml(table: Table, rows: Iterable[Sequence[Cell]], whole: bool = False) -> str:
    widths = [
        f'<w:tcW w:type="dxa" w:w="{Emu(col.w).twips}"/>' if col.w is not None else ""
        for col in table._tbl.tblGrid.gridCol_lst
    ]
    parts = []
    row_start = "<w:tr>" + (row_properties_xml() if whole else "")
    for row in rows:
        parts.append(row_start)
        for width, cell in zip(widths, row, strict=True):
            shading = (
                f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>' if cell.fill else ""
            )
            parts.append(
                f"<w:tc><w:tcPr>{width}{shading}</w:tcPr>" if width or shading else "<w:tc>"
            )
            for paragraph in cell.paragraphs or ((),):
                parts.append("<w:p>")
                parts.extend(_run_xml(text, bold) for text, bold in paragraph)
                parts.append("</w:p>")
            parts.append("</w:tc>")
        parts.append("</w:tr>")
    return _NOT_XML.sub("", "".join(parts))


class TableRows:
    """The rows of a document's big tables, kept as XML text until the document is saved.

    As elements in the document tree, a comparison of 1,000 partnerships took some 180 MB; as
    UTF-8 text it is the size of the file's XML (about 25 MB). Each table gets a marker (an XML
    comment) where its rows go, and :meth:`save` writes ``word/document.xml`` with the rows in
    their places.
    """

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def add(
        self, table: Table, rows: Iterable[Sequence[Cell]], *, whole_rows: bool = False
    ) -> None:
        """Append ``rows`` (one :class:`Cell` per grid column) to the end of ``table``;
        ``whole_rows``: no row splits over two pages (``w:cantSplit``)."""
        table._tbl.append(etree.Comment(f"{_MARK}{len(self._chunks)}"))
        self._chunks.append(_rows_xml(table, rows, whole_rows).encode("utf-8"))

    def save(self, document: DocumentType, path: str | Path | IO[bytes]) -> None:
        """Save ``document`` to ``path`` with every table's rows in place."""
        skeleton = io.BytesIO()
        document.save(skeleton)
        with (
            zipfile.ZipFile(skeleton) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                data = source.read(info)
                if info.filename != DOCUMENT_XML:
                    target.writestr(info, data)
                    continue
                with target.open(info, "w") as out:
                    for n, piece in enumerate(_MARKS.split(data)):
                        out.write(self._chunks[int(piece)] if n % 2 else piece)


_MARK = "grow-rows-"
_MARKS = re.compile(rb"<!--" + _MARK.encode() + rb"(\d+)-->")
DOCUMENT_XML = "word/document.xml"
# Characters XML 1.0 cannot hold (clean_text already drops them from answers; names, regions
# and dates are cleaned when stored, this is the last guard for the file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
