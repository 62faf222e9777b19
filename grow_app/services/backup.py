"""Backups: a daily copy at start, ``grow backup`` on demand, and ``grow restore FILE``.

Backups live in a ``backups/`` folder beside the database, named ``<stem>-<UTC time>Z.db`` (for
example ``grow-20260314T091500Z.db``); the copy a restore makes of the database it replaces ends
in ``-voor-herstel.db`` instead. What is kept (see :func:`prune`): the newest ``KEEP`` regular
backups, the newest one of each of the last ``KEEP_DAYS`` days, and the newest
``KEEP_SAFETY`` safety copies, which regular backups never push out. Every function opens its own
connections, so :func:`ensure_daily_backup` may run in a worker thread while the app writes.
Failures raise :class:`BackupError` (a :class:`~grow_app.errors.GrowError`, one translated line).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.store import backup as store

KEEP = 10
KEEP_SAFETY = 5
KEEP_DAYS = 7
REGULAR = "backup"
SAFETY = "voor-herstel"  # the copy made just before a restore; also the end of its file name
MAX_AGE = dt.timedelta(days=1)
_STAMP = "%Y%m%dT%H%M%S"


class BackupError(GrowError):
    """A backup or restore that could not be done; the database itself is unchanged."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    serial: int = 0
    kind: str = REGULAR


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def list_backups(db_path: Path) -> list[BackupFile]:
    """The backups of this database, oldest first (by the time in their name, not the mtime)."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    pattern = re.compile(
        rf"^{re.escape(db_path.stem)}-(\d{{8}}T\d{{6}})Z(?:-(\d+))?(-{SAFETY})?\.db$"
    )
    found = []
    if folder.is_dir():
        for child in folder.iterdir():
            match = pattern.match(child.name)
            if not match or not child.is_file():
                continue
            taken = dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=dt.UTC)
            kind = SAFETY if match.group(3) else REGULAR
            found.append(BackupFile(child, taken, int(match.group(2) or 0), kind))
    return sorted(found, key=lambda b: (b.taken_at, b.serial))


def _new_name(db_path: Path, now: dt.datetime, kind: str = REGULAR) -> Path:
    folder = backup_folder(db_path)
    base = f"{db_path.stem}-{now.astimezone(dt.UTC):{_STAMP}}Z"
    end = f"-{SAFETY}.db" if kind == SAFETY else ".db"
    candidate = folder / f"{base}{end}"
    serial = 1
    while candidate.exists():
        serial += 1
        candidate = folder / f"{base}-{serial}{end}"
    return candidate


def write_backup(
    db_path: Path, *, now: dt.datetime | None = None, keep: int = KEEP, kind: str = REGULAR
) -> Path:
    """Write a backup of ``db_path`` now and prune (see :func:`prune`); returns its path."""
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise BackupError(t("reliability.backup_no_database", path=db_path))
    now = now or dt.datetime.now(dt.UTC)
    try:
        backup_folder(db_path).mkdir(parents=True, exist_ok=True)
        target = _new_name(db_path, now, kind)
        store.copy_database(db_path, target)
    except (OSError, store.Error) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise BackupError(t("reliability.backup_failed", path=db_path, reason=reason)) from err
    prune(db_path, keep, now=now)
    return target


STALE_TEMP = dt.timedelta(minutes=10)


def _stale_temp_files(db_path: Path) -> list[Path]:
    """Temporary copies left by a backup that was killed halfway (hidden, ending in ``.tmp``)."""
    folder = backup_folder(db_path)
    cutoff = dt.datetime.now().timestamp() - STALE_TEMP.total_seconds()
    return [
        child
        for child in folder.glob(f".{db_path.stem}-*.tmp")
        if child.is_file() and child.stat().st_mtime < cutoff
    ]


def backups_to_keep(
    backups: list[BackupFile], now: dt.datetime, keep: int = KEEP
) -> list[BackupFile]:
    """The rule: the newest ``keep`` regular backups, the newest ``KEEP_SAFETY`` safety copies
    (counted apart, so quick backups never push them out), and the newest backup of each of
    the last ``KEEP_DAYS`` days (UTC, today included), so a burst of backups in one afternoon
    never removes the last copy from the days before."""
    regular = [b for b in backups if b.kind == REGULAR]
    safety = [b for b in backups if b.kind == SAFETY]
    kept = set(regular[-keep:] if keep > 0 else []) | set(safety[-KEEP_SAFETY:])
    first_day = now.astimezone(dt.UTC).date() - dt.timedelta(days=KEEP_DAYS - 1)
    newest_of_day: dict[dt.date, BackupFile] = {}
    for item in backups:  # oldest first: the last one of a day wins
        if item.taken_at.date() >= first_day:
            newest_of_day[item.taken_at.date()] = item
    kept |= set(newest_of_day.values())
    return [b for b in backups if b in kept]


def prune(db_path: Path, keep: int = KEEP, *, now: dt.datetime | None = None) -> list[Path]:
    """Remove the backups :func:`backups_to_keep` does not keep, and temporary files left by a
    backup that was killed halfway; returns what was removed."""
    backups = list_backups(db_path)
    kept = backups_to_keep(backups, now or dt.datetime.now(dt.UTC), keep)
    removed = [b.path for b in backups if b not in kept]
    removed += _stale_temp_files(db_path)
    for path in removed:
        store.remove_quietly(path)
    return removed


def ensure_daily_backup(
    db_path: Path, *, now: dt.datetime | None = None, keep: int = KEEP
) -> Path | None:
    """Write a backup if the newest one is older than a day (or there is none).

    Meant for app start, in a background thread: it opens its own read-only connection, takes
    one consistent snapshot (never blocking a writer in WAL mode) and returns the new file, or
    ``None`` when a recent backup exists or there is no database yet.
    """
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    now = now or dt.datetime.now(dt.UTC)
    backups = list_backups(db_path)
    if backups and now - backups[-1].taken_at < MAX_AGE:
        return None
    return write_backup(db_path, now=now, keep=keep)


def _refuse(key: str, path: Path) -> BackupError:
    return BackupError(t(key, path=path))


def resolve_source(db_path: Path, source: Path) -> Path:
    """The file ``grow restore`` means: ``source`` as given when it exists; otherwise a bare
    file name in the backups folder, or a relative path from the database's folder (the
    ``backups/grow-….db`` that ``grow backup`` printed)."""
    source = Path(source)
    if source.exists() or source.is_absolute():
        return source
    candidates = [Path(db_path).parent / source]
    if source.parent == Path("."):
        candidates.insert(0, backup_folder(db_path) / source.name)
    return next((c for c in candidates if c.exists()), source)


def check_source(db_path: Path, source: Path) -> None:
    """Refuse (one translated line) a file that cannot be restored; changes nothing."""
    db_path, source = Path(db_path), Path(source)
    if db_path.exists() and source.exists() and source.resolve() == db_path.resolve():
        raise _refuse("reliability.restore_same_file", source)
    check = store.check_grow_file(source)
    if not check.ok:
        key = {
            "missing": "reliability.restore_missing",
            "newer": "reliability.restore_newer",
            "damaged": "reliability.restore_damaged",
        }.get(check.problem, "reliability.restore_not_grow")
        raise _refuse(key, source)


def contents(path: Path) -> store.Contents | None:
    """What a grow database holds (partnerships, sessions, newest session date); ``None`` when
    there is no readable grow database there (nothing to lose, or nothing to count)."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        return store.contents(path)
    except store.Error:
        return None


