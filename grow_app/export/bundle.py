"""The grow bundle: one session as a versioned JSON file, to carry it from laptop to laptop.

The shape is documented field by field in ``docs/bundle-format.md``. The models here are strict
(unknown fields are refused), so :func:`parse_bundle` either returns a complete, valid bundle or
a list of one-line problems; nothing half-valid reaches the importer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic.functional_validators import AfterValidator
from pydantic_core import PydanticCustomError

from grow_app import __version__
from grow_app.card.models import RECOMMENDATION_STATUSES
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.validation_text import COMMON_ERROR_TEXTS, error_text, format_path

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.services.meeting import Meeting

FORMAT_NAME = "grow-bundle"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ANSWERS = 100_000
MAX_ROWS = 100_000
MAX_TEXT = 10_000_000  # characters: a 5 MB answer pasted from a report still fits
MAX_SHORT = 1_000

ACTION_STATUSES = ("open", "klaar", "loopt", "vervallen")


def _timestamp(value: str) -> str:
    """Any ISO 8601 time with a zone, normalised to UTC with microseconds (sorts as it reads)."""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise PydanticCustomError("bad_timestamp", "not a time with a time zone")
    return parsed.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise PydanticCustomError("bad_date", "not a date") from None


Uuid = Annotated[
    str,
    StringConstraints(
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    ),
    AfterValidator(str.lower),
]
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_|-]*$", max_length=200)]
Stamp = Annotated[str, StringConstraints(max_length=64), AfterValidator(_timestamp)]
DateStr = Annotated[str, StringConstraints(max_length=10), AfterValidator(_date)]
Short = Annotated[str, StringConstraints(max_length=MAX_SHORT)]
LongText = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BundlePartnership(_Strict):
    id: Uuid
    name: Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHORT)]
    region: Short = ""
    sectors: Annotated[list[Annotated[str, StringConstraints(max_length=20)]], Field(max_length=20)]
    updated_at: Stamp


class BundleParticipant(_Strict):
    id: Uuid
    name: Short
    organisation: Short = ""
    role: Short = ""


class BundleSession(_Strict):
    id: Uuid
    card_id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    card_version: Short
    date: DateStr
    facilitator: Short = ""
    participants: Annotated[list[BundleParticipant], Field(max_length=1_000)] = []
    key_message: LongText = ""
    key_message_updated_at: Stamp | None = None
    phase_minutes: Annotated[
        dict[Key, Annotated[int, Field(ge=1, le=10_000)]], Field(max_length=200)
    ]
    created_at: Stamp
    updated_at: Stamp


class BundleAnswer(_Strict):
    question_id: Key
    item_key: Key = ""
    text: LongText
    updated_at: Stamp


class BundleStatus(_Strict):
    question_id: Key
    item_key: Key
    status: Literal["ja", "deels", "nee", "nvt", ""]
    updated_at: Stamp


class BundleAction(_Strict):
    id: Uuid
    question_id: Key
    position: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    wat: LongText = ""
    wie: Short = ""
    wanneer: Short = ""
    status: Literal["open", "klaar", "loopt", "vervallen"] = "open"
    carried_from: Uuid | None = None
    created_at: Stamp
    updated_at: Stamp
    deleted_at: Stamp | None = None


class BundleParkingItem(_Strict):
    id: Uuid
    position: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    text: LongText
    created_at: Stamp
    updated_at: Stamp
    deleted_at: Stamp | None = None


class Bundle(_Strict):
    """One session of one partnership, with everything typed in it (the history is left out)."""

    format: Literal["grow-bundle"]
    format_version: Literal[1]
    exported_at: Stamp
    app_version: Short
    partnership: BundlePartnership
    session: BundleSession
    answers: Annotated[list[BundleAnswer], Field(max_length=MAX_ANSWERS)]
    statuses: Annotated[list[BundleStatus], Field(max_length=MAX_ROWS)] = []
    actions: Annotated[list[BundleAction], Field(max_length=MAX_ROWS)] = []
    parking_lot: Annotated[list[BundleParkingItem], Field(max_length=MAX_ROWS)] = []


assert set(RECOMMENDATION_STATUSES) < {"ja", "deels", "nee", "nvt", ""}


# -- reading --------------------------------------------------------------------------------------
_BUNDLE_ERROR_TEXTS = {
    **COMMON_ERROR_TEXTS,
    "string_too_long": "bundle.err.too_long",
    "too_long": "bundle.err.too_long",
    "string_pattern_mismatch": "bundle.err.pattern",
    "bad_timestamp": "bundle.err.timestamp",
    "bad_date": "bundle.err.date",
    "greater_than_equal": "bundle.err.range",
    "less_than_equal": "bundle.err.range",
}


def parse_bundle_text(text: str | bytes, name: str) -> tuple[Bundle | None, list[str]]:
    """Validate a bundle completely; returns it, or one line per problem naming ``name``."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        reason = err.msg if isinstance(err, json.JSONDecodeError) else type(err).__name__
        return None, [t("bundle.not_json", file=name, reason=reason)]
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        return None, [t("bundle.not_bundle", file=name)]
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return None, [t("bundle.newer_version", file=name, found=version, known=FORMAT_VERSION)]
    try:
        return Bundle.model_validate(data), []
    except ValidationError as err:
        problems = []
        for error in err.errors(include_url=False)[:20]:
            problems.append(
                t(
                    "bundle.invalid_field",
                    file=name,
                    path=format_path(error.get("loc", ())) or "bundle",
                    reason=error_text(error, _BUNDLE_ERROR_TEXTS),
                )
            )
        if err.error_count() > 20:
            problems.append(t("bundle.more_problems", file=name, count=err.error_count() - 20))
        return None, problems


