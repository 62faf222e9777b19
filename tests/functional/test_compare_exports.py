"""``grow compare``: the Word comparison opened and inspected, the CSV read back as Excel would."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from grow_app.services import compare
from grow_app.services.compare import comparison
from grow_app.services.demo import create_demo_database


@pytest.fixture
def demo(db_path: Path, catalog) -> Path:
    """The demo database, in the file ``grow_cli`` uses."""
    create_demo_database(db_path, catalog)
    return db_path


def test_docx_has_title_page_status_matrix_and_a_table_per_question(
    demo, tmp_path, catalog, grow_cli
):
    out = tmp_path / "vergelijking.docx"
    result = grow_cli("compare", "--card", "gesprekskaart-sop", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "3 partnerschap" in result.output
    doc = Document(str(out))
    styles = [p.style.name for p in doc.paragraphs]
    assert styles[0] == "Title"
    assert "Heading 1" in styles and "Heading 2" in styles
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    # What a board reads first: the key messages, then the recommendations.
    assert headings[:2] == ["Kernboodschap", "Aanbevelingen: stand per partnerschap"]
    card = catalog.get("gesprekskaart-sop")
    assert [p.title for p in card.phases] == headings[2:6]
    # Title-page table, the key messages, the matrix, one table per question.
    questions = list(card.questions())
    assert len(doc.tables) == 1 + 1 + 1 + len(questions)
    key_messages = doc.tables[1]
    assert [c.text for c in key_messages.rows[0].cells] == ["Partnerschap", "Kernboodschap"]
    matrix = doc.tables[2]
    assert [c.text for c in matrix.columns[0].cells][1:] == [
        "AOS Oost Nederland",
        "Opleidingsschool Nijmegen MBO (ON MBO)",
        "Veelzijdig opleiden in diversiteit",
    ]
    statuses = {c.text for row in matrix.rows[1:] for c in row.cells[1:]}
    assert statuses <= {"ja", "deels", "nee", "n.v.t.", "—"} and "ja" in statuses
    shaded = matrix.rows[1].cells[1]._tc.tcPr.find(qn("w:shd"))
    assert shaded is not None and shaded.get(qn("w:fill"))
    first_question = doc.tables[3]
    assert [c.text for c in first_question.rows[0].cells] == ["Partnerschap", "Antwoord"]
    assert all(cell.text.startswith("[Voorbeeld]") for cell in first_question.columns[1].cells[1:])
    assert table_style(first_question) == "Light Grid Accent 1"  # the paper's table style
    # A question with sub-items: each sub-item in bold, its answer in the paragraph below.
    per_item = doc.tables[4].rows[1].cells[1].paragraphs
    assert (
        per_item[0].text == "de vijf functies van de Onderwijsregio?" and per_item[0].runs[0].bold
    )
    assert per_item[1].text.startswith("[Voorbeeld] AOS")
    assert per_item[2].text == "de 100% Samen Opleiden ambitie in de Onderwijsregio?"
    # Dutch language tag and a page number field in the footer.
    lang = (  # on the document defaults, as in the position paper
        doc.styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:lang"))
    )
    assert lang.get(qn("w:val")) == "nl-NL"
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    # Nothing says it came from a tool: no stock properties, no thumbnail, Word 2013+ mode.
    props = doc.core_properties
    assert props.author != "python-docx" and "python-docx" not in (props.comments or "")
    assert props.title.startswith("Vergelijking van partnerschappen")
    assert props.created.year >= 2025
    assert not any("thumbnail" in part.partname for part in doc.part.package.iter_parts())
    settings = doc.settings.element.xml
    assert 'w:val="15"' in settings and "compatibilityMode" in settings
    texts = "\n".join(p.text for p in doc.paragraphs)
    assert "grow" not in texts.lower().split() and "Opgesteld op" in texts
    assert "3 partnerschappen" in texts


def table_style(table) -> str:
    return table.style.name if table.style is not None else ""


def test_docx_grid_card_has_the_heatmap(demo, tmp_path, catalog, grow_cli):
    out = tmp_path / "raster.docx"
    result = grow_cli(
        "compare", "--card", "strategiesessie-schaalniveaus", "--format", "docx", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Activiteiten per functie en schaalniveau" in headings
    heat = doc.tables[2]  # after the title-page table and the key messages
    assert [c.text for c in heat.rows[0].cells][1:] == [
        "School/opleiding",
        "Bestuur/instituut",
        "Onderwijsregio",
        "Brede regio",
    ]
    card = catalog.get("strategiesessie-schaalniveaus")
    question = compare.grid_questions(card)[0]
    from grow_app.store import open_database

    db = open_database(demo)
    try:
        expected = compare.heatmap(db, card, compare.select_sessions(db, card), question)
    finally:
        db.conn.close()
    for row_cells, (row_key, _label) in zip(heat.rows[1:], expected.rows, strict=True):
        counts = [int(c.text) for c in row_cells.cells[1:]]
        assert counts == [expected.count(row_key, col) for col, _l in expected.columns]


def test_csv_bom_dutch_header_and_one_row_per_partnership_question_item(
    demo, tmp_path, catalog, grow_cli
):
    out = tmp_path / "vergelijking.csv"
    result = grow_cli("compare", "--card", "gesprekskaart-sop", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == [
        "Partnerschap",
        "Onderwijsregio",
        "Sectoren",
        "Datum sessie",
        "Fase",
        "Vraag-id",
        "Vraag",
        "Onderdeel",
        "Antwoord",
        "Status",
    ]
    card = catalog.get("gesprekskaart-sop")
    items = sum(len(compare.item_labels(card, q)) for q in card.questions())
    assert len(rows) - 1 == 3 * (items + 1)  # + one Kernboodschap row per partnership
    assert {r[0] for r in rows[1:]} == {
        "AOS Oost Nederland",
        "Opleidingsschool Nijmegen MBO (ON MBO)",
        "Veelzijdig opleiden in diversiteit",
    }
    recommendation_rows = [r for r in rows[1:] if r[5] == "way-forward-aanbevelingen"]
    assert len(recommendation_rows) == 3 * 4 and all(r[9] for r in recommendation_rows)
    # The key message first, as in the position paper, labelled as the card labels it.
    key_rows = rows[1:4]
    assert [r[5] for r in key_rows] == ["kernboodschap"] * 3
    assert [r[6] for r in key_rows] == ["Kernboodschap"] * 3
    assert all(r[8].startswith("[Voorbeeld]") for r in key_rows)
    # Sectors as the partnership list shows them: "(v)so", not the key "vso".
    void = next(r for r in rows[1:] if r[0] == "Veelzijdig opleiden in diversiteit")
    assert void[2] == "po, (v)so"


def test_csv_filters_by_region_and_refuses_unknown_partnership(demo, tmp_path, grow_cli):
    out = tmp_path / "nijmegen.csv"
    result = grow_cli(
        "compare",
        "--card",
        "gesprekskaart-sop",
        "--region",
        "Rijk van Nijmegen",
        "--format",
        "csv",
        "-o",
        str(out),
    )
    assert result.exit_code == 0
    names = {
        r[0] for r in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";")
    }
    assert "AOS Oost Nederland" not in names and len(names) == 3  # header + two partnerships
    missing = tmp_path / "nooit.csv"
    result = grow_cli(
        "compare",
        "--card",
        "gesprekskaart-sop",
        "--partnership",
        "Bestaat Niet",
        "--format",
        "csv",
        "-o",
        str(missing),
    )
    assert result.exit_code == 1
    assert "Bestaat Niet" in result.stderr and "Traceback" not in result.stderr
    assert not missing.exists()


def test_csv_never_lets_excel_run_an_answer_as_a_formula(tmp_path, fresh_db, catalog, sop_meeting):
    from grow_app.export.compare_csv import write_compare_csv

    sop_meeting.save_answer("goal-doelen", "", '=HYPERLINK("http://x")')
    sop_meeting.save_answer("goal-regiovorming", "", "- eerste punt\n- tweede punt")
    card = sop_meeting.card
    out = write_compare_csv(
        comparison(fresh_db, card, compare.select_sessions(fresh_db, card)), tmp_path / "x.csv"
    )
    rows = {
        r[5]: r
        for r in csv.reader(
            io.StringIO(out.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"
        )
    }
    assert rows["goal-doelen"][8] == '\'=HYPERLINK("http://x")'
    assert rows["goal-regiovorming"][8] == "- eerste punt\n- tweede punt"


@pytest.fixture
def compare_cli(demo: Path, grow_cli):
    """``grow compare --card gesprekskaart-sop ...`` on the demo database."""
    return lambda *args: grow_cli("compare", "--card", "gesprekskaart-sop", *args)


def test_compare_never_overwrites_and_refuses_a_missing_folder(tmp_path, compare_cli):
    existing = tmp_path / "vergelijking.csv"
    existing.write_text("mijn eigen aantekeningen", encoding="utf-8")
    result = compare_cli("-o", str(existing))  # the format follows the extension
    assert result.exit_code == 0, result.stderr
    assert existing.read_text(encoding="utf-8") == "mijn eigen aantekeningen"
    written = tmp_path / "vergelijking-2.csv"
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    assert result.stdout.strip() == f"Vergelijking van 3 partnerschappen opgeslagen: {written}"
    assert "bestond al" in result.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask

    nowhere = tmp_path / "bestaat-niet" / "x.docx"
    refused = compare_cli("-o", str(nowhere))
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines() == [
        f"Fout: De map {nowhere.parent} bestaat niet; maak die eerst aan of kies een andere map."
    ]
    assert not nowhere.parent.exists()
    mismatch = compare_cli("--format", "docx", "-o", str(tmp_path / "x.csv"))
    assert mismatch.exit_code == 1 and "eindigt op .csv" in mismatch.stderr


def test_compare_without_o_writes_a_dated_file_in_exports(tmp_path, monkeypatch, compare_cli):
    import datetime as dt

    monkeypatch.chdir(tmp_path)
    first = compare_cli("--format", "csv")
    second = compare_cli("--format", "csv")
    assert first.exit_code == 0 and second.exit_code == 0
    stem = f"vergelijking-gesprekskaart-sop-{dt.date.today().isoformat()}"
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == [
        f"{stem}-2.csv",
        f"{stem}.csv",
    ]


def test_compare_region_ignores_capitals_and_lists_the_known_regions(tmp_path, compare_cli):
    out = tmp_path / "nijmegen.csv"
    result = compare_cli("--region", "rijk van nijmegen", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "2 partnerschappen" in result.stdout
    unknown = compare_cli("--region", "Twente", "-o", str(tmp_path / "twente.csv"))
    assert unknown.exit_code == 1
    assert unknown.stderr.strip() == (
        "Fout: Geen partnerschappen in onderwijsregio 'Twente'. "
        "Bekende onderwijsregio's: Achterhoek, Rijk van Nijmegen."
    )


def test_compare_unknown_partnership_suggests_near_names(tmp_path, compare_cli):
    result = compare_cli("--partnership", "AOS Oost", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Fout: Partnerschap 'AOS Oost' bestaat niet. Bedoelde u: AOS Oost Nederland?"
    )
    lower = compare_cli("--partnership", "aos oost nederland", "-o", str(tmp_path / "y.csv"))
    assert lower.exit_code == 0, lower.stderr
    assert "Vergelijking van 1 partnerschap opgeslagen" in lower.stdout


def test_the_word_comparison_is_in_its_cards_language_whatever_the_interface(
    demo, tmp_path, grow_cli
):
    """One document, one language: with the interface in English, a Dutch card's comparison was
    half English (title, headings, columns, statuses) and half Dutch (dates, footer, language
    tag). Now all of it is Dutch, like the position paper, and so is its name; the CSV, a
    working file, keeps the interface's language."""
    english = {"GROW_LANG": "en"}
    os.chdir(tmp_path)  # the default file goes to exports/ under the current folder
    result = grow_cli("compare", "--card", "gesprekskaart-sop", "--format", "docx", env=english)
    assert result.exit_code == 0, result.stderr
    assert "3 partnerships" in result.output  # the command's own line: the interface's
    (made,) = (tmp_path / "exports").glob("*.docx")
    assert made.name.startswith("vergelijking-gesprekskaart-sop-")
    doc = Document(str(made))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for table in doc.tables for row in table.rows for c in row.cells]
    texts += [p.text for s in doc.sections for p in s.header.paragraphs + s.footer.paragraphs]
    footer_xml = doc.sections[0].footer._element.xml
    joined = "\n".join(texts)
    assert (
        "Vergelijking van partnerschappen" in joined and "Selectie: alle partnerschappen" in joined
    )
    assert "Opgesteld op" in joined and "Aanbevelingen: stand per partnerschap" in joined
    english_words = ["Comparison", "Partnership", "Answer", "Selection", "Drawn up", "(no answer)"]
    assert [w for w in english_words if w in joined] == []
    statuses = {c.text for row in doc.tables[2].rows[1:] for c in row.cells[1:]}
    assert statuses <= {"ja", "deels", "nee", "n.v.t.", "—"}
    assert "Pagina" in footer_xml and "Page" not in footer_xml
    csv_result = grow_cli("compare", "--card", "gesprekskaart-sop", "--format", "csv", env=english)
    assert csv_result.exit_code == 0, csv_result.stderr
    (table,) = (tmp_path / "exports").glob("*.csv")
    assert table.name.startswith("comparison-gesprekskaart-sop-")
    assert table.read_text(encoding="utf-8-sig").splitlines()[0].startswith("Partnership")
