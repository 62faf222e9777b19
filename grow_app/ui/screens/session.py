"""Session screen (placeholder until the meeting UI lands): shows the first open question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from grow_app.services.meeting import Meeting


class SessionScreen(Screen[None]):
    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.meeting.first_unanswered().text, id="question-text")
        yield Footer()