def read_bundle_file(path: Path) -> tuple[Bundle | None, list[str]]:
    """Read one bundle file: refused if it is missing, too big, not UTF-8 or not a valid bundle."""
    name = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            return None, [t("bundle.unreadable", file=name, reason=t("bundle.not_a_file"))]
        if size > MAX_FILE_BYTES:
            return None, [
                t(
                    "bundle.too_big",
                    file=name,
                    size=size // (1024 * 1024),
                    limit=MAX_FILE_BYTES // (1024 * 1024),
                )
            ]
        raw = path.read_bytes()
    except OSError as err:
        return None, [t("bundle.unreadable", file=name, reason=err.strerror or err)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [t("bundle.not_json", file=name, reason="UTF-8")]
    return parse_bundle_text(text, name)


# -- writing --------------------------------------------------------------------------------------
def build_bundle(db: Database, session_id: str) -> Bundle:
    """The bundle of one session, read in one go from the store."""
    from grow_app.store.bundles import session_snapshot
    from grow_app.store.clock import now_iso

    snapshot = session_snapshot(db, session_id)
    if snapshot is None:
        raise GrowError(t("error.unknown_session", name=session_id))
    return Bundle.model_validate(
        {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "exported_at": now_iso(),
            "app_version": __version__,
            **snapshot,
        }
    )


def bundle_json(bundle: Bundle) -> str:
    return bundle.model_dump_json(indent=2) + "\n"


def _atomic_write(path: Path, text: str, *, overwrite: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".grow-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the name was taken meanwhile: never overwrite
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                if path.exists():
                    raise FileExistsError(path) from None
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def write_bundle(db: Database, session_id: str, path: Path) -> Path:
    """Write the bundle of one session to exactly ``path`` (atomically: temp file + rename)."""
    try:
        return _atomic_write(Path(path), bundle_json(build_bundle(db, session_id)))
    except OSError as err:
        raise GrowError(t("bundle.cannot_write", file=path, reason=err.strerror or err)) from err


def safe_name(value: str, fallback: str = "partnerschap") -> str:
    """A file-name part from data: ASCII letters, digits and dashes only (never a path)."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:60].strip("-") or fallback


def default_bundle_name(partnership_name: str, date: str, session_id: str = "") -> str:
    suffix = f"-{session_id[:8]}" if session_id else ""
    return f"bundle-{safe_name(partnership_name)}-{safe_name(date, 'datum')}{suffix}.json"


def write_all_bundles(db: Database, folder: Path) -> list[Path]:
    """One bundle per session (not in the trash) into ``folder``; the name holds the session id,
    so writing again replaces each session's own file and never another one."""
    from grow_app.store.sessions import list_sessions

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise GrowError(t("bundle.not_a_folder", file=folder))
    written = []
    for session in list_sessions(db):
        name = default_bundle_name(session.partnership_name, session.date, session.id)
        written.append(write_bundle(db, session.id, folder / name))
    return written


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def export_bundle(meeting: Meeting, output: Path | None = None) -> Path:
    """The ``json`` format of ``grow export``: no output → ``exports/bundle-<partnership>-<date>.json``;
    a folder → that name inside it; a file name → exactly there. An existing file is never
    overwritten: a default name gets a number (``-2``), an explicit file name is refused."""
    session = meeting.session
    name = default_bundle_name(session.partnership_name, session.date)
    if output is None:
        target, explicit = _free_name(Path("exports"), name), False
    elif Path(output).is_dir():
        target, explicit = _free_name(Path(output), name), False
    else:
        target, explicit = Path(output), True
        if target.exists():
            raise GrowError(t("bundle.exists", file=target))
    text = bundle_json(build_bundle(meeting.db, session.id))
    for _attempt in range(100):
        try:
            return _atomic_write(target, text, overwrite=False)
        except FileExistsError:
            if explicit:
                raise GrowError(t("bundle.exists", file=target)) from None
            target = _free_name(target.parent, name)
        except OSError as err:
            raise GrowError(
                t("bundle.cannot_write", file=target, reason=err.strerror or err)
            ) from err
    raise GrowError(t("bundle.exists", file=target))
