"""A grow killed between writing a journal entry and renaming it into place.

The entry is written to a temporary file (``.<name>.<pid>.tmp``) and renamed over the field's
file. A SIGKILL in between left the newer text in a file nobody read: what was typed in the
last moment before the kill was not offered. Reading the journal now finishes the rename the
killed grow did not get to; a temporary file cut short is set aside, never deleted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from grow_app.services.journal import Journal

SESSION = "s1"
KEY = ("answer", "goal-doelen", "")

KILLED_BEFORE_THE_RENAME = """
import json, os, signal, sys
from pathlib import Path
from grow_app.services import journal as module
folder, fallback, session, key = json.loads(sys.argv[1])
journal = module.Journal(Path(folder), Path(fallback))
journal.keep(session, tuple(key), "Eerste zin.", "2026-12-03T10:00:00")
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # dies right before the rename
journal.keep(session, tuple(key), "Eerste zin. Tweede zin.", "2026-12-03T10:00:01")
"""


def killed_before_the_rename(journal: Journal) -> None:
    arguments = json.dumps([str(journal.folder), str(journal.fallback), SESSION, list(KEY)])
    done = subprocess.run([sys.executable, "-c", KILLED_BEFORE_THE_RENAME, arguments], timeout=60)
    assert done.returncode == -9  # it really was killed there


def temporaries(journal: Journal) -> list[Path]:
    return sorted((journal.folder / SESSION).glob(".*.tmp"))


def journal_in(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "herstel", tmp_path / "elders")


def test_the_text_of_a_grow_killed_before_the_rename_is_offered(tmp_path):
    journal = journal_in(tmp_path)
    killed_before_the_rename(journal)
    assert len(temporaries(journal)) == 1  # what the kill left behind

    entries = journal.entries(SESSION)

    assert [e.text for e in entries] == ["Eerste zin. Tweede zin."]  # the newer one
    assert entries[0].path is not None and entries[0].path.suffix == ".txt"
    assert temporaries(journal) == []


def test_a_field_with_only_a_killed_grows_temporary_file_is_offered(tmp_path):
    journal = journal_in(tmp_path)
    killed_before_the_rename(journal)
    field_file = next((journal.folder / SESSION).glob("*.txt"))
    field_file.unlink()  # as if the first keep had been dropped after its store

    assert [e.text for e in journal.entries(SESSION)] == ["Eerste zin. Tweede zin."]


def test_a_temporary_file_cut_short_is_set_aside_not_offered(tmp_path):
    journal = journal_in(tmp_path)
    killed_before_the_rename(journal)
    (temporary,) = temporaries(journal)
    whole = temporary.read_text(encoding="utf-8")
    temporary.write_text(whole[:-5], encoding="utf-8")  # killed while writing it

    assert [e.text for e in journal.entries(SESSION)] == ["Eerste zin."]
    aside = list((journal.folder / "verwerkt" / SESSION).glob("onvolledig-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == whole[:-5]
    assert temporaries(journal) == []


def test_an_older_temporary_file_does_not_replace_a_newer_entry(tmp_path):
    journal = journal_in(tmp_path)
    killed_before_the_rename(journal)
    (temporary,) = temporaries(journal)
    field_file = next((journal.folder / SESSION).glob("*.txt"))
    newer = field_file.read_text(encoding="utf-8").replace("2026-12-03T10:00:00", "2026-12-03T11")
    field_file.write_text(newer.replace("Eerste zin.", "Later getypt."), encoding="utf-8")

    assert [e.text for e in journal.entries(SESSION)] == ["Later getypt."]
    assert not temporary.exists()


def test_a_running_grows_temporary_file_is_left_alone(tmp_path):
    journal = journal_in(tmp_path)
    journal.keep(SESSION, KEY, "Eerste zin.", "2026-12-03T10:00:00")
    field_file = next((journal.folder / SESSION).glob("*.txt"))
    mine = field_file.with_name(f".{field_file.name}.{os.getpid()}.tmp")
    mine.write_text(field_file.read_text(encoding="utf-8"), encoding="utf-8")  # being written

    journal.entries(SESSION)

    assert mine.exists()  # this process may still rename it


def test_a_text_with_carriage_returns_counts_as_whole(tmp_path):
    journal = journal_in(tmp_path)
    journal.keep(SESSION, KEY, "regel een\r\nregel twee\rdrie", "2026-12-03T10:00:00")
    field_file = next((journal.folder / SESSION).glob("*.txt"))
    dead = field_file.with_name(f".{field_file.name}.999999999.tmp")  # no such process
    field_file.rename(dead)

    assert [e.text for e in journal.entries(SESSION)] == ["regel een\nregel twee\ndrie"]
