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

    def held_by_another_window(self) -> bool:
        """Written by another grow that is still running (a second window on the session, a
        ``grow serve`` tab): that window saves it itself, so it is no text to recover here."""
        pid, _, _started = self.owner.partition(":")
        if not pid.isdigit() or int(pid) == os.getpid():
            return False
        return process_mark(int(pid)) == self.owner


def process_mark(pid: int | None = None) -> str:
    """ "pid:start" of a running process ("" if it is not running): the start time (from
    /proc where there is one) keeps a later process that got the same number from counting."""
    pid = os.getpid() if pid is None else pid
    try:
        os.kill(pid, 0)
    except PermissionError:
        pass  # running, as another user
    except (OSError, OverflowError):
        return ""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        started = stat.rpartition(")")[2].split()[19]
    except (OSError, IndexError):
        started = ""
    return f"{pid}:{started}"


def fallback_folder() -> Path:
    """Where the journal goes while the data folder is missing."""
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"grow-{FOLDER_NAME}-{user}"


def _file_name(key: tuple[str, ...]) -> str:
    readable = re.sub(r"[^A-Za-z0-9_-]+", "_", "-".join(key))[:60]
    digest = hashlib.sha1(json.dumps(list(key)).encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}.txt"


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
        folder.mkdir(exist_ok=True)
        path = folder / _file_name(key)
        meta = {
            "session_id": session_id,
            "key": list(key),
            "saved_at": saved_at,
            "owner": self._owner,
        }
        content = f"{HEADER} · {title}\n# {json.dumps(meta, ensure_ascii=False)}\n{text}"
        temporary = path.with_name(f".{path.name}.tmp")
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(content)
                if durable:
                    handle.flush()
                    os.fsync(handle.fileno())
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise
        return path

    def forget(self, session_id: str, key: tuple[str, ...]) -> None:
        """The database has the text: drop the entry (in both folders). Never raises."""
        for folder in (self.folder, self.fallback):
            try:
                path = folder / session_id / _file_name(key)
                path.unlink(missing_ok=True)
                if not any(path.parent.iterdir()):
                    path.parent.rmdir()
            except OSError:
                continue

    def archive(self, entry: JournalEntry) -> None:
        """Set an entry aside (the user chose the database's text): it moves to
        ``herstel/verwerkt/`` rather than being deleted, so even then nothing is gone."""
        if entry.path is None:
            return
        try:
            target = entry.path.parent.parent / "verwerkt" / entry.session_id
            target.mkdir(parents=True, exist_ok=True)
            stamp = entry.saved_at.replace(":", "").replace("-", "")[:15]
            os.replace(entry.path, target / f"{entry.path.stem}-{stamp}.txt")
            if not any(entry.path.parent.iterdir()):
                entry.path.parent.rmdir()
        except OSError:
            return  # it stays where it is and is offered again next time

    def entries(self, session_id: str) -> list[JournalEntry]:
        """Every entry of one session, oldest first (both folders; unreadable files skipped)."""
        found: list[JournalEntry] = []
        for folder in (self.folder, self.fallback):
            directory = folder / session_id
            try:
                paths = sorted(directory.glob("*.txt"))
            except OSError:
                continue
            for path in paths:
                entry = read_entry(path)
                if entry is not None and entry.session_id == session_id:
                    found.append(entry)
        return sorted(found, key=lambda e: e.saved_at)

    def sessions(self) -> list[str]:
        """Ids of the sessions that have entries."""
        ids: set[str] = set()
        for folder in (self.folder, self.fallback):
            try:
                ids.update(
                    p.name
                    for p in folder.iterdir()
                    if p.is_dir() and p.name != "verwerkt" and any(p.glob("*.txt"))
                )
            except OSError:
                continue
        return sorted(ids)


def read_entry(path: Path) -> JournalEntry | None:
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    first, _, rest = content.partition("\n")
    meta_line, _, text = rest.partition("\n")
    if not first.startswith(HEADER) or not meta_line.startswith("# "):
        return None
    try:
        meta = json.loads(meta_line[2:])
        return JournalEntry(
            str(meta["session_id"]),
            tuple(str(k) for k in meta["key"]),
            text,
            str(meta["saved_at"]),
            path,
            str(meta.get("owner", "")),
        )
    except (ValueError, KeyError, TypeError):
        return None
