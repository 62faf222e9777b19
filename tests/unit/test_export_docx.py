"""The Word position paper, opened with python-docx and inspected as a reader would see it."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from grow_app.export.document import build_paper
from grow_app.export.paper import export_paper
from grow_app.services.sample import (
    ACTIONS,
    KEY_MESSAGE,
    PARKING_LOT,
    PARTICIPANTS,
    sample_grid_meeting,
    sample_meeting,
)
from grow_app.services.snapshots import snapshot_of


@pytest.fixture
def paper_path(answered, tmp_path) -> Path:
    return export_paper(snapshot_of(answered), "docx", tmp_path).path


def styled(doc, prefix: str) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(prefix)]


def headings(doc, level: int) -> list[str]:
    return [text for name, text in styled(doc, f"Heading {level}") if name == f"Heading {level}"]


def table_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def phase_title(phase) -> str:
    return f"{phase.title} – {phase.description}" if phase.description else phase.title


POINTING_AHEAD = ("recommendations", "actions")


def phases_with_a_chapter(card):
    """The phases that get a chapter: not one that would only say "see up front" (Way forward
    on the main card holds just the recommendations and the actions, which stand up front)."""
    return [p for p in card.phases if any(q.kind not in POINTING_AHEAD for q in p.questions())]


def test_heading_1_are_the_phases_in_card_order_after_the_front_chapters(answered, paper_path):
    doc = Document(paper_path)
    expected_phases = [phase_title(p) for p in phases_with_a_chapter(answered.card)]
    assert "Way forward" not in " ".join(expected_phases)
    assert headings(doc, 1) == [
        "Kernboodschap",
        "Aanbevelingen",
        "Acties",
        *expected_phases,
        "Bijlage: parkeerplaats",
    ]
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["Positiepaper"]


def test_heading_2_are_the_sections_that_do_not_repeat_their_phase(answered, paper_path):
    doc = Document(paper_path)
    expected = [s.title for p in answered.card.phases for s in p.sections if s.title != p.title]
    sections = [t for t in headings(doc, 2) if t in expected]
    assert sections == expected
    assert "Reality: Samen Opleiden" in expected


def question_heading(question) -> str:
    """The heading of a question: its text, or the chapter's name for a stem ending in ':'."""
    if question.kind == "recommendations" and question.text.endswith(":"):
        return "Aanbevelingen"
    return question.text


