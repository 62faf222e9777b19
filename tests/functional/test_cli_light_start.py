"""Commands that only read start like a bare command-line program: they import neither pydantic
(cards come from the cache once checked) nor sqlite-utils and dateutil (the database is read with
the standard library). What is imported is behaviour; how fast it is belongs in benchmarks/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grow_app.records import Participant
from grow_app.services.catalog import load_catalog
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database

HEAVY = ("pydantic", "sqlite_utils", "dateutil", "docx", "textual", "platformdirs")
RUN = """
import sys
from grow_app.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("MODULES", " ".join(sorted(sys.modules)))
"""


def grow(*args: str, home: Path) -> tuple[str, set[str]]:
    env = {**os.environ, "GROW_HOME": str(home)}
    env.pop("GROW_DB", None)
    out = subprocess.run(
        [sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True, check=True
    )
    text, _, modules = out.stdout.rpartition("MODULES ")
    return text, set(modules.split())


@pytest.fixture
def one_session(isolated_home: Path) -> str:
    from grow_app.paths import app_dirs

    db = open_database(app_dirs().default_db)
    catalog = load_catalog()
    owner = add_partnership(db, "AOS Oost Nederland", "Achterhoek", ["vo"])
    session = start_session(
        db, catalog, owner, "gesprekskaart-sop", participants=[Participant("Bram", "HAN", "")]
    )
    meeting = Meeting(db, catalog.get(session.card_id), session)
    meeting.save_answer(next(meeting.card.questions()).id, "", "Samen opleiden.")
    db.conn.close()
    return session.id


@pytest.mark.parametrize(
    "command",
    [
        ["--version"],
        ["session", "list"],
        ["session", "list", "--partnership", "AOS Oost Nederland", "--format", "json"],
        ["session", "show", "SESSION"],
        ["partnership", "list"],
        ["cards", "list"],
    ],
    ids=" ".join,
)
def test_read_only_commands_import_nothing_heavy(one_session: str, isolated_home: Path, command):
    command = [one_session[:8] if word == "SESSION" else word for word in command]
    grow(*command, home=isolated_home)  # the first start checks the cards and keeps them
    text, modules = grow(*command, home=isolated_home)
    assert text.strip()
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert loaded == []


def test_one_position_paper_imports_only_what_writes_it(
    one_session: str, isolated_home: Path, tmp_path: Path
):
    """``grow export SESSION``, the command a facilitator runs after a meeting: python-docx
    writes the paper; the card comes from the cache (no pydantic) and the database is read
    with the standard library."""
    command = ("export", one_session[:8], "-o", str(tmp_path / "papier.docx"))
    grow(*command, home=isolated_home)  # the first start checks the cards and keeps them
    text, modules = grow(*command, home=isolated_home)
    assert "papier-2.docx" in text  # the first one is kept, never overwritten
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY and m.split(".")[0] != "docx")
    assert loaded == []
    assert "docx" in modules
    assert "grow_app.join_records" not in modules  # no appendix of contributions: not needed


def test_the_listing_says_what_the_meeting_says(one_session: str, isolated_home: Path):
    text, _ = grow("session", "list", home=isolated_home)
    assert "AOS Oost Nederland" in text and "1/28" in text
    shown, _ = grow("session", "show", one_session[:6], home=isolated_home)
    assert "1/28" in shown and "Bram (HAN)" in shown


def test_a_file_still_to_be_migrated_is_migrated_by_a_listing(isolated_home: Path):
    from grow_app.paths import app_dirs

    path = app_dirs().default_db
    path.parent.mkdir(parents=True)
    open_database(path, migrate=False).conn.close()  # an empty file, no tables yet
    text, modules = grow("session", "list", home=isolated_home)
    assert "Nog geen sessies" in text
    assert "sqlite_utils" in modules  # the careful way, which migrates
    conn = open_database(path, migrate=False).conn
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] > 0
    conn.close()


NOT_IN_FIRST_FRAME = {
    "grow_app.records",
    "grow_app.services.changes",
    "grow_app.card.models",
    "pydantic",
}
"""Loaded only with the meeting, after ``grow open``'s first frame."""

