"""One sanitiser for every text a user types or pastes, shared by the UI, the store and exports.

Text pasted from Word or a PDF carries vertical tabs, form feeds, NULs and escape sequences that
break Word files (python-docx raises on them) and look like garbage on screen.
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})
_BREAK_CHARS = tuple(chr(c) for c in _LINE_BREAKS)
# Control characters other than tab and newline, DEL, the C1 range, and the two
# non-characters U+FFFE/U+FFFF that XML (and so Word) cannot hold.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Normalise to NFC, turn page/line separators into newlines, drop other control characters.

    Emoji, diacritics and right-to-left text are kept. Lone surrogates become U+FFFD.
    """
    if not value:
        return ""
    value = _SURROGATE.sub("\ufffd", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ANSI.sub("", value)
    # str.translate looks up every character (0.35 s for a 5 MB answer, at every save); most
    # texts have none of these, and looking for them is a hundred times quicker
    if any(c in value for c in _BREAK_CHARS):
        value = value.translate(_LINE_BREAKS)
    value = _CONTROL.sub("", value)
    return unicodedata.normalize("NFC", value)


def clean_trimmed(value: str | None) -> str:
    """:func:`clean_text` without the blank space around it: a name, a one-line field."""
    return clean_text(value or "").strip()


def ascii_slug(value: str, fallback: str) -> str:
    """A name part in ASCII letters, digits and dashes only (never a path): "Één ☃" -> "een"."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:60].strip("-") or fallback


def suggest(name: str, candidates: list[str], limit: int = 3) -> list[str]:
    """Names close to ``name`` (case-insensitive), for 'did you mean' messages."""
    import difflib

    lowered = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=limit, cutoff=0.5)
    contains = [c for c in candidates if name.lower() in c.lower() and c.lower() not in close]
    return ([lowered[c] for c in close] + contains)[:limit]
