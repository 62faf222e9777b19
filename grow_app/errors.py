"""Errors that carry a message meant for the user (already translated, one line each)."""

from __future__ import annotations

from pathlib import Path


class GrowError(Exception):
    """A problem the user can fix; ``str(err)`` is shown as it is, never with a traceback."""

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    def lines(self) -> list[str]:
        return [self.message, *self.details]


class NotFoundError(GrowError):
    """An unknown partnership, card or session."""


class CardError(GrowError):
    """A card file that cannot be used; ``details`` holds one line per problem."""


class DatabaseError(GrowError):
    """A database file that cannot be opened safely; it has not been touched."""


def describe_os_error(err: OSError) -> str:
    """A file-system error in plain words of the interface language ("bestaat niet", "geen
    toegang", "is een map", ...) instead of the system's English ``strerror``.

    Meant to follow a path or a verb: ``f"{path}: {describe_os_error(err)}"`` or ``t("...",
    reason=describe_os_error(err))``. Errors without a known number give a general phrase with
    the system's short code (``EXDEV``), never the English sentence."""
    import errno

    from grow_app.i18n import t

    code = err.errno
    key = _OS_ERROR_KEYS.get(errno.errorcode.get(code, "") if code is not None else "")
    if key is not None:
        return t(key)
    name = errno.errorcode.get(code, "") if code is not None else ""
    return t("oserror.other", code=name) if name else t("oserror.unknown")


_OS_ERROR_KEYS = {
    "ENOENT": "oserror.not_found",
    "EACCES": "oserror.no_access",
    "EPERM": "oserror.no_access",
    "EISDIR": "oserror.is_folder",
    "ENOTDIR": "oserror.not_folder",
    "ENOSPC": "oserror.disk_full",
    "EDQUOT": "oserror.disk_full",
    "EROFS": "oserror.read_only",
    "EEXIST": "oserror.exists",
    "ENAMETOOLONG": "oserror.name_too_long",
    "EBUSY": "oserror.busy",
    "ETXTBSY": "oserror.busy",
    "EIO": "oserror.io",
    "ELOOP": "oserror.loop",
    "EMFILE": "oserror.too_many_open",
    "ENFILE": "oserror.too_many_open",
    "ENOTEMPTY": "oserror.not_empty",
    "EXDEV": "oserror.other_disk",
    "EINVAL": "oserror.invalid",
}


def write_crash_log(err: BaseException) -> Path | None:
    """Write the traceback of an unexpected error to ``<data>/logs/`` for whoever fixes it; the
    user sees one line. Returns the file, or None when even that cannot be written."""
    import datetime as dt
    import traceback

    from grow_app.paths import app_dirs

    log_dir = app_dirs().data / "logs"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        log = log_dir / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        log.write_text("".join(traceback.format_exception(err)), encoding="utf-8")
    except OSError:
        return None
    return log
