"""The two looks of grow: the everyday theme and the projector (beamer) theme.

Projector mode is for a screen seen from the back of a room: pure black and white with one warm
accent, and (through the ``-projector`` class on the app, see ``app.tcss`` and the screens' CSS)
more space around everything. Terminals cannot change their font size, so "large" means bold text,
generous padding and fewer distractions.
"""

from __future__ import annotations

from textual.theme import Theme

NORMAL_THEME = "textual-dark"
PROJECTOR_THEME = "grow-projector"
PROJECTOR_CLASS = "-projector"

projector_theme = Theme(
    name=PROJECTOR_THEME,
    primary="#FFD23F",
    secondary="#7FDBFF",
    accent="#FFD23F",
    warning="#FFB000",
    error="#FF5555",
    success="#4CE07F",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#FFFFFF10",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#FFD23F",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFD23F",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#FFD23F 40%",
        "border": "#FFFFFF",
        "border-blurred": "#888888",
    },
)
