"""What grow can make again, kept between runs in its cache folder (``AppDirs.cache``).

Each entry is one JSON file named by a key the caller derives from everything the entry depends
on (a file's hash, grow's version, ...), so an entry is never stale: a change makes another key.
Entries are written atomically (temporary file, then rename). A cache that cannot be read or
written is simply not used: the caller makes the thing again, and nothing is said.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

FORMAT = 1
MAX_ENTRIES = 200
"""Entries kept per folder (each a few kB); the oldest go when a new one is written."""


def sha256(data: bytes):
    """SHA-256 from the standard library's own module where there is one: hashlib first loads
    OpenSSL, which costs a short command more than the hashing."""
    try:
        from _sha256 import sha256 as made  # CPython up to 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as made  # CPython 3.12 and later
        except ImportError:
            from hashlib import sha256 as made
    return made(data)


def folder(kind: str) -> Path | None:
    from grow_app.paths import app_dirs

    cache = app_dirs().cache
    return cache / kind if cache is not None else None


def read(kind: str, key: str) -> dict[str, Any] | None:
    where = folder(kind)
    if where is None:
        return None
    try:
        data = json.loads((where / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None  # not there, or not ours (or nested too deep for json): make it again
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def write(kind: str, key: str, entry: dict[str, Any], *, keep: int = MAX_ENTRIES) -> None:
    where = folder(kind)
    if where is None:
        return
    temporary = where / f".{key}.{os.urandom(4).hex()}.tmp"
    try:
        where.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({**entry, "format": FORMAT}), encoding="utf-8")
        os.replace(temporary, where / f"{key}.json")
        entries = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-keep]:
            old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):  # e.g. no folder at all: nothing to tidy
            temporary.unlink(missing_ok=True)
