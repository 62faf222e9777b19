"""Writing grow bundles: one session as a versioned JSON file, to carry it from laptop to laptop.

The bundle itself is read by the services (:mod:`grow_app.services.bundle_read`); this module
only writes it. The format (the strict models, and reading a bundle back) is
:mod:`grow_app.services.bundle_schema`, shared with the import; ``docs/bundle-format.md``
documents it field by field.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.errors import GrowError
from grow_app.export.files import os_error, safe_filename, write_file, write_output
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
from grow_app.text import ascii_slug

if TYPE_CHECKING:
    pass


# -- writing --------------------------------------------------------------------------------------
def bundle_json(bundle: Bundle) -> str:
    empty = {name for name in ("contributions", "votes") if not getattr(bundle, name)}
    return bundle.model_dump_json(indent=2, exclude=empty) + "\n"


def write_bundle(bundle: Bundle, path: Path) -> Path:
    """Write ``bundle`` to ``path`` (or ``-2`` beside it if that exists)."""
    return write_file(Path(path), bundle_json(bundle).encode("utf-8"))


def default_bundle_name(partnership_name: str, date: str) -> str:
    """``bundel-<partnership>-<date>.json`` (``bundle-`` in English: a bundle is the user's
    own working file, named in the interface language): the same name for one session and for
    ``--all``; in ASCII, as a bundle travels by mail and stick to other laptops."""
    partnership = ascii_slug(partnership_name, t("bundle.file_partnership"))
    stem = f"{t('bundle.file_prefix')}-{partnership}-{ascii_slug(date, t('bundle.file_date'))}"
    return safe_filename(stem, "json")


def write_all_bundles(bundles: Iterable[Bundle], folder: Path) -> list[Path]:
    """Each bundle (one per session: :func:`grow_app.services.bundle_read.session_bundles`)
    into ``folder``; an existing file is never replaced: a second bundle of the same
    partnership and date gets ``-2``."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise GrowError(t("bundle.not_a_folder", file=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise os_error(folder, err) from err
    written = []
    for bundle in bundles:
        name = default_bundle_name(bundle.partnership.name, bundle.session.date)
        written.append(write_bundle(bundle, folder / name))
    return written


def export_bundle(bundle: Bundle, output: str | os.PathLike[str] | None = None) -> Path:
    """The ``json`` format of ``grow export``, with the rules of every export
    (:mod:`grow_app.export.files`): no output → ``exports/bundel-<partnership>-<date>.json``
    (``bundle-`` in English, :func:`default_bundle_name`);
    a folder → that name inside it; a file name → that name. An existing file is never
    overwritten: the new one gets ``-2``, ``-3`` ..."""
    data = bundle_json(bundle).encode("utf-8")
    name = default_bundle_name(bundle.partnership.name, bundle.session.date)
    return write_output(output, name, "json", data)
