"""Safety: synced folders are named once, file names from data stay inside their folder, and
nothing in grow evaluates or unpickles what it reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grow_app.services.safety import sync_folder_warning, sync_provider

PACKAGE = Path(__file__).resolve().parents[2] / "grow_app"


@pytest.mark.parametrize(
    ("parts", "provider"),
    [
        (("Dropbox", "grow"), "Dropbox"),
        (("Dropbox (Persoonlijk)",), "Dropbox"),
        (("OneDrive - Gemeente Arnhem", "Documenten"), "OneDrive"),
        (("OneDrive",), "OneDrive"),
        (("Library", "CloudStorage", "OneDrive-Persoonlijk"), "OneDrive"),
        (("Library", "CloudStorage", "GoogleDrive-anna@example.nl", "Mijn Drive"), "Google Drive"),
        (("Google Drive",), "Google Drive"),
        (("Library", "Mobile Documents", "com~apple~CloudDocs"), "iCloud"),
        (("iCloud Drive",), "iCloud"),
    ],
)
def test_sync_folders_are_recognised_by_name(tmp_path, parts, provider):
    assert sync_provider(tmp_path.joinpath(*parts, "grow.db")) == provider


@pytest.mark.parametrize(
    ("marker", "content", "provider"),
    [
        (".dropbox", "{}", "Dropbox"),
        (
            "desktop.ini",
            "[.ShellClassInfo]\nIconResource=C:\\Program Files\\Microsoft OneDrive\\",
            "OneDrive",
        ),
        (".tmp.drivedownload", "", "Google Drive"),
    ],
)
def test_sync_folders_are_recognised_by_marker(tmp_path, marker, content, provider):
    root = tmp_path / "Werk"
    (root / "sub").mkdir(parents=True)
    (root / marker).write_text(content)
    assert sync_provider(root / "sub" / "grow.db") == provider


def test_onedrive_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("OneDriveCommercial", str(tmp_path / "Zakelijk"))
    assert sync_provider(tmp_path / "Zakelijk" / "grow.db") == "OneDrive"
    assert sync_provider(tmp_path / "Lokaal" / "grow.db") is None


def test_ordinary_folders_and_look_alikes_are_not_synced(tmp_path):
    for name in ("grow", "dropboxen-handleiding", "drive", "OneDriveNotes"):
        assert sync_provider(tmp_path / name / "grow.db") is None


def test_windows_network_share():
    assert sync_provider("\\\\server\\share\\grow.db") == "een netwerkmap"


def test_the_warning_is_given_once_per_database(tmp_path, isolated_home):
    path = tmp_path / "Dropbox" / "grow.db"
    first = sync_folder_warning(path)
    assert first is not None and "Dropbox" in first and "grow backup" in first
    assert str(isolated_home / "data" / "grow.db") in first  # the local default is suggested
    assert sync_folder_warning(path) is None
    assert sync_folder_warning(tmp_path / "Dropbox" / "ander.db") is not None
    assert sync_folder_warning(tmp_path / "lokaal" / "grow.db") is None


def test_the_command_line_warns_once(tmp_path, grow_cli):

    path = tmp_path / "OneDrive - School" / "grow.db"
    path.parent.mkdir()  # a typed --db whose folder is missing is refused as a typo
    first = grow_cli("partnership", "add", "AOS", db=path)
    second = grow_cli("partnership", "list", db=path)
    assert first.exit_code == 0 and "synchroniseert" in first.output
    assert second.exit_code == 0 and "synchroniseert" not in second.output


# (File names from data: the one safe file name, tests/unit/test_export_files.py.)


# -- nothing read is ever executed ------------------------------------------------------------
FORBIDDEN = re.compile(
    r"\beval\(|\bexec\(|\bpickle\b|\bcPickle\b|\bshelve\b|\bmarshal\.loads?\(|\byaml\.load\(|\byaml\.unsafe_load\("
)


def test_no_eval_exec_pickle_or_yaml_load_in_grow():
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 20
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert found == []


def test_the_forbidden_pattern_catches_what_it_should():
    for line in (
        "eval(text)",
        "x = exec(code)",
        "import pickle",
        "yaml.load(f)",
        "marshal.loads(b)",
    ):
        assert FORBIDDEN.search(line), line
    for line in ("ast.literal_eval(x)", "db.execute(sql)", "db.executescript(s)", "evaluate()"):
        assert not FORBIDDEN.search(line), line


def test_error_messages_never_echo_escapes_or_newlines(tmp_path, grow_cli):
    """A typed reference is echoed back in the error, but as one printable line."""

    from grow_app.store import open_database

    open_database(tmp_path / "grow.db").conn.close()  # read-only commands need a database
    result = grow_cli("open", "\x1b[2Jab\ncd\x07", db=tmp_path / "grow.db")
    assert result.exit_code == 1
    assert result.output.strip() == "Fout: Sessie 'ab cd' bestaat niet."
