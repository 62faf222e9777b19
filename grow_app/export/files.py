"""Where exported files go and how they are written: the one writer for every grow export.

The position paper (docx, md), the JSON bundle and the comparison (docx, csv) all follow the same
rules, so a user learns them once:

- no ``-o``: a default name in ``exports/`` under the current folder (created when missing);
- ``-o`` a folder: the default name in that folder; a folder that does not exist is refused;
- ``-o`` a file: that name; its folder must exist;
- an existing file is never overwritten, whether the name was the default or typed by the user:
  the new file gets ``-2``, ``-3`` ... before the extension, and the path that was really used is
  what the command prints (absolute);
- the data goes to a hidden temporary file beside the target first and is then linked into place,
  so a full disk or a file open in Word never leaves half a file; the file gets the user's usual
  permissions (umask), not the 0600 of :func:`tempfile.mkstemp`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from grow_app.errors import GrowError
from grow_app.i18n import t, t_in
from grow_app.text import clean_text

DEFAULT_FOLDER = "exports"
MAX_STEM_BYTES = 150

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_BIDI_CONTROLS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


# -- names ----------------------------------------------------------------------------------------
def safe_filename(stem: str, ext: str, fallback: str = "positiepaper") -> str:
    """The one file name grow makes from data (a partnership, a card), accepted everywhere: no
    separators or forbidden characters, no leading dot or dash (no hidden file, nothing that
    looks like an option, never ``..``), no CON/NUL..., no bidi controls (which can disguise
    an extension), at most ``MAX_STEM_BYTES`` in UTF-8, never empty."""
    stem = clean_text(stem).translate({0xFFFE: None, 0xFFFF: None, 0xFFFD: None})
    stem = _BIDI_CONTROLS.sub("", stem)
    stem = _FORBIDDEN.sub("-", stem)
    stem = re.sub(r"\s+", "-", stem.lower())
    stem = re.sub(r"-{2,}", "-", stem).strip("-. ")
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip("-. ") or fallback
    if stem.split(".")[0] in _RESERVED:
        stem = f"_{stem}"
    return f"{stem}.{ext}"


def compare_filename(card_id: str, ext: str, lang: str | None = None) -> str:
    """``vergelijking-<card>-<today>.<ext>`` for a comparison without a file name, named in
    ``lang`` (the Word comparison's is its card's) or the interface language."""
    import datetime as dt

    prefix = t_in(lang, "compare.file_prefix")
    return safe_filename(f"{prefix}-{card_id}-{dt.date.today().isoformat()}", ext, prefix)


def free_path(target: Path, taken: set[Path] | None = None) -> Path:
    """``target``, or ``name-2.ext``, ``name-3.ext`` ... if it exists: never overwrite silently."""
    taken = taken or set()
    candidate, number = target, 1
    # is_symlink: a link planted under the name (even one to nowhere) is never written through.
    while candidate.exists() or candidate.is_symlink() or candidate in taken:
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
    return candidate


# -- folders and targets --------------------------------------------------------------------------
def folder_must_exist(folder: Path) -> None:
    if not folder.is_dir():
        raise GrowError(t("export.folder_missing", folder=folder))


def default_folder() -> Path:
    """``exports/`` under the current folder, made when it is not there yet."""
    folder = Path.cwd() / DEFAULT_FOLDER
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise GrowError(t("export.write_failed", path=folder, reason=err.strerror or err)) from err
    return folder


def _absolute(path: Path) -> Path:
    return path if path.is_absolute() else Path.cwd() / path


def names_a_folder(output: str | os.PathLike[str]) -> bool:
    text = str(output)
    return Path(text).expanduser().is_dir() or text.endswith(("/", os.sep))


def single_target(output: str | os.PathLike[str] | None, ext: str) -> tuple[Path, str | None]:
    """(folder, file name, or None for the default name) for one file; the folder exists."""
    if output is None or str(output) == "":
        return default_folder(), None
    path = _absolute(Path(str(output)).expanduser())
    if names_a_folder(output):
        folder_must_exist(path)
        return path, None
    folder_must_exist(path.parent)
    return path.parent, path.name if path.suffix else f"{path.name}.{ext}"


def requested_file(output: str | os.PathLike[str] | None, ext: str) -> Path | None:
    """The file the user named with ``-o`` (absolute), or None for a folder or no ``-o``."""
    if output is None or str(output) == "" or names_a_folder(output):
        return None
    path = _absolute(Path(str(output)).expanduser())
    return path if path.suffix else path.with_name(f"{path.name}.{ext}")


def output_extension(output: str | os.PathLike[str] | None) -> str:
    """The extension of the file named with ``-o`` ("docx", "md" ...), "" for a folder or none."""
    if output is None or str(output) == "" or names_a_folder(output):
        return ""
    return Path(str(output)).suffix.lower().lstrip(".")


def choose_format(
    fmt: str | None, output: str | os.PathLike[str] | None, known: dict[str, str], default: str
) -> str:
    """The format to write: ``--format`` if given, else the one ``-o``'s extension names, else
    ``default``. ``known`` maps format -> extension. A ``--format`` that contradicts a known
    extension is refused: a .md file with Word inside would not open anywhere."""
    ext = output_extension(output)
    by_ext = {extension: name for name, extension in known.items()}
    if fmt is None:
        return by_ext.get(ext, default)
    if ext in by_ext and by_ext[ext] != fmt:
        raise GrowError(
            t("export.format_mismatch", path=output, ext=ext, fmt=fmt, wanted=known[fmt])
        )
    return fmt


def target_folder(output: str | os.PathLike[str] | None) -> Path:
    """The folder for many files (``--all``): must be a folder that exists."""
    if output is None or str(output) == "":
        return default_folder()
    path = _absolute(Path(output).expanduser())
    if path.exists() and not path.is_dir():
        raise GrowError(t("export.all_needs_folder", path=path))
    folder_must_exist(path)
    return path


# -- writing --------------------------------------------------------------------------------------
def os_error(path: Path, err: OSError) -> GrowError:
    """One Dutch line for a file that cannot be written."""
    if isinstance(err, PermissionError):
        return GrowError(t("export.not_writable", path=path))
    return GrowError(t("export.write_failed", path=path, reason=err.strerror or err))


def write_temp(folder: Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """A hidden temporary file beside the target (same disk, so the rename is atomic).

    ``data`` is the file's bytes, or a function that writes them to the open file as they are
    made (a comparison of ten thousand partnerships is never held in memory as a whole).
    Opened with mode "x" rather than :func:`tempfile.mkstemp`, so the file gets the user's usual
    permissions instead of mkstemp's private 0600. Whatever goes wrong, no temporary file stays.
    """
    temporary = folder / f".grow-export-{os.urandom(8).hex()}.tmp"
    try:
        with temporary.open("xb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise os_error(folder, err) from err
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def place(temporary: Path, target: Path) -> Path:
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
                raise os_error(final, err) from err
            return final
        temporary.unlink(missing_ok=True)
        return final


def write_file(target: Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """Write ``data`` to ``target`` or the next free name beside it; returns the path used."""
    target = _absolute(Path(target))
    if target.is_dir():
        raise GrowError(t("export.is_a_folder", path=target))
    temporary = write_temp(target.parent, data)
    try:
        return place(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_output(
    output: str | os.PathLike[str] | None,
    default_name: str,
    ext: str,
    data: bytes | Callable[[BinaryIO], None],
) -> Path:
    """The whole rule for one file: ``output`` a file, a folder or None (see the module)."""
    folder, name = single_target(output, ext)
    return write_file(folder / (name or default_name), data)
