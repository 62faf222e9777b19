"""``grow trash list|restore|empty`` as a user runs them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _setup(db_path):
    from grow_app.services.catalog import load_catalog
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session
    from grow_app.services.trash import trash_partnership, trash_session
    from grow_app.store import open_database

    db = open_database(db_path)
    kept = add_partnership(db, "Kop van Noord-Holland")
    gone = add_partnership(db, "AOS Oost Nederland")
    session = start_session(db, load_catalog(), kept, "gesprekskaart-sop", date="2026-03-14")
    trash_partnership(db, gone.id)
    trash_session(db, session.id)
    db.conn.close()
    return gone, session


def test_list_restore_and_empty(db_path, grow_cli):
    gone, session = _setup(db_path)

    listed = grow_cli("trash", "list")
    assert listed.exit_code == 0
    assert "AOS Oost Nederland" in listed.output and "partnerschap" in listed.output
    assert "Kop van Noord-Holland · gesprekskaart-sop · 2026-03-14" in listed.output

    restored = grow_cli("trash", "restore", session.id[:8])
    assert restored.exit_code == 0, restored.output
    assert "Teruggezet: sessie" in restored.output
    assert session.id[:8] in grow_cli("session", "list").output

    refused = grow_cli("trash", "empty", input="n\n")
    assert refused.exit_code == 0 and "Niets verwijderd" in refused.output
    assert "AOS Oost Nederland" in grow_cli("trash", "list").output

    emptied = grow_cli("trash", "empty", input="ja\n")
    assert "definitief verwijderen? [j/N]" in emptied.output
    assert emptied.exit_code == 0 and "1 item definitief verwijderd" in emptied.output
    assert "De prullenbak is leeg." in grow_cli("trash", "list").output
    unknown = grow_cli("trash", "restore", gone.id)
    assert unknown.exit_code == 1
    assert "staat niet in de prullenbak" in unknown.output
    assert "Traceback" not in unknown.output


def test_empty_with_yes_does_not_ask(db_path, grow_cli):
    _setup(db_path)
    emptied = grow_cli("trash", "empty", "--yes")
    assert emptied.exit_code == 0
    assert emptied.output.strip() == "2 items definitief verwijderd."


def test_empty_without_a_terminal_deletes_nothing(db_path, grow_cli):
    _setup(db_path)
    result = grow_cli("trash", "empty", input="")
    assert result.exit_code == 1
    assert "AOS Oost Nederland" in grow_cli("trash", "list").output


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
    st.sampled_from(["restore", "add"]),
)
def test_any_text_on_the_command_line_is_done_or_one_line(db_path, grow_cli, text, command):
    """Whatever is typed after ``grow trash restore`` or ``grow partnership add``: exit 0, or
    exit 1 with one line; never a traceback, never click's English usage error."""
    args = (
        ["trash", "restore", "--", text]
        if command == "restore"
        else ["partnership", "add", "--", text]
    )
    result = grow_cli(*args)
    assert result.exit_code in (0, 1), (result.output, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert len(result.output.strip().splitlines()) == 1
        assert result.output.startswith("Fout: ")
