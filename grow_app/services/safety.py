"""Safety checks around files: synced folders, and file names that come from data.

Synced folders. SQLite keeps recent writes in a ``-wal`` file beside the database and shares a
``-shm`` memory map between processes; a sync client (OneDrive, Dropbox, Google Drive, iCloud)
that uploads or replaces these files while grow runs can damage the database, and network shares
break the locking. Detection is deliberately simple and documented (docs/reliability.md):

* a folder on the path is named like a sync root: ``Dropbox``, ``Dropbox (…)``, ``OneDrive``,
  ``OneDrive - …``, ``OneDrive-…`` / ``GoogleDrive-…`` (macOS CloudStorage), ``Google Drive``,
  ``My Drive`` / ``Mijn Drive``, ``iCloud Drive``, ``Mobile Documents`` / ``com~apple~CloudDocs``;
* a folder on the path holds a sync client's marker: ``.dropbox``, ``.dropbox.cache``,
  ``.tmp.drivedownload``, or a ``desktop.ini`` that mentions OneDrive;
* the path lies under ``%OneDrive%``, ``%OneDriveConsumer%`` or ``%OneDriveCommercial%``;
* a Windows network path (``\\\\server\\share``).

The warning is given once per database path; the paths already warned about are remembered in
``warned-sync-folders.txt`` in grow's config folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath

from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.paths import app_dirs

_NAMED_ROOTS: tuple[tuple[str, str], ...] = (
    (r"dropbox( \(.*\))?", "Dropbox"),
    (r"onedrive( - .*)?", "OneDrive"),
    (r"onedrive-.*", "OneDrive"),
    (r"googledrive(-.*)?", "Google Drive"),
    (r"google drive", "Google Drive"),
    (r"(my|mijn) drive", "Google Drive"),
    (r"icloud drive( \(.*\))?", "iCloud"),
    (r"mobile documents", "iCloud"),
    (r"com~apple~clouddocs", "iCloud"),
)
_MARKERS: tuple[tuple[str, str], ...] = (
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".tmp.drivedownload", "Google Drive"),
    (".tmp.driveupload", "Google Drive"),
)
_ONEDRIVE_ENV = ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")
WARNED_FILE = "warned-sync-folders.txt"


_ROOT_WORDS = ("dropbox", "onedrive", "drive", "icloud", "mobile documents", "clouddocs")
"""Every name in _NAMED_ROOTS holds one of these: other folder names skip the patterns (whose
compiling cost a listing command a few milliseconds on every start)."""


def _named_root(part: str) -> str | None:
    lowered = part.lower()
    if not any(word in lowered for word in _ROOT_WORDS):
        return None
    for pattern, provider in _NAMED_ROOTS:
        if re.fullmatch(pattern, lowered):
            return provider
    return None


def _marker_in(folder: Path) -> str | None:
    for name, provider in _MARKERS:
        if (folder / name).exists():
            return provider
    ini = folder / "desktop.ini"
    try:
        if ini.is_file():
            raw = ini.read_bytes()[:4096]
            text = (
                raw.decode("utf-16", "ignore")
                if raw[:2] in (b"\xff\xfe", b"\xfe\xff")
                else raw.decode("latin-1")
            )
            if "onedrive" in text.lower():
                return "OneDrive"
    except OSError:
        return None
    return None


def sync_provider(db_path: Path | str) -> str | None:
    """The sync service (or network share) whose folder holds ``db_path``, or ``None``."""
    raw = str(db_path)
    if raw.startswith(("\\\\", "//")) and not raw.startswith(("\\\\?\\", "\\\\.\\")):
        return t("reliability.network_share")
    path = Path(db_path).expanduser().absolute()
    for env in _ONEDRIVE_ENV:
        root = os.environ.get(env)
        if root and PurePath(root) in (path, *path.parents):
            return "OneDrive"
    for part in path.parts[:-1]:
        provider = _named_root(part)
        if provider:
            return provider
    for folder in path.parents:
        provider = _marker_in(folder)
        if provider:
            return provider
    return None


def _warned_file() -> Path:
    return app_dirs().config / WARNED_FILE


def _already_warned(key: str) -> bool:
    try:
        return key in _warned_file().read_text(encoding="utf-8").splitlines()
    except OSError:
        return False


def _remember_warning(key: str) -> None:
    path = _warned_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(key + "\n")
    except OSError:
        return  # not remembered: the user is warned again next time, which is harmless


def sync_folder_warning(db_path: Path | str) -> str | None:
    """The one-time warning for a database in a synced or network folder (``None`` otherwise,
    and ``None`` the second time for the same path)."""
    if str(db_path) == ":memory:":
        return None
    provider = sync_provider(db_path)
    if provider is None:
        return None
    key = _warning_key(db_path)
    if _already_warned(key):
        return None
    _remember_warning(key)
    warning = t(
        "reliability.sync_warning", path=db_path, provider=provider, default=app_dirs().default_db
    )
    _given_this_run[key] = warning
    return warning


_given_this_run: dict[str, str] = {}
"""Warnings given by this process, by database path (see :func:`sync_warning_for_app`)."""


def _warning_key(db_path: Path | str) -> str:
    return str(Path(db_path).expanduser().absolute())


def sync_warning_for_app(db_path: Path | str) -> str | None:
    """The warning for the app's own screen: :func:`sync_folder_warning`, or the warning this
    process already gave for ``db_path`` (``grow`` prints it before the screen opens, where the
    app's screen then covers it)."""
    if str(db_path) == ":memory:":
        return None
    return _given_this_run.get(_warning_key(db_path)) or sync_folder_warning(db_path)


def database_problem(err: BaseException, path: object) -> GrowError | None:
    """One translated line for an error of the database file at ``path`` that a user can act
    on (locked, full, read-only, damaged); ``None`` for anything else (a bug)."""
    from grow_app.store.connection import translate_error
    from grow_app.store.live import Error

    return translate_error(err, path) if isinstance(err, Error) else None


def one_line(text: str) -> str:
    """``text`` as one printable line: what a user typed (and a message echoes back) can hold
    newlines or terminal escape sequences; shown raw they would break the one-line promise or
    repaint the user's terminal."""
    from grow_app.text import clean_text  # here: the sync check on every start goes without

    return " ".join(clean_text(text).split())
