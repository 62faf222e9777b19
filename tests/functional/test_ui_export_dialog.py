"""Export from the session screen (ctrl+e): the dialog writes the file in a worker thread and
shows where it went, or one line saying why not; the home screen's compare key (v)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from docx import Document
from textual.widgets import Checkbox, Input, RadioButton, Static
from ui_session_helpers import context, make_session, paste, ready, session_screen, wait_for

from grow_app.ui.app import create_app
from grow_app.ui.screens.export_dialog import ExportScreen
from grow_app.ui.screens.session import SessionScreen

SIZE = (100, 30)


def result_text(app) -> str:
    return str(app.screen.query_one("#export-result", Static).render())


async def open_session(pilot, app, session_id: str) -> None:
    """Open the session and wait until its meeting is there and an editor has the focus (a
    fixed pause was too short on a busy machine: 'nothing has focus')."""
    app.open_session(session_id)
    await pilot.pause()
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
    await ready(pilot)
    await wait_for(pilot, lambda: app.focused is not None)


async def test_export_word_from_the_session_screen(db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=30)  # nothing written unless flushed
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, app, session_id)
        await paste(pilot, "Samen goede leraren opleiden voor de regio.")
        await pilot.press("ctrl+e")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert app.screen.query_one("#docx", RadioButton).value  # Word is the default
        await pilot.press("enter")  # the export button has the focus
        await wait_for(pilot, lambda: app.screen.outcome is not None, 30)
        outcome = app.screen.outcome
        assert outcome.error == "" and outcome.path is not None
        assert outcome.path.is_absolute()
        assert outcome.path.parent == tmp_path / "exports"
        assert outcome.path.name == "positiepaper-aos-oost-nederland-2026-03-14.docx"
        shown = result_text(app)
        assert str(outcome.path) in shown.replace("\n", "")
        # the folder and the name on lines of their own, the name whole (it has hyphens)
        assert outcome.path.name in shown.splitlines()
        # the answer typed a moment ago (autosave still pending) is in the document
        text = "\n".join(p.text for p in Document(str(outcome.path)).paragraphs)
        assert "Samen goede leraren opleiden voor de regio." in text
        # a second export never overwrites the first
        await pilot.click("#export-go")
        await wait_for(pilot, lambda: app.screen.outcome.path != outcome.path, 30)
        assert app.screen.outcome.path.name.endswith("-2.docx")
        # ctrl+s exports too, wherever the focus is (the footer shows it)
        app.screen.query_one("#export-skip-empty").focus()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen.outcome.path.name.endswith("-3.docx"), 30)
        await pilot.press("escape")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))


async def test_export_markdown_without_empty_questions_and_a_bundle(db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, app, session_id)
        await paste(pilot, "Een antwoord op de eerste vraag.")
        await pilot.press("ctrl+e")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.click("#md")
        await pilot.click("#export-skip-empty")
        assert app.screen.query_one("#export-skip-empty", Checkbox).value
        assert app.screen.query_one("#export-template", Input).disabled  # Word only
        await pilot.click("#export-go")
        await wait_for(pilot, lambda: app.screen.outcome is not None, 30)
        paper = app.screen.outcome.path
        assert paper.suffix == ".md"
        markdown = paper.read_text(encoding="utf-8")
        assert "Een antwoord op de eerste vraag." in markdown
        assert "nog niet besproken" not in markdown
        app.screen.outcome = None
        await pilot.click("#json")
        await pilot.click("#export-go")
        await wait_for(pilot, lambda: app.screen.outcome is not None, 30)
        bundle = app.screen.outcome.path
        assert bundle.suffix == ".json" and bundle.parent == tmp_path / "exports"
        assert "Een antwoord op de eerste vraag." in bundle.read_text(encoding="utf-8")


async def test_a_template_that_is_not_a_word_file_gives_one_line(db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    not_word = tmp_path / "huisstijl.docx"
    not_word.write_text("dit is geen Word-bestand", encoding="utf-8")
    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, app, session_id)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one("#export-template", Input).focus()
        await paste(pilot, str(not_word))
        await pilot.press("enter")  # enter in the template field exports
        await wait_for(pilot, lambda: app.screen.outcome is not None, 30)
        outcome = app.screen.outcome
        assert outcome.path is None and outcome.error
        shown = result_text(app)
        assert shown.startswith("Niet gelukt:") and "\n" not in shown
        assert "Traceback" not in shown
        assert app.screen.query_one("#export-result").has_class("-failed")
        assert not list((tmp_path / "exports").glob("*.docx"))  # nothing half-written
        # the dialog still works: clear the template and export after all
        app.screen.query_one("#export-template", Input).value = ""
        app.screen.outcome = None
        await pilot.click("#export-go")
        await wait_for(pilot, lambda: app.screen.outcome is not None, 30)
        assert app.screen.outcome.path is not None and app.screen.outcome.path.exists()
        await pilot.press("escape")
        await pilot.pause()
        assert session_screen(app) is app.screen


async def test_export_is_offered_in_the_palette_and_help(db_path):
    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, app, session_id)
        from grow_app.ui.screens.help import HelpScreen

        await pilot.press("f1")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        rows = app.screen.rows()
        assert any(keys == "^e" and "positiepaper" in what for keys, what in rows), rows


async def test_in_the_browser_the_file_is_also_offered_as_a_download(
    db_path, tmp_path, monkeypatch
):
    from grow_app.ui.app import GrowApp

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(GrowApp, "is_web", property(lambda self: True))  # as under grow serve
    delivered: list[Path] = []
    monkeypatch.setattr(GrowApp, "deliver_binary", lambda self, path, **kw: delivered.append(path))
    session_id = make_session(db_path)
    app = create_app(context(db_path), autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, app, session_id)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.outcome is not None, 30)
        assert delivered == [app.screen.outcome.path]
        assert "Uw browser downloadt het bestand ook." in result_text(app)
