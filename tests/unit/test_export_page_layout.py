"""The position paper on the page, as a board reads it: rows kept whole, headers repeated,
headings with their text, names that do not break, a table of contents, numbered
recommendations. Checked in the Word XML (the rendered pages are in docs/positiepaper.md)."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from grow_app.export.docx_layout import kept_rows, text_width_needed
from grow_app.export.paper import export_paper
from grow_app.services.compare import comparison
from grow_app.services.sample import ACTIONS, sample_meeting
from grow_app.services.snapshots import snapshot_of
from tests.helpers import paper

ROOT = Path(__file__).resolve().parents[2]


def keeps(paragraph_element) -> bool:
    ppr = paragraph_element.find(qn("w:pPr"))
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


def row_keeps(row) -> bool:
    return all(keeps(p) for p in row._tr.iter(qn("w:p")))


def settings_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/settings.xml").decode("utf-8")


# -- rows, header rows, headings -------------------------------------------------------------------
def test_no_row_splits_and_every_header_row_repeats_on_the_next_page(answered, tmp_path):
    doc = paper(answered, tmp_path)
    for number, table in enumerate(doc.tables):
        for index, row in enumerate(table.rows):
            props = row._tr.trPr
            assert props is not None and props.find(qn("w:cantSplit")) is not None
            header = props.find(qn("w:tblHeader")) is not None
            # Every table has a header row except the title page's facts (label: value).
            assert header == (index == 0 and number != 0), (number, index)


def test_every_heading_keeps_with_the_text_below_it(answered, tmp_path):
    """Set on the paragraph itself, so a house style whose headings lack it still holds."""
    doc = paper(answered, tmp_path)
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) > 20
    assert all(keeps(p._p) for p in headings)


def test_the_actions_table_stays_in_one_piece_with_its_heading(answered, tmp_path):
    """Before, the actions table broke after its first row: header and row 1 at the foot of a
    page, the rest on the next. A short table now keeps every row with the next one."""
    doc = paper(answered, tmp_path)
    actions = next(t for t in doc.tables if t.rows[0].cells[0].text == "Wat")
    assert len(actions.rows) == len(ACTIONS) + 1
    assert [row_keeps(r) for r in actions.rows] == [True] * len(ACTIONS) + [False]
    heading = actions._tbl.getprevious()
    assert heading.xpath("string(.)") == "Acties" and keeps(heading)


def test_a_long_table_breaks_only_between_its_middle_rows(fresh_db, catalog, tmp_path):
    meeting = sample_meeting(fresh_db, catalog)
    for number in range(12):
        meeting.add_action(f"Actie {number}", "Programmamanager", "2026")
    doc = paper(meeting, tmp_path)
    actions = next(t for t in doc.tables if t.rows[0].cells[0].text == "Wat")
    kept = [index for index, row in enumerate(actions.rows) if row_keeps(row)]
    count = len(actions.rows)
    # Header and first row together, never a first row alone; the last row never alone.
    assert kept == [0, 1, count - 2]


def test_kept_rows_rule():
    assert kept_rows(4, header=True) == {0, 1, 2}  # short: whole
    assert kept_rows(6, header=True) == {0, 1, 2, 3, 4}
    assert kept_rows(10, header=True) == {0, 1, 8}
    assert kept_rows(10, header=False) == {0, 8}
    assert kept_rows(1, header=True) == set()


def test_the_recommendations_lead_in_keeps_with_its_table(answered, tmp_path):
    doc = paper(answered, tmp_path)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Aanbeveling")
    lead = table._tbl.getprevious()
    assert lead.xpath("string(.)") == "Het is aan te bevelen dat:" and keeps(lead)


# -- names get room --------------------------------------------------------------------------------
def column_widths_of(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_names_and_headers_never_break_in_the_middle_of_a_word(fresh_db, catalog, tmp_path):
    """'Programmamanag-er' in Wie and 'Onderwijsr/egio' over a grid column broke before."""
    from grow_app.services.sample import sample_grid_meeting

    meeting = sample_meeting(fresh_db, catalog)
    meeting.add_action("Kosten in kaart brengen", "Programmamanager", "15-12-2026")
    grid = sample_grid_meeting(fresh_db, catalog, "AOS Oost Nederland")
    for doc in (paper(meeting, tmp_path), paper(grid, tmp_path, "grid.docx")):
        for table in doc.tables:
            widths = column_widths_of(table)
            assert sum(widths) == 9072  # the text width: 21 cm less two margins of 2.5 cm
            has_header = table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
            kind_names = table.rows[0].cells[0].text in ("Wat", "Deelnemers") or not has_header
            for column, width in enumerate(widths):
                texts = [row.cells[column].text for row in table.rows]
                header, body = (texts[:1], texts[1:]) if has_header else ([], texts)
                need = text_width_needed(header, 22, bold=True)
                if column == 0 or kind_names:
                    need = max(need, text_width_needed(body, 22, bold=column == 0))
                assert width >= need, (texts[0], column, width, need)
    who = next(t for t in paper(meeting, tmp_path, "b.docx").tables if t.cell(0, 1).text == "Wie")
    assert column_widths_of(who)[1] >= text_width_needed(["Programmamanager"], 22)


def test_column_widths_give_room_where_words_need_it_and_keep_the_total():
    from grow_app.export.docx_layout import column_widths

    assert column_widths(9000, [50, 25, 25], [0, 0, 0]) == [4500, 2250, 2250]
    widened = column_widths(9000, [55, 25, 20], [1000, 1000, 2500])
    assert widened[2] == 2500 and sum(widened) == 9000 and widened[0] > widened[1]
    # Not everything fits: the names (second list) first, the rest shared by need.
    tight = column_widths(9000, [20, 20, 20, 20, 20], [2500] * 5, [2000, 1000, 1000, 1000, 1000])
    assert sum(tight) == 9000 and tight[0] >= 2000 and min(tight[1:]) >= 1000
    # One pasted link does not take the whole table.
    assert column_widths(9000, [80, 20], [0, 20000]) == [4950, 4050]


# -- table of contents -----------------------------------------------------------------------------
def test_a_long_paper_has_a_contents_field_word_fills_in_on_opening(answered, tmp_path):
    path = export_paper(snapshot_of(answered), "docx", tmp_path / "lang.docx").path
    doc = Document(path)
    body = doc.element.body
    instructions = [i.text.strip() for i in body.iter(qn("w:instrText"))]
    assert instructions == ['TOC \\o "1-1" \\h \\z \\u']
    begin = body.xpath('.//w:fldChar[@w:fldCharType="begin"]')[0]
    assert begin.get(qn("w:dirty")) == "true"
    entries = [p for p in doc.paragraphs if p.style.name == "toc 1"]
    chapters = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in entries] == [p.text for p in chapters]
    # Each entry links to a bookmark around its chapter's heading.
    for entry, chapter in zip(entries, chapters, strict=True):
        anchor = entry._p.find(qn("w:hyperlink")).get(qn("w:anchor"))
        names = [b.get(qn("w:name")) for b in chapter._p.iter(qn("w:bookmarkStart"))]
        assert names == [anchor] and anchor.startswith("_Toc")
    title = next(p for p in doc.paragraphs if p.style.name == "TOC Heading")
    assert title.text == "Inhoudsopgave"
    settings = settings_xml(path)
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("<w:updateFields") < settings.index("<w:compat>")  # schema order


def test_a_short_paper_has_no_contents(sop_meeting, tmp_path):
    sop_meeting.save_answer("goal-doelen", "", "Genoeg goede leraren.")
    path = export_paper(
        snapshot_of(sop_meeting), "docx", tmp_path / "kort.docx", skip_empty=True
    ).path
    doc = Document(path)
    assert not list(doc.element.body.iter(qn("w:instrText")))
    assert "updateFields" not in settings_xml(path)
    assert len(doc.element.body.xpath('.//w:br[@w:type="page"]')) == 1  # only the title page


def test_the_contents_styles_are_made_where_a_house_style_has_none(tmp_path):
    from grow_app.export.docx_fields import toc_styles

    doc = Document()
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) in ("TOCHeading", "TOC1"):
            styles.remove(style)
    heading, entry = toc_styles(styles, "Heading1", "Normal", 9000)
    assert (heading, entry) == ("TOCHeading", "TOC1")
    made = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    assert made["TOCHeading"].find(qn("w:basedOn")).get(qn("w:val")) == "Heading1"
    assert made["TOCHeading"].xpath("string(.//w:outlineLvl/@w:val)") == "9"  # not in the TOC
    assert made["TOC1"].xpath("string(.//w:tab/@w:leader)") == "dot"
    assert made["TOC1"].find(qn("w:basedOn")).get(qn("w:val")) == "Normal"  # the house font
    assert toc_styles(styles, "Heading1", "Normal", 9000) == (
        heading,
        entry,
    )  # found, not made twice


# -- core properties -------------------------------------------------------------------------------
def test_a_partnership_name_over_242_characters_exports(fresh_db, catalog, tmp_path):
    """Issue 11, finding 8: 'Positiepaper ' + a 243-character name passed Word's 255 and
    python-docx raised (Ctrl+E ended in a traceback)."""
    name = "Samenwerkingsverband Opleiden " * 10  # 300 characters
    meeting = sample_meeting(fresh_db, catalog, name=name.strip())
    meeting.session = dataclasses.replace(meeting.session, facilitator="Anna " * 60)
    doc = paper(meeting, tmp_path)
    props = doc.core_properties
    assert len(props.title) <= 255 and props.title.startswith("Positiepaper Samenwerkings")
    assert props.title.endswith("…")
    assert len(props.author) <= 255 and len(props.last_modified_by) <= 255
    assert [p.text for p in doc.paragraphs if p.style.name == "Subtitle"] == [name.strip()]


def test_every_core_property_is_cut_to_its_limit():
    from grow_app.export.docx_fields import fit_property, set_core_properties

    doc = Document()
    long = "woord " * 100
    set_core_properties(doc, title=long, subject=long, author=long, language="nl-NL")
    props = doc.core_properties
    for value in (props.title, props.subject, props.author, props.last_modified_by):
        assert 200 < len(value) <= 255 and value.endswith("woord…")
    assert (props.comments, props.keywords, props.category) == ("", "", "")
    assert fit_property("kort") == "kort"
    assert fit_property("x" * 300) == "x" * 254 + "…"  # no space to cut at: cut in the word
    assert fit_property("regel\neen") == "regel een"


def test_whole_rows_for_rows_written_as_text(tmp_path):
    from grow_app.export.docx_rows import TableRows, text_cell

    document = Document()
    table = document.add_table(rows=1, cols=2)
    later = TableRows()
    later.add(table, [[text_cell("a"), text_cell("b")]] * 3, whole_rows=True)
    path = tmp_path / "rows.docx"
    later.save(document, path)
    rows = Document(str(path)).tables[0].rows
    assert [
        r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows[1:]
    ] == [True] * 3


def test_a_card_title_over_255_characters_does_not_crash_the_comparison(fresh_db, catalog):
    from grow_app.export.compare_docx import build_compare_document
    from grow_app.services.compare import select_sessions

    meeting = sample_meeting(fresh_db, catalog)
    card = dataclasses.replace(meeting.card, title="Gesprekskaart " * 25)
    build_compare_document(comparison(fresh_db, card, select_sessions(fresh_db, card)))


def test_the_docx_xml_never_holds_a_raw_tab_from_an_answer(answered, tmp_path):
    answered.save_answer("reality-meerwaarde", "", "a\tb")
    with zipfile.ZipFile(export_paper(snapshot_of(answered), "docx", tmp_path).path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert not re.search(r"<w:t[^>]*>[^<]*\t", xml)