def test_questions_are_headings_one_level_below_their_section_or_phase(answered, paper_path):
    """Goal has one section named like its phase: its questions are Heading 2 (no jump from
    Heading 1 to Heading 3); questions under a section heading of their own are Heading 3."""
    doc = Document(paper_path)
    expected = []
    for phase in phases_with_a_chapter(answered.card):
        for section in phase.sections:
            level = 2 if section.title == phase.title else 3
            expected += [(level, question_heading(q)) for q in section.questions]
    levels = {"Heading 2": 2, "Heading 3": 3}
    found = [
        (levels[p.style.name], p.text)
        for p in doc.paragraphs
        if p.style.name in levels
        and p.text not in {s.title for ph in answered.card.phases for s in ph.sections}
    ]
    assert found == expected
    outline = [int(p.style.name[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(outline))


def test_title_page_lists_partnership_region_date_card_and_participants(paper_path):
    doc = Document(paper_path)
    assert [p.text for p in doc.paragraphs if p.style.name == "Subtitle"] == ["AOS Oost Nederland"]
    facts = dict(tuple(row) for row in table_texts(doc.tables[0]))
    assert facts["Onderwijsregio"] == "Achterhoek"
    assert facts["Datum"] == "14 maart 2026"
    # The card title is not repeated after its own label ("Gesprekskaart: Gesprekskaart | ...").
    assert facts["Gesprekskaart"] == "Samen Opleiden & Professionaliseren"
    assert facts["Gespreksleider"] == "Anna de Vries"
    people = table_texts(doc.tables[1])
    assert people[0] == ["Deelnemers", "Organisatie", "Rol"]
    assert people[1:] == [list(p) for p in PARTICIPANTS]
    # The title page stands on its own, and so does the table of contents after it.
    breaks = doc.element.body.xpath('.//w:br[@w:type="page"]')
    assert len(breaks) == 2
    people_table = doc.tables[1]._tbl
    assert people_table.getnext().getnext().xpath('.//w:br[@w:type="page"]')


def test_key_message_comes_first_then_recommendations_and_actions_tables(paper_path):
    doc = Document(paper_path)
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    assert texts[texts.index(("Heading 1", "Kernboodschap")) + 1] == ("Normal", KEY_MESSAGE)
    recommendations = table_texts(doc.tables[2])
    assert recommendations[0] == ["Aanbeveling", "Status", "Toelichting"]
    assert [row[1] for row in recommendations[1:]] == ["deels", "ja", "deels", "nee"]
    assert recommendations[1][0].startswith("1. het partnerschap goed is aangehaakt")
    assert recommendations[4][2] == (
        "Ons kwaliteitskader bestaat, maar de kosten ervan zijn nog niet in beeld."
    )
    actions = table_texts(doc.tables[3])
    in_date_order = [ACTIONS[0], ACTIONS[2], ACTIONS[1]]  # april, mei, 1 juni 2026
    assert actions == [["Wat", "Wie", "Wanneer"], *[list(a) for a in in_date_order]]


def test_recommendations_and_actions_are_found_by_kind_not_by_id(fresh_db, catalog):
    """A card with other ids still gets its tables: nothing is looked up by question id."""
    meeting = sample_meeting(fresh_db, catalog)
    paper = build_paper(snapshot_of(meeting))
    kinds = [item.kind for c in paper.front for item in c.content if hasattr(item, "kind")]
    assert kinds == ["recommendations", "actions"]


def test_answers_keep_paragraphs_and_bullets(paper_path):
    doc = Document(paper_path)
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    start = texts.index(
        (
            "Heading 2",  # Goal's one section is named like its phase: questions are Heading 2
            texts[
                [t for _s, t in texts].index(
                    "Samen zorgen we voor genoeg goede leraren in de Achterhoek, in po, vo en mbo."
                )
                - 1
            ][1],
        )
    )
    body = texts[start + 1 : start + 5]
    assert body == [
        ("Normal", "Samen zorgen we voor genoeg goede leraren in de Achterhoek, in po, vo en mbo."),
        (
            "List Bullet",
            "elke student krijgt een rijke werkplek met een geschoolde werkplekbegeleider;",
        ),
        ("List Bullet", "startende leraren krijgen drie jaar begeleiding;"),
        ("List Bullet", "zij-instromers vinden één loket voor hun opleiding."),
    ]


def test_per_item_answers_are_two_column_tables_with_not_discussed_rows(answered, paper_path):
    doc = Document(paper_path)
    by_first_row = {tuple(table_texts(t)[1][:1]): table_texts(t) for t in doc.tables[4:]}
    consequences = next(
        rows
        for key, rows in by_first_row.items()
        if key == ("de basiskwaliteit van het Samen Opleiden?",)
    )
    assert consequences[0] == ["Onderdeel", "Antwoord"]
    assert consequences[1][1] == "In beide routes blijft het kader leidend."
    assert consequences[3] == [
        "de (her)indeling en financiering in onze Onderwijsregio?",
        "(nog niet besproken)",
    ]
    assert all(len(row) == 2 for rows in by_first_row.values() for row in rows)


def test_a_bulleted_answer_in_a_table_cell_keeps_its_bullets(paper_path):
    doc = Document(paper_path)
    cells = [c for t in doc.tables for row in t.rows for c in row.cells]
    cell = next(c for c in cells if c.text.startswith("opleiden en begeleiden"))
    assert [p.style.name for p in cell.paragraphs] == ["List Bullet"] * 3


def test_grid_answers_are_a_table_of_functions_by_scale_levels(fresh_db, catalog, tmp_path):
    sample_meeting(fresh_db, catalog)
    grid = sample_grid_meeting(fresh_db, catalog, "AOS Oost Nederland")
    doc = Document(export_paper(snapshot_of(grid), "docx", tmp_path).path)
    rows = table_texts(doc.tables[-1])
    assert rows[0] == [
        "Functies",
        "School/opleiding",
        "Bestuur/instituut",
        "Onderwijsregio",
        "Brede regio",
    ]
    assert [r[0] for r in rows[1:]] == [
        "werven",
        "matchen",
        "opleiden",
        "begeleiden",
        "professionaliseren",
        "anders/overig",
    ]
    assert rows[1] == [
        "werven",
        "Open dagen en meeloopdagen",
        "",
        "Eén regionale wervingscampagne",
        "",
    ]
    # No list indent in a narrow cell; the bullet never stands alone at the end of a line.
    assert rows[3][1] == "•\u00a0werkplekleren\n•\u00a0intervisie"


def test_unanswered_questions_are_marked_or_left_out_with_skip_empty(sop_meeting, tmp_path):
    sop_meeting.save_answer("goal-doelen", "", "Genoeg goede leraren.")
    full = Document(export_paper(snapshot_of(sop_meeting), "docx", tmp_path / "full.docx").path)
    texts = [p.text for p in full.paragraphs]
    assert texts.count("(nog niet besproken)") >= 20
    titles = {q.text for q in sop_meeting.card.questions()} | {"Aanbevelingen"}
    question_headings = [t for t in headings(full, 2) + headings(full, 3) if t in titles]
    assert len(question_headings) == len(list(sop_meeting.card.questions()))
    # An unanswered question with sub-items shows them, each "(nog niet besproken)".
    stem = sop_meeting.card.question("goal-verhouding")
    table = next(t for t in full.tables if t.rows[1].cells[0].text == stem.items[0].text)
    assert [r.cells[1].text for r in table.rows[1:]] == ["(nog niet besproken)"] * len(stem.items)

    short = Document(
        export_paper(
            snapshot_of(sop_meeting), "docx", tmp_path / "short.docx", skip_empty=True
        ).path
    )
    assert "(nog niet besproken)" not in [p.text for p in short.paragraphs]
    assert headings(short, 1) == ["Goal – Het overkoepelende doel"]  # empty phases are left out
    assert headings(short, 2) == [sop_meeting.card.question("goal-doelen").text]
    assert headings(short, 3) == []


def test_header_shows_partnership_and_date_but_not_on_the_title_page(paper_path):
    doc = Document(paper_path)
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "AOS Oost Nederland · 14 maart 2026"
    assert all(not p.text for p in section.first_page_header.paragraphs)


def test_footer_has_page_and_numpages_fields(paper_path):
    doc = Document(paper_path)
    footer = doc.sections[0].footer._element
    instructions = [i.text.strip() for i in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert len(footer.xpath('.//w:fldChar[@w:fldCharType="begin"]')) == 2
    assert doc.sections[0].footer.paragraphs[0].text.startswith("Pagina 1 van 1")


def test_core_properties_and_language(paper_path):
    doc = Document(paper_path)
    props = doc.core_properties
    assert props.author == "Anna de Vries"
    assert props.title == "Positiepaper AOS Oost Nederland"
    assert props.subject == "Gesprekskaart | Samen Opleiden & Professionaliseren"
    assert props.language == "nl-NL"
    assert props.comments == ""  # no "generated by python-docx"
    now = dt.datetime.now(dt.UTC)
    assert abs((props.created.replace(tzinfo=dt.UTC) - now).total_seconds()) < 120
    assert props.modified == props.created
    lang = (
        doc.styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:lang"))
    )
    assert lang.get(qn("w:val")) == "nl-NL"


def test_no_stock_thumbnail_and_a4_page(paper_path):
    with zipfile.ZipFile(paper_path) as archive:
        names = archive.namelist()
        rels = archive.read("_rels/.rels").decode()
    assert not [n for n in names if "thumbnail" in n]
    assert "thumbnail" not in rels
    section = Document(paper_path).sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)  # A4, stored in twips
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.01)


def test_only_real_styles_and_tables_use_a_table_style(paper_path):
    doc = Document(paper_path)
    used = {p.style.name for p in doc.paragraphs}
    assert used <= {
        "Normal",
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "List Bullet",
        "TOC Heading",
        "toc 1",
    }
    assert all(t.style is not None and t.style.name == "Light Grid Accent 1" for t in doc.tables)
    assert not doc.element.body.xpath(".//w:rPr")  # no direct character formatting


def test_parking_lot_is_an_appendix_of_bullets(paper_path):
    doc = Document(paper_path)
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    start = texts.index(("Heading 1", "Bijlage: parkeerplaats"))
    assert [t for s, t in texts[start:] if s == "List Bullet"] == PARKING_LOT
    assert doc.paragraphs[start].paragraph_format.page_break_before


def inject(meeting, question_id: str, key: str, text: str) -> None:
    """Put an answer in as an import would, bypassing the cleaning on save."""
    from grow_app.records import Answer

    meeting.answers[(question_id, key)] = Answer(question_id, key, text, "")


def test_pasted_control_characters_and_rtl_survive(sop_meeting, tmp_path):
    text = "Regel\x0been\x00 \x1b[31mrood\x1b[0m ✅ café שלום \ud800 \uffff einde"
    inject(sop_meeting, "goal-doelen", "", text)
    doc = Document(export_paper(snapshot_of(sop_meeting), "docx", tmp_path).path)
    texts = [p.text for p in doc.paragraphs]
    assert "Regel" in texts
    assert "een rood ✅ café שלום \ufffd  einde" in texts


def test_the_template_is_loaded_once_per_process(answered, tmp_path, monkeypatch):
    from grow_app.export import docx_base

    export_paper(snapshot_of(answered), "docx", tmp_path)
    calls = []
    monkeypatch.setattr(docx_base, "prepare_base", lambda *a, **k: calls.append(a))
    export_paper(snapshot_of(answered), "docx", tmp_path)
    assert calls == []


def test_reopened_document_bytes_are_a_valid_package(paper_path):
    data = paper_path.read_bytes()
    Document(io.BytesIO(data)).save(io.BytesIO())  # python-docx round-trips it


def test_every_paragraph_has_at_most_one_style_and_alignment(paper_path):
    """Word calls a file with a doubled w:pStyle 'unreadable content': check every part."""
    with zipfile.ZipFile(paper_path) as archive:
        parts = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
        for name in parts:
            xml = archive.read(name).decode("utf-8")
            for ppr in xml.split("<w:pPr>")[1:]:
                ppr = ppr.split("</w:pPr>")[0]
                assert ppr.count("<w:pStyle ") <= 1, name
                assert ppr.count("<w:jc ") <= 1, name


def test_no_stale_page_counts_or_application_from_the_template(paper_path):
    with zipfile.ZipFile(paper_path) as archive:
        app = archive.read("docProps/app.xml").decode()
    assert "<Pages>" not in app and "Macintosh" not in app


def test_right_to_left_answers_get_a_right_to_left_paragraph(sop_meeting, tmp_path):
    sop_meeting.save_answer("goal-doelen", "", "שלום, זה התשובה שלנו\nGewoon Nederlands")
    doc = Document(export_paper(snapshot_of(sop_meeting), "docx", tmp_path).path)
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["שלום, זה התשובה שלנו"]._p.pPr.find(qn("w:bidi")) is not None
    assert by_text["Gewoon Nederlands"]._p.pPr is None


def test_word_opens_the_paper_without_compatibility_mode(paper_path):
    """Word 365 shows "[Compatibiliteitsmodus]" for compatibilityMode 14 (Word 2010)."""
    with zipfile.ZipFile(paper_path) as archive:
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert 'w:name="compatibilityMode"' in settings
    assert settings.count("compatibilityMode") == 1
    import re

    mode = re.search(r'w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings)
    assert mode and mode.group(1) == "15"


def test_recommendations_table_has_the_cards_lead_in_and_no_way_forward_chapter_of_pointers(
    answered, paper_path
):
    doc = Document(paper_path)
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    question = next(q for q in answered.card.questions() if q.kind == "recommendations")
    # Up front: "Aanbevelingen", then the card's own stem leading into the table.
    start = texts.index(("Heading 1", "Aanbevelingen"))
    assert texts[start + 1] == ("Normal", question.text)
    # Way forward holds only the recommendations and the actions, which stand up front: no
    # chapter that would only say "zie vooraan" (it got a page of its own before).
    assert not [t for _s, t in texts if t.startswith("Way forward")]
    assert not [t for _s, t in texts if "vooraan in dit stuk" in t]


def test_compatibility_mode_is_added_where_the_settings_have_none():
    from grow_app.export.docx_base import set_compatibility_mode

    doc = Document()
    settings = doc.settings.element
    settings.remove(settings.find(qn("w:compat")))
    set_compatibility_mode(doc)
    compat = settings.find(qn("w:compat"))
    names = [child.tag for child in settings]
    assert names.index(qn("w:compat")) < names.index(qn("w:rsids"))  # the schema's order
    [setting] = compat.findall(qn("w:compatSetting"))
    assert (setting.get(qn("w:name")), setting.get(qn("w:val"))) == ("compatibilityMode", "15")
