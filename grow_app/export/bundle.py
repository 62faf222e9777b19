"""Writing grow bundles: one session as a versioned JSON file, to carry it from laptop to laptop.

The format itself (the strict models, and reading a bundle back) is
:mod:`grow_app.services.bundle_schema`, shared with the import; ``docs/bundle-format.md``
documents it field by field.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app import __version__
from grow_app.errors import GrowError
from grow_app.export.files import os_error, write_file, write_output
from grow_app.i18n import t
from grow_app.services.bundle_schema import (  # noqa: F401 (the format, importable from here)
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    Bundle,
    future_problem,
    parse_bundle_text,
    read_bundle_file,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.services.meeting import Meeting


# -- writing --------------------------------------------------------------------------------------
def build_bundle(db: Database, session_id: str) -> Bundle:
    """The bundle of one session, read in one go from the store."""
    from grow_app.store.bundles import session_snapshot
    from grow_app.store.clock import now_iso

    snapshot = session_snapshot(db, session_id)
    if snapshot is None:
        raise GrowError(t("error.unknown_session", name=session_id))
    with_contributions = bool(snapshot.get("contributions") or snapshot.get("votes"))
    return Bundle.model_validate(
        {
            "format": FORMAT_NAME,
            # version 1 (readable by every grow) unless it carries contributions or votes
            "format_version": FORMAT_VERSION if with_contributions else 1,
            "exported_at": now_iso(),
            "app_version": __version__,
            **snapshot,
        }
    )


def bundle_json(bundle: Bundle) -> str:
    empty = {name for name in ("contributions", "votes") if not getattr(bundle, name)}
    return bundle.model_dump_json(indent=2, exclude=empty) + "\n"


def write_bundle(db: Database, session_id: str, path: Path) -> Path:
    """Write the bundle of one session to ``path`` (or ``-2`` beside it if that exists)."""
    return write_file(Path(path), bundle_json(build_bundle(db, session_id)).encode("utf-8"))


def safe_name(value: str, fallback: str = "partnerschap") -> str:
    """A file-name part from data: ASCII letters, digits and dashes only (never a path)."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:60].strip("-") or fallback


def default_bundle_name(partnership_name: str, date: str) -> str:
    """``bundel-<partnership>-<date>.json``: the same name for one session and for ``--all``."""
    return f"bundel-{safe_name(partnership_name)}-{safe_name(date, 'datum')}.json"


def write_all_bundles(db: Database, folder: Path) -> list[Path]:
    """One bundle per session (not in the trash) into ``folder``; an existing file is never
    replaced: a second bundle of the same partnership and date gets ``-2``."""
    from grow_app.store.sessions import list_sessions

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise GrowError(t("bundle.not_a_folder", file=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise os_error(folder, err) from err
    written = []
    for session in list_sessions(db):
        name = default_bundle_name(session.partnership_name, session.date)
        written.append(write_bundle(db, session.id, folder / name))
    return written


def export_bundle(meeting: Meeting, output: str | os.PathLike[str] | None = None) -> Path:
    """The ``json`` format of ``grow export``, with the rules of every export
    (:mod:`grow_app.export.files`): no output → ``exports/bundel-<partnership>-<date>.json``;
    a folder → that name inside it; a file name → that name. An existing file is never
    overwritten: the new one gets ``-2``, ``-3`` ..."""
    session = meeting.session
    data = bundle_json(build_bundle(meeting.db, session.id)).encode("utf-8")
    name = default_bundle_name(session.partnership_name, session.date)
    return write_output(output, name, "json", data)
