"""Home screen (placeholder until the meeting UI lands): partnerships and their sessions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class HomeScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        from grow_app.services.partnerships import list_partnerships

        yield Header()
        names = [p.name for p in list_partnerships(self.app.context.db)]  # type: ignore[attr-defined]
        yield Static("\n".join(names) or "Nog geen partnerschappen.")
        yield Footer()
