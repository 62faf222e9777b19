"""The bundle format: what one session looks like when it travels (a JSON file), checked
completely before anything is imported. Shared by the import (services) and the export (which
writes bundles), so neither reaches into the other.

Contributions and dot votes (issue 12) are two optional lists: a bundle without them is as it
always was (format_version 1); a bundle with them is format_version 2, which an older grow
refuses plainly ("made by a newer grow") instead of with a list of unknown fields. The device a
contribution came from and the join code are never in a bundle; a ballot's voter is the hash
that stood for a participant's browser (no name, no address).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic.functional_validators import AfterValidator
from pydantic_core import PydanticCustomError

from grow_app.errors import describe_os_error
from grow_app.i18n import t
from grow_app.records import RECOMMENDATION_STATUSES
from grow_app.validation_text import COMMON_ERROR_TEXTS, error_text, format_path

FORMAT_NAME = "grow-bundle"
FORMAT_VERSION = 2
"""The newest version this grow reads and writes (1: without contributions)."""
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ANSWERS = 100_000
MAX_ROWS = 100_000
MAX_TEXT = 10_000_000  # characters: a 5 MB answer pasted from a report still fits
MAX_SHORT = 1_000

ACTION_STATUSES = ("open", "klaar", "loopt", "vervallen")
FUTURE_MARGIN = dt.timedelta(days=1)  # clocks and time zones differ; a day ahead is a wrong clock
STAMP_FIELDS = {"exported_at", "updated_at", "created_at", "deleted_at", "key_message_updated_at"}


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


# -- contributions and dot votes (issue 12) -------------------------------------------------------
ContributionText = Annotated[str, StringConstraints(max_length=10_000)]
Voter = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class BundleContribution(_Strict):
    id: Uuid
    question_id: Key
    author: Short = ""
    text: ContributionText
    state: Literal["shown", "hidden", "merged", "taken", "parked"] = "shown"
    merged_into: Uuid | None = None
    revision: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    created_at: Stamp
    updated_at: Stamp


class BundleVoteOption(_Strict):
    key: Key
    label: ContributionText


class BundleBallot(_Strict):
    voter: Voter
    dots: Annotated[dict[Key, Annotated[int, Field(ge=0, le=20)]], Field(max_length=60)]
    cast_at: Stamp


class BundleVote(_Strict):
    id: Uuid
    question_id: Key
    over: Literal["contributions", "items"]
    options: Annotated[list[BundleVoteOption], Field(min_length=1, max_length=60)]
    budget: Annotated[int, Field(ge=1, le=20)]
    started_at: Stamp
    closed_at: Stamp | None = None
    updated_at: Stamp
    ballots: Annotated[list[BundleBallot], Field(max_length=100_000)] = []


class Bundle(_Strict):
    """One session of one partnership, with everything typed in it (the history is left out)."""

    format: Literal["grow-bundle"]
    format_version: Literal[1, 2]
    exported_at: Stamp
    app_version: Short
    partnership: BundlePartnership
    session: BundleSession
    answers: Annotated[list[BundleAnswer], Field(max_length=MAX_ANSWERS)]
    statuses: Annotated[list[BundleStatus], Field(max_length=MAX_ROWS)] = []
    actions: Annotated[list[BundleAction], Field(max_length=MAX_ROWS)] = []
    parking_lot: Annotated[list[BundleParkingItem], Field(max_length=MAX_ROWS)] = []
    contributions: Annotated[list[BundleContribution], Field(max_length=MAX_ROWS)] = []
    votes: Annotated[list[BundleVote], Field(max_length=MAX_ROWS)] = []


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


def _json_problem(err: ValueError | RecursionError, text: str | bytes, name: str) -> str:
    """One Dutch line for text that json cannot read, without json's English reason.

    Text that starts like JSON and stops before its end was cut off (a copy that did not
    finish); anything else is simply not JSON, with the place of the first error."""
    if not isinstance(err, json.JSONDecodeError):
        return t("bundle.not_json", file=name)  # nested thousands of levels deep
    stripped = text.strip() if isinstance(text, str) else text.decode("utf-8", "replace").strip()
    starts_like_json = stripped[:1] in ("{", "[")
    at_the_end = err.pos >= len(err.doc.rstrip()) or err.msg.startswith("Unterminated")
    if starts_like_json and at_the_end:
        return t("bundle.truncated", file=name)
    if not starts_like_json:
        return t("bundle.not_json", file=name)
    return t("bundle.not_json_at", file=name, line=err.lineno, column=err.colno)


def future_problem(bundle: Bundle, name: str, now: dt.datetime | None = None) -> str | None:
    """A line if a time in the bundle lies more than a day ahead of this computer's clock.

    Newest edit wins when bundles are merged, so one laptop whose clock runs years ahead would
    win every merge after it; such a bundle is refused (see docs/bundle-format.md)."""
    limit = ((now or dt.datetime.now(dt.UTC)) + FUTURE_MARGIN).isoformat(timespec="microseconds")
    found = next(_stamps_after(bundle, limit, ()), None)
    if found is None:
        return None
    where, when = format_path(found[0]), found[1]
    return t("bundle.future", file=name, path=where, when=when[:19].replace("T", " ") + " UTC")


def _stamps_after(
    value: object, limit: str, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, time) of every time later than ``limit``, in the order of the fields: walks the
    models themselves (a model_dump of every bundle first cost an import more than the check)."""
    if isinstance(value, BaseModel):
        for key in type(value).model_fields:
            item = getattr(value, key)
            if key in STAMP_FIELDS and isinstance(item, str):
                if item > limit:
                    yield (*path, key), item
            elif isinstance(item, BaseModel | list | dict):
                yield from _stamps_after(item, limit, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _stamps_after(item, limit, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _stamps_after(item, limit, (*path, key))


def parse_bundle_text(text: str | bytes, name: str) -> tuple[Bundle | None, list[str]]:
    """Validate a bundle completely; returns it, or one line per problem naming ``name``."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        return None, [_json_problem(err, text, name)]
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
        if not path.exists():
            return None, [t("bundle.missing", file=name)]
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
        return None, [t("bundle.unreadable", file=name, reason=_os_reason(err))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [t("bundle.not_utf8", file=name)]
    bundle, problems = parse_bundle_text(text, name)
    if bundle is not None:
        future = future_problem(bundle, name)
        if future:
            return None, [future]
    return bundle, problems


def _os_reason(err: OSError) -> str:
    """Why a file cannot be read, in the interface language (never the system's English)."""
    return describe_os_error(err)
