"""Export position papers to files: choose a safe name, never overwrite, never leave half a file.

This is the API the command line and the session screen share (the screen calls it from a worker
thread). It renders snapshots (:class:`~grow_app.services.snapshots.SessionSnapshot`) that the
services read; it never reads the database itself. Each paper is rendered in memory, written to a temporary file in the target folder and
only then renamed into place, so a full disk or a file open in Word leaves nothing behind. The
rules for names and folders are those of every export: :mod:`grow_app.export.files`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.errors import GrowError
from grow_app.export.document import Paper, build_paper, labels_for, language_tag
from grow_app.export.files import (
    free_path,
    place,
    safe_filename,
    single_target,
    target_folder,
    write_temp,
)
from grow_app.i18n import t

if TYPE_CHECKING:
    from grow_app.services.snapshots import SessionSnapshot

PAPER_FORMATS: dict[str, str] = {"docx": "docx", "md": "md"}  # format -> file extension
__all__ = [
    "ExportResult",
    "export_paper",
    "export_papers",
    "free_path",
    "safe_filename",
    "target_folder",
]


@dataclass
class ExportResult:
    path: Path
    warnings: list[str] = field(default_factory=list)


def default_filename(paper: Paper, ext: str) -> str:
    return safe_filename(f"{paper.label('file_prefix')}-{paper.partnership}-{paper.date}", ext)


def render(
    snapshot: SessionSnapshot,
    fmt: str,
    *,
    template: Path | None = None,
    skip_empty: bool = False,
) -> tuple[Paper, bytes, list[str]]:
    """The paper of a session as file bytes in ``fmt``, with any warnings for the user."""
    paper = build_paper(snapshot, skip_empty=skip_empty)
    if fmt == "md":
        from grow_app.export.markdown import render_markdown

        return paper, render_markdown(paper).encode("utf-8"), []
    from grow_app.export.docx_writer import base_document, render_docx

    labels = labels_for(snapshot.card.language)
    base = base_document(template, language_tag(snapshot.card.language), labels)
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
    snapshots: Iterable[SessionSnapshot],
    fmt: str = "docx",
    output: str | os.PathLike[str] | None = None,
    *,
    template: str | os.PathLike[str] | None = None,
    skip_empty: bool = False,
    single: bool = False,
) -> list[ExportResult]:
    """Write one paper per snapshot; all of them or (on an error) none of them are renamed in.
    (The participants' contributions are in a paper when its snapshot has them.)

    ``single``: ``output`` may name the file itself; otherwise it must be a folder.
    """
    template_path = _check_options(fmt, template)
    ext = PAPER_FORMATS[fmt]
    if single:
        folder, name = single_target(output, ext)
    else:
        folder, name = target_folder(output), None
    pending: list[tuple[Path, Path, list[str]]] = []  # (temporary file, final name, warnings)
    taken: set[Path] = set()
    try:
        for snapshot in snapshots:
            paper, data, warnings = render(
                snapshot, fmt, template=template_path, skip_empty=skip_empty
            )
            target = free_path(folder / (name or default_filename(paper, ext)), taken)
            taken.add(target)
            pending.append((write_temp(folder, data), target, warnings))
        results = []
        for temporary, target, warnings in pending:
            results.append(ExportResult(place(temporary, target), warnings))
        return results
    finally:
        for temporary, _target, _warnings in pending:
            temporary.unlink(missing_ok=True)


def export_paper(
    snapshot: SessionSnapshot,
    fmt: str = "docx",
    output: str | os.PathLike[str] | None = None,
    *,
    template: str | os.PathLike[str] | None = None,
    skip_empty: bool = False,
) -> ExportResult:
    """Write the position paper of a session (docx or md) and say where it went; a snapshot
    with contributions adds their appendix.

    ``output``: a file, a folder, or None for ``exports/positiepaper-<partnership>-<date>.<ext>``
    under the current folder. An existing file is never overwritten: a suffix -2, -3 ... is added.
    """
    return export_papers(
        [snapshot], fmt, output, template=template, skip_empty=skip_empty, single=True
    )[0]