def restore_database(db_path: Path, source: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Replace the database with ``source`` (a grow database or backup) in one atomic rename.

    ``source`` is checked first (a whole grow database of a schema this version knows) and never
    changed. The current file is backed up before anything happens to it; returns that backup
    (``None`` when there was no database yet). Refused while another grow has the file open.
    """
    db_path, source = Path(db_path), Path(source)
    check_source(db_path, source)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staged = db_path.with_name(f".{db_path.name}.restore.tmp")
    try:
        store.copy_database(source, staged)
    except (OSError, store.Error) as err:
        store.remove_quietly(staged)
        raise BackupError(t("reliability.backup_failed", path=source, reason=err)) from err
    try:
        previous = _set_aside_current(db_path, now)
        store.replace_file(staged, db_path)
    except (OSError, store.Error) as err:
        raise BackupError(t("reliability.backup_failed", path=db_path, reason=err)) from err
    finally:
        store.remove_quietly(staged)
    return previous


def _set_aside_current(db_path: Path, now: dt.datetime | None) -> Path | None:
    """Back up the current file before it is replaced; refuse while another grow has it open."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    try:
        alone = store.close_for_swap(db_path)
    except store.DatabaseError:
        # The current file is not a readable database: keep its bytes as they are.
        backup_folder(db_path).mkdir(parents=True, exist_ok=True)
        target = _new_name(db_path, now or dt.datetime.now(dt.UTC), SAFETY)
        shutil.copyfile(db_path, target)
        return target
    if not alone or store.has_live_log(db_path):
        raise _refuse("reliability.db_in_use", db_path)
    return write_backup(db_path, now=now, kind=SAFETY)
