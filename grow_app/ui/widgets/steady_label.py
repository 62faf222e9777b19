"""New text for a label of the top bar that changes often: the save time, the phase clock."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static


def show_text(label: Static, text: str) -> None:
    """Show ``text`` (plain, no markup) in ``label``; lay the screen out again only when the
    text's width changes.

    Textual's ``Static.update`` lays out the whole screen by default, as a new text may need
    another width. The save time after each save and the phase clock every second nearly
    always keep their width: then only the label is redrawn. (A layout of the session screen
    was most of what a typed key cost, as a save followed nearly every key.)"""
    shown = str(label.content)
    if text != shown:
        label.update(text, layout=cell_len(text) != cell_len(shown))
