"""alt+1 … alt+9 as terminals send them.

Most terminals (xterm, GNOME Terminal, Windows Terminal, tmux) and the browser terminal of
``grow serve`` send alt+2 as ESC followed by "2". Textual 8.2.8 maps exactly those sequences to
the characters WezTerm on macOS would type for Option+digit ("™", "£", "¢" …), so alt+2 typed a
"™" into the answer instead of jumping to the second phase. Without those table entries Textual's
parser reads ESC + digit as ``alt+<digit>`` again, as it does for ESC + letter.
"""

from __future__ import annotations

from typing import cast

ALT_DIGITS = tuple(f"\x1b{digit}" for digit in "0123456789")


def restore_alt_digits() -> None:
    """Let ESC + digit arrive as ``alt+<digit>`` (idempotent; affects this process only)."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    for sequence in ALT_DIGITS:
        cast("dict[str, object]", ANSI_SEQUENCES_KEYS).pop(sequence, None)
