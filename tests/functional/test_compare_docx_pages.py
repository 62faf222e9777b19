"""The Word comparison read as pages (issue 14): rows that never split, header rows that repeat,
headings kept with what follows, the card's section titles, recommendations by their number.
Checked in the document's XML, as Word and LibreOffice read it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from grow_app.card.loader import CardCatalog
from grow_app.export import docx_stream
from grow_app.export.compare_docx import write_compare_docx
from grow_app.services import compare as service
from grow_app.services.catalog import load_catalog
from grow_app.services.compare import comparison
from grow_app.services.demo import create_demo_database
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CARD_WITH_SECTIONS = """
id = "kansenkaart"
title = "Kansen en uitdagingen"
version = "1.0"

[[phases]]
id = "reality"
title = "Reality"

[[phases.sections]]
id = "kansen"
title = "Kansen"

[[phases.sections.questions]]
id = "kansen-regio"
text = "Welke kansen zien we in de regio?"

[[phases.sections]]
id = "uitdagingen"
title = "Uitdagingen"

[[phases.sections.questions]]
id = "uitdagingen-regio"
text = "Welke uitdagingen zien we in de regio?"

[[phases]]
id = "way-forward"
title = "Way forward"

[[phases.sections]]
id = "way-forward"
title = "Way forward"

