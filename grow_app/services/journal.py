"""The recovery journal: what was typed but is not in the database yet, one small file per field.

The writer thread puts a text here before it writes it to the database and removes it once the
database has it. So a SIGKILL, a locked or full database, or a moved or deleted file never
takes typed text with it: reopening the session offers what the journal still holds, per
question (:mod:`grow_app.ui.screens.recovery`).

Files live in ``<data>/herstel/<session id>/``, one per field (a new text of the same field
replaces the file: a full disk never piles up files). They are plain text with two header lines,
readable without grow. If the data folder itself is gone (moved away while grow runs), the
journal never re-creates it (that would block moving it back) and writes to a folder in the
system's temporary folder instead; :meth:`Journal.entries` reads both.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grow_app.paths import app_dirs
from grow_app.services.journal_lock import locked as _locked
from grow_app.services.journal_lock import process_mark

HEADER = "# grow herstel"
FOLDER_NAME = "herstel"


@dataclass(frozen=True)
class JournalEntry:
    session_id: str
    key: tuple[str, ...]
    text: str
    saved_at: str
    path: Path | None = None
    owner: str = ""
    """The process that wrote it (:func:`process_mark`), "" in files of older versions."""

    def is_mine(self) -> bool:
        """Written by this very process (this window's writer)."""
        return bool(self.owner) and self.owner == process_mark()

    def held_by_another_window(self) -> bool:
        """Written by another grow that is still running (a second window on the session, a
        ``grow serve`` tab): that window saves it itself, so it is no text to recover here."""
        pid, _, _started = self.owner.partition(":")
        if not pid.isdigit() or int(pid) == os.getpid():
            return False
        return process_mark(int(pid)) == self.owner


def fallback_folder() -> Path:
    """Where the journal goes while the data folder is missing."""
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"grow-{FOLDER_NAME}-{user}"


def _field_stem(key: tuple[str, ...]) -> str:
    readable = re.sub(r"[^A-Za-z0-9_-]+", "_", "-".join(key))[:60]
    digest = hashlib.sha1(json.dumps(list(key)).encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}"


def _file_name(key: tuple[str, ...], owner: str) -> str:
    """One file per field and window: two windows typing in one answer each keep their own
    text (one window's entry never replaces the other's)."""
    window = hashlib.sha1(owner.encode("utf-8")).hexdigest()[:8]
    return f"{_field_stem(key)}-{window}.txt"


def _files_of(directory: Path, key: tuple[str, ...]) -> list[Path]:
    """The entries of one field, of every window (and of grows that named files by field)."""
    return sorted(directory.glob(f"{_field_stem(key)}*.txt"))


class Journal:
    def __init__(
        self,
        folder: Path | None = None,
        fallback: Path | None = None,
        *,
        database: Path | None = None,
    ) -> None:
        self._folder = folder
        self._fallback = fallback
        self._database = database
        """The database file: when it lives in the journal's data folder and that folder is gone
        (moved away), the journal must not create it again."""
        self._mark = ""

    @property
    def _owner(self) -> str:
        """This process's mark, found again after a fork (a child is another process)."""
        if not self._mark.startswith(f"{os.getpid()}:"):
            self._mark = process_mark()
        return self._mark

    @property
    def folder(self) -> Path:
        return self._folder or app_dirs().data / FOLDER_NAME

    @property
    def fallback(self) -> Path:
        return self._fallback or fallback_folder()

    def _writable_folder(self) -> Path:
        """The journal folder (created if need be), or the fallback while the data folder that
        holds the database has been moved away."""
        folder = self.place()
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def place(self) -> Path:
        """Where new entries go now: the journal folder, or the fallback while the data folder
        that holds the database has been moved away."""
        folder = self.folder
        data = folder.parent
        if folder.is_dir() or self._database is None or data.is_dir():
            return folder
        return self.fallback if data.resolve() in self._database.resolve().parents else folder

    def keep(
        self,
        session_id: str,
        key: tuple[str, ...],
        text: str,
        saved_at: str,
        *,
        title: str = "",
        durable: bool = False,
    ) -> Path:
        """Write (or replace) the entry of one field; atomic, so an older copy is never lost
        halfway. ``durable``: also fsync, for when the database refused the text.
        Raises ``OSError`` (a full disk); then no file is left behind."""
        folder = self._writable_folder() / session_id
        path = folder / _file_name(key, self._owner)
        meta = {
            "session_id": session_id,
            "key": list(key),
            "saved_at": saved_at,
            "owner": self._owner,
            # a temporary file cut short is told from a whole one (as read: "\r\n" is "\n")
            "length": len(text.replace("\r\n", "\n").replace("\r", "\n")),
        }
        content = f"{HEADER} · {title}\n# {json.dumps(meta, ensure_ascii=False)}\n{text}"
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with _locked(folder.parent):  # forget removes an empty folder under this lock
                folder.mkdir(exist_ok=True)
                temporary.touch()  # and this one is not empty
            _write(temporary, content, durable=durable)  # outside the lock: it may take a while
            with _locked(folder.parent):
                os.replace(temporary, path)
            if durable:  # the rename itself, too
                _sync_folder(folder)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise
        return path

    def stored(self, session_id: str, key: tuple[str, ...], text: str | None) -> None:
        """This window's writer stored a change of the field (``text``: what the database now
        has, None for a change without text, such as a field emptied). This window's own entry
        goes, whatever it holds: only this window's writer writes it, one change at a time, so
        it holds nothing newer than what was just stored (a text typed and then emptied before
        its store stayed behind and was offered at every open). Other windows' entries go only
        if they hold the very text stored."""
        self._drop(session_id, key, text, own=_file_name(key, self._owner))

    def forget(self, session_id: str, key: tuple[str, ...], text: str) -> None:
        """The database has ``text``: drop the entries of the field that hold it (in both
        folders, of any window). An entry with another text (typed since, or in another
        window) is not in the database and stays. Never raises."""
        self._drop(session_id, key, text)

    def _drop(self, session_id: str, key: tuple[str, ...], text: str | None, own: str = "") -> None:
        """Remove the field's files named ``own`` or holding ``text``, in both folders."""
        for folder in (self.folder, self.fallback):
            try:
                if not folder.is_dir():
                    continue
                with _locked(folder):
                    directory = folder / session_id
                    for path in _files_of(directory, key):
                        entry = read_entry(path)
                        if path.name == own or (
                            entry is not None and entry.key == key and entry.text == text
                        ):
                            path.unlink(missing_ok=True)
                    _remove_if_empty(directory)
            except OSError:
                continue

    def archive(self, entry: JournalEntry) -> None:
        """Set an entry aside (the user chose the database's text): it moves to
        ``herstel/verwerkt/`` rather than being deleted, so even then nothing is gone. An entry
        whose file holds a newer text by now stays, and is offered again next time."""
        if entry.path is None:
            return
        try:
            folder = entry.path.parent.parent
            stamp = entry.saved_at.replace(":", "").replace("-", "")[:15]
            with _locked(folder):
                now = read_entry(entry.path)
                if now is None or now.text != entry.text:
                    return
                _set_aside(entry.path, folder, entry.session_id, f"{entry.path.stem}-{stamp}.txt")
                _remove_if_empty(entry.path.parent)
        except OSError:
            return  # it stays where it is and is offered again next time

    def entries(self, session_id: str) -> list[JournalEntry]:
        """Every entry of one session, oldest first (both folders; unreadable files skipped)."""
        found: list[JournalEntry] = []
        for folder in (self.folder, self.fallback):
            directory = folder / session_id
            try:
                _finish_interrupted(folder, directory)
                paths = sorted(directory.glob("*.txt"))
            except OSError:
                continue
            for path in paths:
                entry = read_entry(path)
                if entry is not None and entry.session_id == session_id:
                    found.append(entry)
        return sorted(found, key=lambda e: e.saved_at)


def _remove_if_empty(directory: Path) -> None:
    if directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()


def _write(path: Path, content: str, *, durable: bool) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(content)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())


