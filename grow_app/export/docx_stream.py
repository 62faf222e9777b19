"""Rows of large Word tables, made while the file is written.

A comparison of ten thousand partnerships has some 300,000 table rows; held in memory, even as
XML text, they took 400 MB. Here a table gets only a marker (an XML comment) in the document;
when the file is saved, ``word/document.xml`` is written into the .docx piece by piece and each
marker is replaced by the rows its function makes *then*, a chunk at a time, straight into the
zip stream. The rows have the same markup as :mod:`grow_app.export.docx_rows` (its cells and
runs), plus what a board reads pages by: a row never splits over two pages (``w:cantSplit``;
unless it is longer than a page, which would otherwise be cut off), and the header row repeats
on every page (``w:tblHeader``, set by the caller on its header row).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING

from docx.shared import Emu
from lxml import etree

from grow_app.export.docx_rows import _NOT_XML, DOCUMENT_XML, Cell, _run_xml

if TYPE_CHECKING:
    from docx.document import Document as DocumentType
    from docx.table import Table

RowMaker = Callable[[], Iterable[Sequence[Cell]]]

FLUSH_BYTES = 1 << 16
KEEP_WHOLE_CHARS = 1800
"""A row whose longest cell holds more text than this (about two thirds of a page in the answer
column) may break over two pages: kept whole, a row taller than a page would be cut off."""

_MARK = "grow-streamed-rows-"
_MARKS = re.compile(rb"<!--" + _MARK.encode() + rb"(\d+)-->")


def _length(cell: Cell) -> int:
    return sum(len(text) for paragraph in cell.paragraphs for text, _bold in paragraph)


def row_xml(widths: Sequence[str], row: Sequence[Cell]) -> str:
    """One ``w:tr``: ``widths`` are the cells' ``w:tcW`` elements (from the table's grid)."""
    whole = max((_length(cell) for cell in row), default=0) <= KEEP_WHOLE_CHARS
    parts = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>" if whole else "<w:tr>"]
    for width, cell in zip(widths, row, strict=True):
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>' if cell.fill else ""
        parts.append(f"<w:tc><w:tcPr>{width}{shading}</w:tcPr>" if width or shading else "<w:tc>")
        for paragraph in cell.paragraphs or ((),):
            parts.append("<w:p>")
            parts.extend(_run_xml(text, bold) for text, bold in paragraph)
            parts.append("</w:p>")
        parts.append("</w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


class StreamedRows:
    """The rows of a document's big tables, made when the document is saved."""

    def __init__(self) -> None:
        self._tables: list[tuple[list[str], RowMaker]] = []

    def add(self, table: Table, rows: RowMaker) -> None:
        """Rows for the end of ``table`` (one :class:`Cell` per grid column), made by ``rows()``
        while the file is written."""
        widths = [
            f'<w:tcW w:type="dxa" w:w="{Emu(col.w).twips}"/>' if col.w is not None else ""
            for col in table._tbl.tblGrid.gridCol_lst
        ]
        table._tbl.append(etree.Comment(f"{_MARK}{len(self._tables)}"))
        self._tables.append((widths, rows))

    def save(self, document: DocumentType, stream: IO[bytes]) -> None:
        """Write ``document`` to ``stream`` (a .docx), every table's rows made on the way."""
        skeleton = io.BytesIO()
        document.save(skeleton)
        with (
            zipfile.ZipFile(skeleton) as source,
            zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                data = source.read(info)
                if info.filename != DOCUMENT_XML:
                    target.writestr(info, data)
                    continue
                with target.open(info, "w", force_zip64=True) as out:
                    for n, piece in enumerate(_MARKS.split(data)):
                        if n % 2:
                            self._write_rows(out, int(piece))
                        else:
                            out.write(piece)

    def _write_rows(self, out: IO[bytes], index: int) -> None:
        widths, rows = self._tables[index]
        pending: list[str] = []
        size = 0
        for row in rows():
            pending.append(row_xml(widths, row))
            size += len(pending[-1])
            if size >= FLUSH_BYTES:
                out.write(_NOT_XML.sub("", "".join(pending)).encode("utf-8"))
                pending, size = [], 0
        out.write(_NOT_XML.sub("", "".join(pending)).encode("utf-8"))