[[phases.sections.questions]]
id = "advies"
kind = "recommendations"
text = "Het is aan te bevelen dat:"
items = [
    { key = "kort", text = "we starten;" },
    { key = "lang", text = "het partnerschap een lange aanbeveling krijgt die de hele zin beslaat en die geen raad van bestuur per partnerschap opnieuw wil lezen, omdat zij vooraan al genummerd staat;" },
]
"""


@pytest.fixture
def demo_docx(tmp_path: Path) -> Document:
    path = tmp_path / "demo.db"
    catalog = load_catalog()
    create_demo_database(path, catalog)
    db = open_database(path)
    card = catalog.get("gesprekskaart-sop")
    out = write_compare_docx(
        comparison(db, card, service.select_sessions(db, card)), tmp_path / "v.docx"
    )
    db.conn.close()
    return Document(str(out))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def keeps_with_next(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


def test_no_row_splits_and_every_header_row_repeats(demo_docx):
    assert len(demo_docx.tables) > 10
    for table in demo_docx.tables:
        rows = table._tbl.findall(qn("w:tr"))
        header = rows[0].find(qn("w:trPr"))
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        for row in rows:
            props = row.find(qn("w:trPr"))
            assert props is not None and props.find(qn("w:cantSplit")) is not None
        for row in rows[1:]:
            assert row.find(qn("w:trPr")).find(qn("w:tblHeader")) is None


def test_headings_and_the_text_leading_into_a_table_stay_with_it(demo_docx):
    body = demo_docx.element.body
    paragraphs = {p._p: p for p in demo_docx.paragraphs}
    for element in body.iterchildren():
        if element.tag != qn("w:tbl"):
            continue
        before = element.getprevious()
        assert before is not None and before.tag == qn("w:p")
        assert keeps_with_next(paragraphs[before]), paragraphs[before].text
    for paragraph in demo_docx.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            assert keeps_with_next(paragraph), paragraph.text
    for table in demo_docx.tables:  # the header row stays with the first row below it
        assert all(keeps_with_next(p) for c in table.rows[0].cells for p in c.paragraphs)


def test_section_titles_are_kept(demo_docx):
    sections = headings(demo_docx, 2)
    assert "Reality: Samen Opleiden" in sections
    assert "Reality: Onderwijsregiovorming" in sections
    assert sections.index("Reality: Samen Opleiden") < sections.index(
        "Reality: Onderwijsregiovorming"
    )
    # A section that only repeats its phase ("Goal" in "Goal") gets no heading of its own:
    # its questions sit right below the phase.
    assert "Goal" not in sections
    assert "Wat zijn de gezamenlijke doelen van ons partnerschap" in " ".join(sections)
    # Questions in a titled section are one level lower.
    assert any(
        text.startswith("Wat zien wij als grootste meerwaarde") for text in headings(demo_docx, 3)
    )


def test_a_recommendation_is_written_out_once_and_then_named_by_its_number(demo_docx, catalog):
    question = next(
        q for q in catalog.get("gesprekskaart-sop").questions() if q.kind == "recommendations"
    )
    longest = max(question.items, key=lambda i: len(i.text)).text
    cells = [c.text for t in demo_docx.tables for row in t.rows for c in row.cells]
    assert not any(longest in text for text in cells)
    leads = [p.text for p in demo_docx.paragraphs]
    assert sum(1 for p in leads if p.endswith(longest)) == 2  # the matrix, the Way-forward table
    numbered = [p for p in leads if p.startswith(("1. ", "2. ", "3. ", "4. "))]
    assert numbered[:4] == [f"{n}. {item.text}" for n, item in enumerate(question.items, 1)]
    way_forward = demo_docx.tables[-2]  # the recommendations question, before the actions
    first = way_forward.rows[1].cells[1].paragraphs
    assert first[0].text.startswith("Aanbeveling 1 (") and first[0].runs[0].bold
    assert "Aanbeveling 4 (" in way_forward.rows[1].cells[1].text


def test_a_card_of_ones_own_keeps_kansen_and_uitdagingen(tmp_path: Path):
    folder = tmp_path / "kaarten"
    folder.mkdir()
    (folder / "kansen.toml").write_text(CARD_WITH_SECTIONS, encoding="utf-8")
    catalog = CardCatalog.load([folder])
    card = catalog.get("kansenkaart")
    db = open_database(tmp_path / "k.db")
    owner = add_partnership(db, "AOS Oost Nederland", "Achterhoek", ["vo"])
    session = start_session(db, catalog, owner, card.id)
    meeting = Meeting(db, card, session)
    meeting.save_answer("kansen-regio", "", "Samen werven.")
    meeting.set_status("advies", "lang", "deels")
    meeting.save_answer("advies", "lang", "Daar werken we aan.")
    out = write_compare_docx(
        comparison(db, card, service.select_sessions(db, card)), tmp_path / "k.docx"
    )
    db.conn.close()
    document = Document(str(out))
    assert headings(document, 1)[-2:] == ["Reality", "Way forward"]
    assert headings(document, 2)[-3:] == ["Kansen", "Uitdagingen", "Het is aan te bevelen dat:"]
    assert headings(document, 3) == [
        "Welke kansen zien we in de regio?",
        "Welke uitdagingen zien we in de regio?",
    ]
    cell = document.tables[-1].rows[1].cells[1].text
    assert "Aanbeveling 2 (deels)" in cell and "Daar werken we aan." in cell
    assert "lange aanbeveling" not in cell


def test_a_row_longer_than_a_page_may_break_rather_than_be_cut_off(tmp_path: Path, catalog):
    db = open_database(tmp_path / "lang.db")
    card = catalog.get("gesprekskaart-sop")
    for name, words in (("Kort", 20), ("Lang", 2000)):
        owner = add_partnership(db, name, "Achterhoek", ["vo"])
        meeting = Meeting(db, card, start_session(db, catalog, owner, card.id))
        meeting.save_answer("goal-doelen", "", " ".join(["samen"] * words))
    out = write_compare_docx(
        comparison(db, card, service.select_sessions(db, card)), tmp_path / "l.docx"
    )
    db.conn.close()
    table = Document(str(out)).tables[3]  # after the partnerships, key messages and matrix
    assert table.rows[1].cells[0].text == "Kort"
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[1].find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    assert rows[2].find(qn("w:trPr")) is None  # "Lang": about four pages of text


def test_the_file_is_written_while_the_rows_are_read(tmp_path: Path, monkeypatch, catalog):
    """Rows go into the file as they are made: by the last question, the temporary file beside
    the target already holds most of the document."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from synthetic import populate

    populate(tmp_path / "veel.db", 120, grid_every=0)
    db = open_database(tmp_path / "veel.db")
    card = catalog.get("gesprekskaart-sop")
    sessions = service.select_sessions(db, card)
    monkeypatch.setattr(service, "CHUNK", 40)
    monkeypatch.setattr(docx_stream, "FLUSH_BYTES", 4096)
    sizes: list[int] = []
    real = service.question_view

    def watching(db, card, chunk, question, lang=None):
        sizes.extend(p.stat().st_size for p in tmp_path.glob(".grow-export-*"))
        return real(db, card, chunk, question, lang)

    monkeypatch.setattr(service, "question_view", watching)
    out = write_compare_docx(comparison(db, card, sessions), tmp_path / "veel.docx")
    db.conn.close()
    assert sizes and sizes == sorted(sizes)
    assert sizes[-1] > out.stat().st_size / 2  # written on the way, not all at the end
    assert not list(tmp_path.glob(".grow-export-*"))
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
    assert len(Document(str(out)).tables[0].rows) == 121
