"""The prepared base document kept between runs (see :mod:`grow_app.disk_cache`).

Preparing the base (python-docx's template made A4, pruned to the styles a paper uses, footer
with page numbers; or a house style with its text removed) takes longer than writing a whole
position paper. A process that writes one paper paid it every time; now it is paid once per
base: the key holds the template's bytes (or "grow's own"), the language tag, the labels in the
footer, the interface language of the warnings, and the versions of grow, python-docx and the
code that prepares it.
"""

from __future__ import annotations

import base64
from pathlib import Path

from grow_app import __version__, disk_cache
from grow_app.export.docx_base import BaseDocument, prepare_base

KIND = "docx"
KEEP = 20


def _fingerprint() -> str:
    import docx

    here = Path(__file__).resolve().parent
    parts = [__version__, str(getattr(docx, "__version__", "?"))]
    for name in ("docx_base.py", "docx_template.py", "docx_cache.py"):
        try:
            stat = (here / name).stat()
        except OSError:
            continue
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ";".join(parts)


def key_for(source: bytes | None, tag: str, labels: dict[str, str]) -> str:
    from grow_app.i18n import language

    digest = disk_cache.sha256(source if source is not None else b"grow's own base")
    wanted = [tag, language(), labels["export.doc.page"], labels["export.doc.of"], _fingerprint()]
    digest.update("\0".join(wanted).encode())
    return digest.hexdigest()


def cached_base(source: bytes | None, tag: str, labels: dict[str, str]) -> BaseDocument:
    """:func:`prepare_base`, or what it made before for the same base."""
    key = key_for(source, tag, labels)
    entry = disk_cache.read(KIND, key)
    if entry is not None:
        try:
            return BaseDocument(
                data=base64.b64decode(entry["data"]),
                styles={str(k): v for k, v in entry["styles"].items()},
                table_style=entry["table_style"],
                text_width=int(entry["text_width"]),
                own_header=bool(entry["own_header"]),
                warnings=[str(w) for w in entry["warnings"]],
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # an entry of another shape: prepare it again
    made = prepare_base(source, tag, labels)
    disk_cache.write(
        KIND,
        key,
        {
            "data": base64.b64encode(made.data).decode("ascii"),
            "styles": made.styles,
            "table_style": made.table_style,
            "text_width": made.text_width,
            "own_header": made.own_header,
            "warnings": made.warnings,
        },
        keep=KEEP,
    )
    return made