FIRST_FRAME = """
import os, sys
import textual.app

shown = textual.app.App._display

def _display(self, screen, renderable):  # the first frame drawn: say what was imported
    shown(self, screen, renderable)
    if renderable is not None:
        with open(os.environ["MODULES_FILE"], "w") as out:
            out.write(" ".join(sorted(sys.modules)))
        os._exit(0)

textual.app.App._display = _display
sys.argv = ["grow", "open", sys.argv[1]]
from grow_app.entry import main
main()
"""


def test_the_first_frame_of_grow_open_is_made_without_the_records(
    one_session: str, isolated_home: Path, tmp_path: Path
):
    """``grow open`` in a terminal, up to its first frame (a working editor): it needs the
    answer keys (``grow_app.keys``), not the record dataclasses, the changes, the card's
    dataclasses or pydantic. Defining those took ~20 ms of a start the facilitator waits for;
    they come with the meeting, loaded after the first frame."""
    sys.path.insert(0, str(Path(__file__).parent))
    from terminal import Terminal, grow_env

    listing = tmp_path / "modules.txt"
    env = grow_env(isolated_home, MODULES_FILE=str(listing))
    term = Terminal([sys.executable, "-c", FIRST_FRAME, one_session], env)
    try:
        term.proc.wait(timeout=30)
    finally:
        term.close()
    modules = set(listing.read_text().split())
    assert "grow_app.ui.screens.session" in modules and "grow_app.keys" in modules
    assert not NOT_IN_FIRST_FRAME & modules


TYPED_BEFORE_FOCUS = """
import json, os, sys
import textual.app
import textual.events

seen = {"key_before_focus": False}
HEAVY = set(json.loads(os.environ["NOT_IN_FIRST_FRAME"]))
post = textual.app.App.post_message

def post_message(self, message):  # the driver hands the app a key: has anything focus yet?
    if isinstance(message, textual.events.Key) and self.focused is None:
        seen["key_before_focus"] = True
    return post(self, message)

shown = textual.app.App._display

def _display(self, screen, renderable):  # the first frame: what does its editor hold?
    shown(self, screen, renderable)
    if renderable is not None:
        seen["editor"] = getattr(self.focused, "text", None)
        seen["heavy"] = sorted(HEAVY & set(sys.modules))
        with open(os.environ["FIRST_FRAME_FILE"], "w") as out:
            json.dump(seen, out)
        os._exit(0)

textual.app.App.post_message = post_message
textual.app.App._display = _display
sys.argv = ["grow", "open", sys.argv[1]]
from grow_app.entry import main
main()
"""


def test_a_key_typed_while_grow_open_starts_is_in_its_first_frame(
    one_session: str, isolated_home: Path, tmp_path: Path
):
    """A facilitator who types while ``grow open`` starts sees the key in the first frame. The
    key is read before anything has focus; it used to be forwarded to the session screen's
    queue, behind the message that draws the first frame, and showed a frame (~30 ms) later.
    A round counts when the key was read before the focus was set (the terminal can hand it
    over later on a busy machine); at least one of five must. The typed key does not bring in
    what the first frame does without (the change records took ~10 ms): the change is made
    after the frame."""
    sys.path.insert(0, str(Path(__file__).parent))
    from terminal import Terminal, grow_env

    counted = []
    for round_ in range(5):
        result = tmp_path / f"frame{round_}.json"
        env = grow_env(
            isolated_home,
            FIRST_FRAME_FILE=str(result),
            NOT_IN_FIRST_FRAME=json.dumps(sorted(NOT_IN_FIRST_FRAME)),
        )
        term = Terminal([sys.executable, "-c", TYPED_BEFORE_FOCUS, one_session], env)
        try:
            term.send("Qz")  # in the terminal's input before grow reads it
            term.proc.wait(timeout=30)
        finally:
            term.close()
        seen = json.loads(result.read_text())
        assert seen["heavy"] == [], seen
        if seen["key_before_focus"]:
            counted.append(seen["editor"])
    assert counted, "the key never reached grow before the focus was set"
    assert all(text is not None and text.endswith("Qz") for text in counted), counted