def _set_aside(path: Path, folder: Path, session_id: str, name: str) -> None:
    """Move ``path`` to ``<folder>/verwerkt/<session>/<name>``: out of the way, never deleted.
    Called under the folder's lock."""
    target = folder / "verwerkt" / session_id
    target.mkdir(parents=True, exist_ok=True)
    os.replace(path, target / name)


def _sync_folder(folder: Path) -> None:
    """fsync a folder, so a rename in it survives a power cut (where the system allows it)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # not every file system syncs a folder; the file itself was synced
    finally:
        os.close(handle)


def _finish_interrupted(folder: Path, directory: Path) -> None:
    """Temporary files left by a grow that was killed between writing an entry and renaming it
    into place (``.<name>.<pid>.tmp``): the rename it did not get to is done here, so its text
    (newer than the entry's file, if there is one) is offered like any other. One cut short
    (killed while writing) is set aside in ``verwerkt/``, never deleted. Temporary files of a
    process that still runs are its own business."""
    try:
        temporaries = sorted(directory.glob(".*.tmp"))
    except OSError:
        return
    for temporary in temporaries:
        name, _, pid = temporary.name[1:-4].rpartition(".")
        if not pid.isdigit() or not name.endswith(".txt") or process_mark(int(pid)):
            continue
        try:
            with _locked(folder):
                if not temporary.exists():
                    continue  # another grow finished it meanwhile
                entry, length = _read(temporary)
                final = directory / name
                if entry is None or length != len(entry.text):
                    _set_aside(temporary, folder, directory.name, f"onvolledig-{name}")
                    continue
                there = read_entry(final)
                if there is None or there.saved_at <= entry.saved_at:
                    os.replace(temporary, final)
                else:
                    temporary.unlink()  # the file already holds a newer text
        except OSError:
            continue


def read_entry(path: Path) -> JournalEntry | None:
    return _read(path)[0]


def _read(path: Path) -> tuple[JournalEntry | None, int | None]:
    """The entry in ``path`` and the length of its text as written down (None in files of older
    versions, which did not write it)."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None
    first, _, rest = content.partition("\n")
    meta_line, _, text = rest.partition("\n")
    if not first.startswith(HEADER) or not meta_line.startswith("# "):
        return None, None
    try:
        meta = json.loads(meta_line[2:])
        entry = JournalEntry(
            str(meta["session_id"]),
            tuple(str(k) for k in meta["key"]),
            text,
            str(meta["saved_at"]),
            path,
            str(meta.get("owner", "")),
        )
        length = meta.get("length")
        return entry, length if isinstance(length, int) else None
    except (ValueError, KeyError, TypeError):
        return None, None
