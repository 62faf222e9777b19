"""Command palette (ctrl+p) on the session screen: find any question by typing words of it.

Every word typed must occur in the question (its text, sub-items, section or phase title), in any
order; a question whose own text has the words ranks above one that has them in its sub-items.
Choosing a hit opens that question. Questions are long: Textual's fuzzy matcher, fine for the short
names of the meeting aids, took seconds per key over them, so they are matched by words only.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from grow_app.i18n import t
from grow_app.keys import KEY_MESSAGE_ID
from grow_app.services.question_view import where_label

if TYPE_CHECKING:
    from grow_app.ui.screens.session import SessionScreen

WORD_MATCH_SCORE = 0.5
# Meeting aids offered in the palette too (their keys may be awkward on some keyboards).
SCREEN_ACTIONS = (
    ("session.participants", "participants"),
    ("session.parking", "parking_lot"),
    ("session.timebox", "timebox"),
    ("session.versions", "versions"),
    ("session.previous_actions", "previous_actions"),
    ("session.intro", "intro"),
    ("session.export", "export"),
)


def word_score(words: list[str], shown: str, haystack: str) -> float:
    """0 unless every word occurs in ``haystack``; higher the more of them the shown text has,
    and higher still when one starts it (all lower case)."""
    if not all(word in haystack for word in words):
        return 0.0
    in_shown = sum(word in shown for word in words) / len(words)
    starts = any(shown.startswith(word) for word in words)
    return WORD_MATCH_SCORE + 0.4 * in_shown + (0.1 if starts else 0.0)


class SessionCommands(Provider):
    """Questions of the session's card, for the command palette of the session screen."""

    @property
    def _session(self) -> SessionScreen:
        return cast("SessionScreen", self.screen)

    def _entries(self) -> list[tuple[str, str, str, str]]:
        """(stop id, shown text, searchable text, help line) for every question."""
        meeting = self._session.meeting
        assert meeting is not None  # the palette opens on a session with its meeting
        card = meeting.card
        entries = []
        for phase, section, question in card.locate():
            items = " ".join(i.text for i in question.items)
            where = where_label(phase.title, section.title)  # "Reality · Onderwijsregiovorming"
            haystack = f"{question.text} {items} {where}"
            entries.append((question.id, question.text, haystack, where))
        if card.key_message:
            label = card.key_message.label
            entries.append(
                (
                    KEY_MESSAGE_ID,
                    label,
                    f"{label} {card.key_message.prompt}",
                    t("session.key_message"),
                )
            )
        return entries

    def _aids(self) -> list[tuple[str, str, str]]:
        """(name, help, action) of the meeting aids that apply now."""
        screen = self.screen
        return [
            (t(text_id), t(f"{text_id}.tip"), action)
            for text_id, action in SCREEN_ACTIONS
            if screen.check_action(action, ())
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._aids():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )
        words = query.lower().split()
        if not words:
            return
        for stop, shown, haystack, where in self._entries():
            score = word_score(words, shown.lower(), haystack.lower())
            if score:
                text = Text(shown)
                text.highlight_words(words, style="bold underline", case_sensitive=False)
                yield Hit(score, text, partial(self._go, stop), help=where)

    async def discover(self) -> Hits:
        for name, help_text, action in self._aids():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)
        for stop, shown, _haystack, where in self._entries():
            yield DiscoveryHit(shown, partial(self._go, stop), help=where)

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def _go(self, stop: str) -> None:
        await self._session.go_to(stop)
