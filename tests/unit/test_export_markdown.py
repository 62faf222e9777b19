"""The markdown export says what the Word paper says, and any typed text exports without error."""

from __future__ import annotations

import dataclasses
import io
import itertools
import re

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grow_app.export.document import build_paper
from grow_app.export.docx_writer import base_document, render_docx
from grow_app.export.markdown import escape, render_markdown
from grow_app.export.paper import export_paper
from grow_app.i18n.messages.export import NL
from grow_app.records import Answer
from grow_app.services.sample import sample_grid_meeting, sample_meeting
from grow_app.services.snapshots import snapshot_of


def md_headings(text: str) -> list[tuple[int, str]]:
    return [
        (len(m.group(1)), m.group(2).replace("\\", ""))
        for m in re.finditer(r"^(#{1,4}) (.*)$", text, re.MULTILINE)
    ]


def docx_headings(doc) -> list[tuple[int, str]]:
    levels = {"Title": 1, "Heading 1": 2, "Heading 2": 3, "Heading 3": 4}
    return [(levels[p.style.name], p.text) for p in doc.paragraphs if p.style.name in levels]


def test_markdown_has_the_same_headings_as_the_docx(answered, tmp_path):
    doc = Document(export_paper(snapshot_of(answered), "docx", tmp_path).path)
    text = export_paper(snapshot_of(answered), "md", tmp_path).path.read_text(encoding="utf-8")
    assert md_headings(text) == docx_headings(doc)


def test_markdown_has_the_same_answers_as_the_docx(answered, tmp_path):
    doc = Document(export_paper(snapshot_of(answered), "docx", tmp_path).path)
    text = export_paper(snapshot_of(answered), "md", tmp_path).path.read_text(encoding="utf-8")
    plain = text.replace("\\", "")
    for paragraph in doc.paragraphs:
        if paragraph.style.name in ("TOC Heading", "toc 1"):
            continue  # Word's table of contents; markdown readers make their own
        if paragraph.style.name == "List Bullet":
            assert f"- {paragraph.text}" in plain
        elif paragraph.text:
            assert paragraph.text in plain
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for line in cell.text.split("\n"):
                    assert line in plain


def test_markdown_tables_are_pipe_tables(answered):
    text = render_markdown(build_paper(snapshot_of(answered)))
    assert "| Aanbeveling | Status | Toelichting |\n|---|---|---|\n" in text
    assert "| Wat | Wie | Wanneer |" in text
    assert (
        "| Positiepaper bespreken in het bestuurlijk overleg | Anna de Vries | april 2026 |" in text
    )
    bullets_in_cell = "• opleiden en begeleiden: één gezamenlijk curriculum op de werkplek;<br>•"
    assert bullets_in_cell in text


def test_grid_in_markdown(fresh_db, catalog):
    sample_meeting(fresh_db, catalog)
    grid = sample_grid_meeting(fresh_db, catalog, "AOS Oost Nederland")
    text = render_markdown(build_paper(snapshot_of(grid)))
    assert (
        "| Functies | School/opleiding | Bestuur/instituut | Onderwijsregio | Brede regio |" in text
    )
    assert "| werven | Open dagen en meeloopdagen |  | Eén regionale wervingscampagne |  |" in text


def test_typed_markup_is_kept_as_text():
    assert escape("# geen kop") == "\\# geen kop"
    assert escape("1. geen lijst") == "1\\. geen lijst"
    assert escape("*nadruk*") == "\\*nadruk\\*"
    assert escape("a|b") == "a|b"  # pipes are escaped only inside tables


# Every code point, lone surrogates and control characters included.
typed_text = st.text(st.characters(exclude_categories=()), max_size=200) | st.sampled_from(
    ["\x0b\x0c\x00\x1b[0m", "\ud800", "\udfff x", "✅👩🏽‍🏫", "שלום עולם", "\ufffe\uffff"]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answer=typed_text, item=typed_text, key_message=typed_text, action=typed_text)
def test_any_typed_text_exports_to_docx_and_markdown(
    sop_meeting, answer, item, key_message, action
):
    meeting = sop_meeting
    # As an import would put them in: no cleaning on the way in.
    meeting.answers[("goal-doelen", "")] = Answer("goal-doelen", "", answer, "")
    meeting.answers[("goal-verhouding", "functies")] = Answer(
        "goal-verhouding", "functies", item, ""
    )
    meeting.answers[("way-forward-aanbevelingen", "aangehaakt")] = Answer(
        "way-forward-aanbevelingen", "aangehaakt", answer, ""
    )
    meeting.session = dataclasses.replace(
        meeting.session, key_message=key_message, facilitator=action
    )
    paper = build_paper(snapshot_of(meeting))
    base = base_document(None, paper.language, NL)
    data = render_docx(paper, base)
    Document(io.BytesIO(data))  # opens again
    render_markdown(paper).encode("utf-8")  # no lone surrogates left


def test_markdown_export_does_not_load_python_docx(tmp_path):
    """python-docx is imported by the Word writer only: markdown and the CLI start without it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from grow_app.store import open_database\n"
        "from grow_app.services.catalog import load_catalog\n"
        "from grow_app.services.sample import sample_meeting\n"
        "from grow_app.export.paper import export_paper\n"
        "from grow_app.services.snapshots import snapshot_of\n"
        "import grow_app.cli.export\n"
        "m = sample_meeting(open_database(':memory:'), load_catalog())\n"
        f"export_paper(snapshot_of(m), 'md', {str(tmp_path)!r})\n"
        "print('docx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_markdown_headings_never_skip_a_level(answered):
    text = render_markdown(build_paper(snapshot_of(answered)))
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", text, re.MULTILINE)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert "\n### Wat zijn de gezamenlijke doelen" in text  # Goal's section has no heading
    assert "\n#### Wat zien wij als grootste meerwaarde" in text  # under "Reality: Samen ..."
    assert "Gesprekskaart: Samen Opleiden & Professionaliseren" in text
