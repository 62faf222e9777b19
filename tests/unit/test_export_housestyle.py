"""A house-style template: its styles, margins and header are used, its own text is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from grow_app.errors import GrowError
from grow_app.export.paper import export_paper
from grow_app.services.snapshots import snapshot_of


def libreoffice_like_template(path: Path) -> Path:
    """Styles stored under other casings (as LibreOffice saves them), List Bullet missing."""
    doc = Document()
    doc.styles["Title"].name = "title"
    doc.styles["Subtitle"].name = "SUBTITLE"
    bullet = doc.styles["List Bullet"].element
    bullet.getparent().remove(bullet)
    section = doc.sections[0]
    section.left_margin = Cm(3.2)
    section.right_margin = Cm(1.8)
    section.header.paragraphs[0].text = "Stichting Voorbeeld · huisstijl"
    doc.add_paragraph("Deze sjabloontekst hoort niet in het positiepaper.")
    doc.add_paragraph("Nog een regel van het sjabloon.", style="Heading 1")
    doc.save(path)
    return path


def test_house_style_is_used_and_missing_styles_give_one_line_each(answered, tmp_path):
    template = libreoffice_like_template(tmp_path / "huisstijl.docx")
    result = export_paper(snapshot_of(answered), "docx", tmp_path / "uit.docx", template=template)

    assert all("\n" not in warning for warning in result.warnings)
    assert sorted(result.warnings) == sorted(
        [
            "de huisstijl heeft de stijl 'Title' onder de naam 'title'; die wordt gebruikt.",
            "de huisstijl heeft de stijl 'Subtitle' onder de naam 'SUBTITLE'; die wordt gebruikt.",
            "de huisstijl heeft geen stijl 'List Bullet'; daarvoor wordt 'List Paragraph' gebruikt.",
        ]
    )

    doc = Document(result.path)
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "Stichting Voorbeeld · huisstijl"
    assert abs(section.left_margin - Cm(3.2)) < Cm(0.01)
    assert abs(section.right_margin - Cm(1.8)) < Cm(0.01)
    texts = [p.text for p in doc.paragraphs]
    assert "Deze sjabloontekst hoort niet in het positiepaper." not in texts
    assert "Nog een regel van het sjabloon." not in texts
    # The renamed styles are still used; bullets fall back to a paragraph with a bullet sign.
    assert [p.style.name for p in doc.paragraphs if p.text == "Positiepaper"] == ["title"]
    assert "• startende leraren krijgen drie jaar begeleiding;" in texts
    # The footer (empty in the template) still gets page numbers.
    assert "PAGE" in doc.sections[0].footer._element.xml


def test_a_complete_template_gives_no_warning(answered, tmp_path):
    template = tmp_path / "volledig.docx"
    Document().save(template)
    result = export_paper(snapshot_of(answered), "docx", tmp_path, template=template)
    assert result.warnings == []


@pytest.mark.parametrize(
    "content",
    [b"dit is geen word-bestand", b"PK\x03\x04 kapot", b""],
    ids=["text", "corrupt-zip", "empty"],
)
def test_a_template_that_is_not_a_docx_is_one_clear_error(answered, tmp_path, content):
    template = tmp_path / "huisstijl.docx"
    template.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(GrowError) as caught:
        export_paper(snapshot_of(answered), "docx", out, template=template)
    assert str(caught.value) == f"Huisstijlsjabloon {template} is geen Word-document (.docx)."
    assert list(out.iterdir()) == []


def test_a_zip_that_is_not_a_word_document_is_refused(answered, tmp_path):
    import zipfile

    template = tmp_path / "huisstijl.docx"
    with zipfile.ZipFile(template, "w") as archive:
        archive.writestr("readme.txt", "hallo")
    with pytest.raises(GrowError, match="geen Word-document"):
        export_paper(snapshot_of(answered), "docx", tmp_path, template=template)


def test_a_missing_template_is_named(answered, tmp_path):
    with pytest.raises(GrowError, match="bestaat niet"):
        export_paper(snapshot_of(answered), "docx", tmp_path, template=tmp_path / "weg.docx")


def test_a_dotx_template_is_accepted(answered, tmp_path):
    import zipfile

    docx = tmp_path / "basis.docx"
    Document().save(docx)
    dotx = tmp_path / "huisstijl.dotx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(dotx, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, data)
    result = export_paper(snapshot_of(answered), "docx", tmp_path, template=dotx)
    assert Document(result.path).paragraphs[0].text == "Positiepaper"


def test_a_template_header_also_shows_on_the_title_page(answered, tmp_path):
    """With the house style's own header (logo), the title page is not given an empty one."""
    template = tmp_path / "met-kop.docx"
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Logo Stichting Voorbeeld"
    doc.save(template)
    section = Document(
        export_paper(snapshot_of(answered), "docx", tmp_path, template=template).path
    ).sections[0]
    assert not section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Logo Stichting Voorbeeld"
    assert "PAGE" in section.footer._element.xml  # the empty footer still gets page numbers


def test_a_template_without_table_styles_gets_plain_lines(answered, tmp_path):
    template = tmp_path / "kaal.docx"
    doc = Document()
    for name in ("Light Grid Accent 1", "Table Grid"):
        style = doc.styles[name].element
        style.getparent().remove(style)
    doc.save(template)
    result = export_paper(snapshot_of(answered), "docx", tmp_path, template=template)
    assert result.warnings == [
        "de huisstijl heeft geen tabelstijl 'Light Grid Accent 1'; "
        "de tabellen krijgen eenvoudige lijnen."
    ]
    tables = Document(result.path).tables
    assert tables and all(t._tbl.tblPr.find(qn("w:tblBorders")) is not None for t in tables)


def test_an_old_house_style_does_not_put_the_paper_in_compatibility_mode(answered, tmp_path):
    """python-docx's own template (and many old house styles) say Word 2010 (14)."""
    import re
    import zipfile

    template = tmp_path / "oud.docx"
    Document().save(template)
    with zipfile.ZipFile(template) as archive:
        assert 'w:name="compatibilityMode"' in archive.read("word/settings.xml").decode()
    result = export_paper(snapshot_of(answered), "docx", tmp_path, template=template)
    with zipfile.ZipFile(result.path) as archive:
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert re.findall(r'w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings) == ["15"]
