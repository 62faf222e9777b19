"""The appendix "Inbreng van deelnemers": off by default, per question, in Word and markdown."""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document

from grow_app.export.contributions_appendix import contributions_appendix
from grow_app.export.document import Table, build_paper, labels_for, language_tag
from grow_app.export.docx_writer import base_document, render_docx
from grow_app.export.markdown import render_markdown
from grow_app.join_records import ContributionsSnapshot
from grow_app.services import contributions, joining, voting
from grow_app.services.snapshots import snapshot_of

FIRST = "goal-doelen"
ITEMS = "goal-verhouding"


def filled(meeting):
    db, session_id = meeting.db, meeting.session.id
    join = joining.open_join(db, session_id, allow_anonymous=True)
    anna = joining.register_device(db, join, "token-anna", "Anna")
    anon = joining.register_device(db, join, "token-x", "", anonymous=True)
    send = contributions.send
    a = send(db, meeting.card, join, anna, FIRST, "Meer stageplekken\n- in het po\n- in het vo")
    b = send(db, meeting.card, join, anon, FIRST, "Stages")
    hidden = send(db, meeting.card, join, anon, FIRST, "Grapje")
    contributions.merge(db, session_id, b.id, a.id)
    contributions.hide(db, session_id, hidden.id)
    vote = voting.start_vote(db, meeting.card, session_id, ITEMS, "items", budget=3)
    voting.cast(db, session_id, vote.id, anna, {"ambitie": 3})
    voting.cast(db, session_id, vote.id, anon, {"functies": 1, "ambitie": 1})
    unused = voting.start_vote(db, meeting.card, session_id, "goal-bijdrage", "items")
    voting.close_vote(db, session_id, unused.id)  # nobody voted: left out of the paper
    return contributions.paper_snapshot(db, meeting.card, session_id)


def test_nothing_sent_means_no_appendix(sop_meeting):
    snapshot = contributions.paper_snapshot(
        sop_meeting.db, sop_meeting.card, sop_meeting.session.id
    )
    assert not snapshot
    assert contributions_appendix(snapshot) == ()
    assert contributions_appendix(None) == ()
    assert contributions_appendix(ContributionsSnapshot()) == ()


def test_the_appendix_per_question(sop_meeting):
    (chapter,) = contributions_appendix(filled(sop_meeting))
    assert chapter.title == "Bijlage: inbreng van deelnemers"
    texts = [getattr(item, "text", None) for item in chapter.content]
    assert texts[1].startswith("Wat zijn de gezamenlijke doelen")
    table = chapter.content[2]
    assert isinstance(table, Table) and table.headers == ("Bijdrage", "Van")
    (row,) = table.rows  # the hidden one is left out, the merged one counted
    assert [b.text for b in row[0]] == [
        "Meer stageplekken",
        "in het po",
        "in het vo",
        "(samen met 1 vergelijkbare bijdrage)",
    ]
    assert row[1][0].text == "Anna"
    assert texts[3].startswith("Hoe verhouden deze gezamenlijke doelen")
    assert texts[4] == "Stemming met 3 stippen per persoon; 2 deelnemers stemden."
    votes = chapter.content[5]
    assert [(r[0][0].text, r[1][0].text) for r in votes.rows] == [
        ("de 100% Samen Opleiden ambitie in de Onderwijsregio?", "4"),
        ("de vijf functies van de Onderwijsregio?", "1"),
    ]
    assert len(chapter.content) == 6


def test_the_appendix_in_word_and_markdown(sop_meeting):
    """What the 2-3 lines in export/document.py will do: the chapter joins the appendix."""
    paper = build_paper(snapshot_of(sop_meeting))
    extra = contributions_appendix(filled(sop_meeting), sop_meeting.card.language)
    paper = replace(paper, appendix=(*paper.appendix, *extra))
    markdown = render_markdown(paper)
    assert "## Bijlage: inbreng van deelnemers" in markdown
    assert "| Meer stageplekken<br>• in het po<br>• in het vo" in markdown
    base = base_document(None, language_tag("nl"), labels_for("nl"))
    document = Document(io.BytesIO(render_docx(paper, base)))
    body = [p.text for p in document.paragraphs]
    assert "Bijlage: inbreng van deelnemers" in body
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Anna" in cells and "4" in cells


def test_an_english_card_gets_english_labels(sop_meeting):
    (chapter,) = contributions_appendix(filled(sop_meeting), "en")
    assert chapter.title == "Appendix: contributions of participants"
    assert chapter.content[2].headers == ("Contribution", "From")
