"""What the position paper says, as a board reads it: recommendations numbered as on the card,
no Way-forward chapter that only says "zie vooraan", pasted tabs as single spaces."""

from __future__ import annotations

from pathlib import Path

from grow_app.export.document import build_paper
from grow_app.export.markdown import render_markdown
from grow_app.services.sample import sample_meeting
from grow_app.services.snapshots import snapshot_of
from tests.helpers import paper

ROOT = Path(__file__).resolve().parents[2]


def test_recommendations_keep_their_numbers_from_the_card(fresh_db, catalog, tmp_path):
    meeting = sample_meeting(fresh_db, catalog)
    meeting.set_status("way-forward-aanbevelingen", "maatschappelijke-opdracht", "")
    meeting.save_answer("way-forward-aanbevelingen", "maatschappelijke-opdracht", "")
    doc = paper(meeting, tmp_path, skip_empty=True)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Aanbeveling")
    numbers = [row.cells[0].text.split(" ", 1)[0] for row in table.rows[1:]]
    assert numbers == ["1.", "3.", "4."]  # the second was left out; the others keep theirs
    text = render_markdown(build_paper(snapshot_of(meeting), skip_empty=True))
    assert "| 3\\. de betrokken partijen" in text


def test_pasted_tabs_become_single_spaces_in_word_and_markdown(answered, tmp_path):
    answered.save_answer("goal-doelen", "", "Kolom A\tkolom B\t\tkolom C \t einde")
    answered.add_action("Plan\tmaken", "Bestuurder\tpo", "Q3")
    doc = paper(answered, tmp_path)
    assert "Kolom A kolom B kolom C einde" in [p.text for p in doc.paragraphs]
    assert not doc.element.body.xpath(".//w:tab")
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Bestuurder po" in cells and "Plan maken" in cells
    text = render_markdown(build_paper(snapshot_of(answered)))
    assert "\t" not in text and "Kolom A kolom B kolom C einde" in text


def card_with_a_way_forward_question(tmp_path: Path) -> Path:
    """The main card with a text question of its own in Way forward."""
    folder = tmp_path / "cards"
    folder.mkdir()
    source = (ROOT / "cards" / "gesprekskaart-sop.toml").read_text(encoding="utf-8")
    source = source.replace('id = "gesprekskaart-sop"', 'id = "eigen-kaart"', 1)
    source += (
        '\n[[phases.sections.questions]]\nid = "way-forward-eigen"\n'
        'text = "Wat vragen we van het bestuur?"\n'
    )
    (folder / "eigen-kaart.toml").write_text(source, encoding="utf-8")
    return folder


def test_a_way_forward_with_its_own_question_keeps_its_chapter(fresh_db, tmp_path):
    from grow_app.services.catalog import load_catalog
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session

    catalog = load_catalog([card_with_a_way_forward_question(tmp_path)])
    partnership = add_partnership(fresh_db, "Eigen", "Achterhoek")
    session = start_session(fresh_db, catalog, partnership, "eigen-kaart", date="2026-03-14")
    meeting = Meeting(fresh_db, catalog.get("eigen-kaart"), session)
    meeting.save_answer("way-forward-eigen", "", "Geld voor 2027.")
    meeting.add_action("Plan maken", "Anna", "mei")
    texts = [(p.style.name, p.text) for p in paper(meeting, tmp_path).paragraphs]
    assert ("Heading 1", "Way forward – Aanbevelingen voor het vervolg") in texts
    assert ("Normal", "Geld voor 2027.") in texts
    assert any("vooraan in dit stuk" in t for _s, t in texts)  # the pointers stay here
