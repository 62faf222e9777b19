"""Grid and per-dimension answers, clean paste, and the English interface on the session screen."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ui_session_helpers import context, make_session, paste, ready, settle

from grow_app.ui.app import create_app
from grow_app.ui.widgets.answer_area import AnswerArea

DIMENSION_CARD = """
id = "per-functie"
title = "Per functie"
version = "1"

[dimensions.functies]
label = "Functies"
members = [{ key = "werven", label = "werven" }, { key = "matchen", label = "matchen" }]

[[phases]]
id = "nu"
title = "Nu"
[[phases.sections]]
id = "nu"
title = "Nu"
[[phases.sections.questions]]
id = "stand"
kind = "per_dimension"
dimension = "functies"
text = "Hoe staat het per functie?"
"""


def _answers(db_path: Path) -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT question_id, item_key, text FROM answers").fetchall()
    finally:
        conn.close()
    return {(q, k): text for q, k, text in rows}


async def test_grid_two_cells_survive_a_restart(db_path):
    session_id = make_session(db_path, "strategiesessie-schaalniveaus")
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        editor = screen.pane.query_one("#grid-cell-editor", AnswerArea)
        assert app.focused is editor
        assert editor.save_key == ("answer", "activiteiten-schaalniveau", "werven|school")
        await paste(pilot, "Open dag op school")
        await pilot.press("alt+right", "alt+down")  # next column, next row
        assert editor.save_key == ("answer", "activiteiten-schaalniveau", "matchen|bestuur")
        assert editor.text == ""
        await paste(pilot, "Matchen op bestuursniveau")
        await pilot.press("escape")  # back to the overview table; arrows move there
        await pilot.press("left", "enter")
        assert editor.save_key[2] == "matchen|school" and app.focused is editor
        await settle(pilot)
    assert _answers(db_path) == {
        ("activiteiten-schaalniveau", "werven|school"): "Open dag op school",
        ("activiteiten-schaalniveau", "matchen|bestuur"): "Matchen op bestuursniveau",
    }
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert screen.stop == "_kernboodschap"  # the grid has answers; the key message not yet
        await screen.go_to("activiteiten-schaalniveau")
        table = screen.pane.query_one("#answer-grid")
        assert str(table.get_cell("werven", "school")) == "Open dag op school"
        assert str(table.get_cell("matchen", "bestuur")) == "Matchen op bestuursniveau"
        # opens on the first empty cell
        assert screen.pane.query_one("#grid-cell-editor").save_key[2] == "werven|bestuur"


async def test_per_dimension_has_one_editor_per_member(db_path, tmp_path):
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "per-functie.toml").write_text(DIMENSION_CARD, encoding="utf-8")
    session_id = make_session(db_path, "per-functie", card_dirs=(str(cards),))
    app = create_app(context(db_path, (str(cards),)), session_id, autosave_delay=0)
    async with app.run_test() as pilot:
        screen = await ready(pilot)
        keys = [a.save_key for a in screen.pane.query(AnswerArea)]
        assert keys == [("answer", "stand", "werven"), ("answer", "stand", "matchen")]
        await paste(pilot, "Werven loopt goed")
        await pilot.press("tab")
        await paste(pilot, "Matchen kan beter")
        await settle(pilot)
    assert _answers(db_path) == {
        ("stand", "werven"): "Werven loopt goed",
        ("stand", "matchen"): "Matchen kan beter",
    }


async def test_paste_from_word_lands_clean(db_path):
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test() as pilot:
        await ready(pilot)
        await paste(pilot, "Regel een\x0bregel twee\x0cpagina twee\x00 klaar 🎉 Cafe\u0301")
        assert app.focused.text == "Regel een\nregel twee\npagina twee klaar 🎉 Café"
        await settle(pilot)
    assert _answers(db_path)[("goal-doelen", "")] == (
        "Regel een\nregel twee\npagina twee klaar 🎉 Café"
    )


async def test_word_keys_in_the_answer_editor(db_path):
    """ctrl+a selects everything (as in Word); ctrl+k and ctrl+u do not delete text."""
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test() as pilot:
        await ready(pilot)
        await paste(pilot, "Eerste regel\nTweede regel")
        await pilot.press("ctrl+home", "ctrl+k", "ctrl+u", "ctrl+w")
        assert app.focused.text == "Eerste regel\nTweede regel"
        await pilot.press("ctrl+a")
        assert app.focused.selected_text == "Eerste regel\nTweede regel"
        await paste(pilot, "Vervangen")
        assert app.focused.text == "Vervangen"


async def test_english_interface(db_path):
    from grow_app.i18n import set_language

    set_language("en")
    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await paste(pilot, "x")
        await settle(pilot)
        assert "question 1 of 28" in str(screen.pane.query_one(".question-where").render())
        assert str(screen.query_one("#saved").render()).startswith("Saved")
        descriptions = {b.binding.description for b in screen.active_bindings.values()}
        assert {"Next", "Participants", "Parking lot"} <= descriptions
        # card text stays in the card's language
        assert "gezamenlijke doelen" in str(screen.pane.query_one(".question-text").render())


async def test_square_brackets_are_shown_as_typed_not_as_markup(db_path):
    session_id = make_session(
        db_path, "strategiesessie-schaalniveaus", partnership="AOS [Oost] [/b]"
    )
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert "AOS [Oost] [/b]" in str(screen.query_one("#session-title").render())
        await paste(pilot, "[bold]niet vet[/] [/red]")
        table = screen.pane.query_one("#answer-grid")
        assert str(table.get_cell("werven", "school")) == "[bold]niet vet[/] [/red]"
        await pilot.press("f3")
        await paste(pilot, "[link]punt[/link")
        await pilot.press("enter")
        await pilot.pause()
        assert "[link]punt[/link" in str(app.screen.query_one("ListItem Label").render())


async def test_an_answer_editor_drawn_before_it_has_its_styles_draws_blank(tmp_path):
    """Guard against a Textual race: drawing before the component styles exist must not crash."""
    from textual.app import App
    from textual.geometry import Region

    from grow_app.ui.widgets.answer_area import AnswerArea

    class Probe(App[None]):
        def compose(self):
            yield AnswerArea("tekst", save_key="k")

    async with Probe().run_test(size=(40, 6)) as pilot:
        area = pilot.app.query_one(AnswerArea)
        styles = area._component_styles.pop("text-area--gutter")
        lines = area.render_lines(Region(0, 0, 10, 2))
        assert len(lines) == 2 and all(line.text.strip() == "" for line in lines)
        area._component_styles["text-area--gutter"] = styles  # the stylesheet has caught up
        assert "tekst" in "".join(line.text for line in area.render_lines(Region(0, 0, 38, 4)))


async def test_an_added_action_counts_once_something_is_written_in_it(db_path):
    """ "Actie toevoegen" gives an empty row: the action question is not answered by that (the
    outline, the progress figure and the next start's quick look agree; the session list counts
    as the meeting does, tests/unit/test_progress_sql.py); typing its Wat is, and clearing it
    again is not."""
    from grow_app.store.peek import peek_session
    from grow_app.ui.widgets.outline import DONE_MARK, OPEN_MARK, Outline

    session_id = make_session(db_path)
    app = create_app(context(db_path), session_id, autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        question = screen.meeting.actions_question()
        await screen.go_to(question.id)
        outline = screen.query_one(Outline)

        def mark() -> str:
            return str(outline._question_nodes[question.id].label)[0]

        before = screen.meeting.overall_progress()
        await screen.add_action_row()
        await settle(pilot)
        assert not screen.meeting.is_answered(question)
        assert mark() == OPEN_MARK
        assert screen.meeting.overall_progress() == before
        assert not peek_session(db_path, session_id).has_actions
        await pilot.press("B", "e", "l", "l", "e", "n")
        await settle(pilot)
        assert screen.meeting.is_answered(question)
        assert mark() == DONE_MARK
        assert peek_session(db_path, session_id).has_actions
        assert screen.meeting.overall_progress() == (before[0] + 1, before[1])
        await pilot.press(*["backspace"] * 6)
        await settle(pilot)
        assert not screen.meeting.is_answered(question)
        assert mark() == OPEN_MARK
