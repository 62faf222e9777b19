"""Export position papers to files: choose a safe name, never overwrite, never leave half a file.

This is the API the command line and the session screen share (the screen calls it from a worker
thread). Each paper is rendered in memory, written to a temporary file in the target folder and
only then renamed into place, so a full disk or a file open in Word leaves nothing behind.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.errors import GrowError
from grow_app.export.document import Paper, build_paper, labels_for, language_tag
from grow_app.i18n import t
from grow_app.text import clean_text

if TYPE_CHECKING:
    from grow_app.services.meeting import Meeting

PAPER_FORMATS: dict[str, str] = {"docx": "docx", "md": "md"}  # format -> file extension
DEFAULT_FOLDER = "exports"
MAX_STEM_BYTES = 150

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


@dataclass
class ExportResult:
    path: Path
    warnings: list[str] = field(default_factory=list)


# -- names ----------------------------------------------------------------------------------------
def safe_filename(stem: str, ext: str) -> str:
    """A file name every system accepts: no separators or forbidden characters, no CON/NUL..."""
    stem = clean_text(stem).translate({0xFFFE: None, 0xFFFF: None, 0xFFFD: None})
    stem = _FORBIDDEN.sub("-", stem)
    stem = re.sub(r"\s+", "-", stem.lower())
    stem = re.sub(r"-{2,}", "-", stem).strip("-. ")
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip("-. ") or "positiepaper"
    if stem.split(".")[0] in _RESERVED:
        stem = f"_{stem}"
    return f"{stem}.{ext}"


def default_filename(paper: Paper, ext: str) -> str:
    return safe_filename(f"{paper.label('file_prefix')}-{paper.partnership}-{paper.date}", ext)


def free_path(target: Path, taken: set[Path] | None = None) -> Path:
    """``target``, or ``name-2.ext``, ``name-3.ext`` ... if it exists: never overwrite silently."""
    taken = taken or set()
    candidate, number = target, 1
    while candidate.exists() or candidate in taken:
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
    return candidate


def _folder_must_exist(folder: Path) -> None:
    if not folder.is_dir():
        raise GrowError(t("export.folder_missing", folder=folder))


def _default_folder() -> Path:
    folder = Path.cwd() / DEFAULT_FOLDER
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise GrowError(t("export.write_failed", path=folder, reason=err.strerror or err)) from err
    return folder


def _single_target(output: str | os.PathLike[str] | None, ext: str) -> tuple[Path, str | None]:
    """(folder, file name or None for the default name) for one paper."""
    if output is None or str(output) == "":
        return _default_folder(), None
    text = str(output)
    path = Path(text).expanduser()
    if path.is_dir() or text.endswith(("/", os.sep)):
        _folder_must_exist(path)
        return path, None
    _folder_must_exist(path.parent)
    return path.parent, path.name if path.suffix else f"{path.name}.{ext}"


def target_folder(output: str | os.PathLike[str] | None) -> Path:
    if output is None or str(output) == "":
        return _default_folder()
    path = Path(output).expanduser()
    if path.exists() and not path.is_dir():
        raise GrowError(t("export.all_needs_folder", path=path))
    _folder_must_exist(path)
    return path


# -- writing --------------------------------------------------------------------------------------
def _os_error(path: Path, err: OSError) -> GrowError:
    if isinstance(err, PermissionError):
        return GrowError(t("export.not_writable", path=path))
    return GrowError(t("export.write_failed", path=path, reason=err.strerror or err))


def _write_temp(folder: Path, data: bytes) -> Path:
    """A hidden temporary file beside the target (same disk, so the rename is atomic).

    Opened with mode "x" rather than :func:`tempfile.mkstemp`, so the file gets the user's usual
    permissions instead of mkstemp's private 0600.
    """
    temporary = folder / f".grow-export-{secrets.token_hex(8)}.tmp"
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise _os_error(folder, err) from err
    return temporary


def _place(temporary: Path, target: Path) -> Path:
    """Move the finished file to ``target`` (or the next free name) without ever overwriting.

    A hard link fails if the name was taken meanwhile (another export, another process), so the
    check and the claim are one step; where the disk has no hard links, ``os.replace`` after the
    check does it.
    """
    while True:
        final = free_path(target)
        try:
            os.link(temporary, final)
        except FileExistsError:
            continue
        except OSError:
            try:
                os.replace(temporary, final)
            except OSError as err:
                raise _os_error(final, err) from err
            return final
        temporary.unlink(missing_ok=True)
        return final


def render(
    meeting: Meeting,
    fmt: str,
    *,
    template: Path | None = None,
    skip_empty: bool = False,
) -> tuple[Paper, bytes, list[str]]:
    """The paper of ``meeting`` as file bytes in ``fmt``, with any warnings for the user."""
    paper = build_paper(meeting, skip_empty=skip_empty)
    if fmt == "md":
        from grow_app.export.markdown import render_markdown

        return paper, render_markdown(paper).encode("utf-8"), []
    from grow_app.export.docx_writer import base_document, render_docx

    labels = labels_for(meeting.card.language)
    base = base_document(template, language_tag(meeting.card.language), labels)
    return paper, render_docx(paper, base), list(base.warnings)


def _check_options(fmt: str, template: str | os.PathLike[str] | None) -> Path | None:
    if fmt not in PAPER_FORMATS:
        raise GrowError(
            t("export.unknown_format", fmt=fmt, choices=", ".join(sorted(PAPER_FORMATS)))
        )
    if template is None or str(template) == "":
        return None
    if fmt != "docx":
        raise GrowError(t("export.template_only_docx"))
    return Path(template).expanduser()


def export_papers(
    meetings: Iterable[Meeting],
    fmt: str = "docx",
    output: str | os.PathLike[str] | None = None,
    *,
    template: str | os.PathLike[str] | None = None,
    skip_empty: bool = False,
    single: bool = False,
) -> list[ExportResult]:
    """Write one paper per meeting; all of them or (on an error) none of them are renamed in.

    ``single``: ``output`` may name the file itself; otherwise it must be a folder.
    """
    template_path = _check_options(fmt, template)
    ext = PAPER_FORMATS[fmt]
    if single:
        folder, name = _single_target(output, ext)
    else:
        folder, name = target_folder(output), None
    pending: list[tuple[Path, Path, list[str]]] = []  # (temporary file, final name, warnings)
    taken: set[Path] = set()
    try:
        for meeting in meetings:
            paper, data, warnings = render(
                meeting, fmt, template=template_path, skip_empty=skip_empty
            )
            target = free_path(folder / (name or default_filename(paper, ext)), taken)
            taken.add(target)
            pending.append((_write_temp(folder, data), target, warnings))
        results = []
        for temporary, target, warnings in pending:
            results.append(ExportResult(_place(temporary, target), warnings))
        return results
    finally:
        for temporary, _target, _warnings in pending:
            temporary.unlink(missing_ok=True)


def export_paper(
    meeting: Meeting,
    fmt: str = "docx",
    output: str | os.PathLike[str] | None = None,
    *,
    template: str | os.PathLike[str] | None = None,
    skip_empty: bool = False,
) -> ExportResult:
    """Write the position paper of ``meeting`` (docx or md) and say where it went.

    ``output``: a file, a folder, or None for ``exports/positiepaper-<partnership>-<date>.<ext>``
    under the current folder. An existing file is never overwritten: a suffix -2, -3 ... is added.
    """
    return export_papers(
        [meeting], fmt, output, template=template, skip_empty=skip_empty, single=True
    )[0]
