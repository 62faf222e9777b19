"""A recovery entry that another running grow is still saving is that window's, not text to
recover: a second window opened meanwhile (a grow serve tab, say) must not offer it, or its
keys go to a recovery dialog. Once that grow is gone, the entry is offered as before."""

from __future__ import annotations

import json
import os

from grow_app.services.journal import Journal, process_mark, read_entry

KEEP_AND_WAIT = """
import sys
from pathlib import Path
from grow_app.services.journal import Journal
Journal(Path(sys.argv[1])).keep("s1", ("answer", "q", ""), "half typed", "2026-12-02T10:00:00")
print("kept", flush=True)
sys.stdin.readline()
"""


def test_an_entry_of_a_running_grow_is_held_and_offered_once_it_is_gone(tmp_path):
    import subprocess
    import sys

    other = subprocess.Popen(
        [sys.executable, "-c", KEEP_AND_WAIT, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout.readline().strip() == "kept"
        [entry] = Journal(tmp_path).entries("s1")
        assert entry.text == "half typed"
        assert entry.owner.startswith(f"{other.pid}:")
        assert entry.held_by_another_window()
    finally:
        other.kill()
        other.wait(10)
    [entry] = Journal(tmp_path).entries("s1")
    assert not entry.held_by_another_window()  # killed: its text is to recover


def test_own_entries_old_files_and_a_reused_process_number_are_not_held(tmp_path):
    journal = Journal(tmp_path)
    path = journal.keep("s1", ("answer", "q", ""), "mine", "2026-12-02T10:00:00")
    assert not read_entry(path).held_by_another_window()  # this process's own
    # A file of an older grow (no owner) and one whose process number is now another
    # process's (the start time differs): both offered.
    header, meta_line, text = path.read_text(encoding="utf-8").split("\n", 2)
    meta = json.loads(meta_line[2:])
    for owner in (None, f"{os.getppid()}:1"):
        if owner is None:
            meta.pop("owner", None)
        else:
            meta["owner"] = owner
        path.write_text(f"{header}\n# {json.dumps(meta)}\n{text}", encoding="utf-8")
        assert not read_entry(path).held_by_another_window()
    assert process_mark(os.getppid()).startswith(f"{os.getppid()}:")
    assert process_mark(2**22 + 12345) == ""  # no such process


def test_a_forked_child_writes_under_its_own_mark(tmp_path):
    journal = Journal(tmp_path)
    journal.keep("s1", ("answer", "a", ""), "parent", "2026-12-02T10:00:00")
    pid = os.fork()
    if pid == 0:  # the child: the journal object it inherited writes as the child
        try:
            journal.keep("s1", ("answer", "b", ""), "child", "2026-12-02T10:00:01")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    owners = {e.text: e.owner for e in Journal(tmp_path).entries("s1")}
    assert owners["parent"].startswith(f"{os.getpid()}:")
    assert owners["child"].startswith(f"{pid}:")
