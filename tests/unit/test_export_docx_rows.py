"""Table rows written as XML text (grow_app/export/docx_rows.py) read back as Word sees them."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from grow_app.export.docx_rows import Cell, TableRows, text_cell


def _saved(tmp_path: Path, rows: list[list[Cell]]) -> Document:
    document = Document()
    document.add_paragraph("voor de tabel")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Partnerschap"
    later = TableRows()
    later.add(table, rows)
    document.add_paragraph("na de tabel")
    path = tmp_path / "rows.docx"
    later.save(document, path)
    return Document(str(path))


def test_rows_land_in_their_table_with_text_bold_and_shading(tmp_path: Path) -> None:
    rows = [
        [text_cell("Regio & co <Oost>"), text_cell("ja", bold=True, fill="C6EFCE")],
        [
            text_cell("Tweede"),
            Cell(((("Kop", True),), (("regel 1\nregel 2\tna tab", False),))),
        ],
    ]
    reopened = _saved(tmp_path, rows)
    table = reopened.tables[0]
    assert [p.text for p in reopened.paragraphs] == ["voor de tabel", "na de tabel"]
    assert len(table.rows) == 3
    assert table.rows[1].cells[0].text == "Regio & co <Oost>"
    status = table.rows[1].cells[1]
    assert status.paragraphs[0].runs[0].bold is True
    assert status._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "C6EFCE"
    answer = table.rows[2].cells[1]
    assert [p.text for p in answer.paragraphs] == ["Kop", "regel 1\nregel 2\tna tab"]
    assert answer.paragraphs[0].runs[0].bold is True
    assert answer.paragraphs[1].runs[0].bold is not True


def test_characters_xml_cannot_hold_are_dropped_not_fatal(tmp_path: Path) -> None:
    reopened = _saved(tmp_path, [[text_cell("a\x00b\x0bc"), text_cell("")]])
    cells = reopened.tables[0].rows[1].cells
    assert cells[0].text == "abc"
    assert cells[1].text == ""
