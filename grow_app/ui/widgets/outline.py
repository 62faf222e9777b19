"""The card outline beside the question: phases in the card's order, sections, questions.

Each phase shows how many of its questions are answered; each question has its number (as "vraag
5 van 28" above the question) and a mark when answered. Where the outline is narrow (80 columns)
a question shows the words that tell it apart ("5 grootste meerwaarde Samen Opleiden") instead
of a start that almost every question shares ("Wat zien wij al…"); a question that fits is shown
as it is. Sections are a line of their own, so questions need little indentation. The key message
is the last entry. Selecting a question (enter or click) posts ``Tree.NodeSelected`` with the
question id as the node's data; a section's line carries its first question's id, a phase opens
its first question (the session screen moves there).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from grow_app.card.models import Question
from grow_app.i18n import t
from grow_app.keys import KEY_MESSAGE_ID
from grow_app.services.meeting import Meeting
from grow_app.services.question_view import common_words, distinctive_words, section_label

DONE_MARK = "✓"
OPEN_MARK = "·"
LABEL_CHARS = 80
SENTENCE_ROOM = 32
"""From this many characters on, a question is shown as its start rather than its key words."""
GUIDES = 2
"""Cells of tree guides in front of a question (questions are one level under their phase)."""


class Outline(Tree[str]):
    """The outline of a meeting's card with answered marks and a progress figure per phase."""

    DEFAULT_CSS = """
    Outline { width: 34; border-right: tall $panel; padding: 0 1 0 0; overflow-x: hidden; }
    """

    def __init__(self, meeting: Meeting, **kwargs: object) -> None:
        super().__init__(t("session.outline"), **kwargs)  # type: ignore[arg-type]
        self.meeting = meeting
        self._question_nodes: dict[str, TreeNode[str]] = {}
        self._phase_nodes: dict[str, TreeNode[str]] = {}
        self._answered: dict[str, bool] = {}
        card = meeting.card
        self._texts: dict[str, str] = {q.id: q.text for q in card.questions()}
        self._kinds: dict[str, str] = {q.id: q.kind for q in card.questions()}
        if card.key_message:
            self._texts[KEY_MESSAGE_ID] = card.key_message.label
        self._numbers = {stop: n for n, stop in enumerate(self._texts, start=1)}
        card_common = common_words(q.text for q in card.questions())
        self._common: dict[str, frozenset[str]] = {}
        for phase in card.phases:
            phase_common = card_common | common_words((q.text for q in phase.questions()), 0.5)
            self._common.update({q.id: phase_common for q in phase.questions()})
        self._room = LABEL_CHARS
        self._build_outline()
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2

    def _build_outline(self) -> None:
        for phase in self.meeting.card.phases:
            phase_node = self.root.add("", data=f"phase:{phase.id}", expand=True)
            self._phase_nodes[phase.id] = phase_node
            for section in phase.sections:
                if (
                    section.title.strip().lower() != phase.title.strip().lower()
                    and section.questions
                ):
                    phase_node.add_leaf(
                        Text(section_label(phase.title, section.title), style="italic"),
                        data=section.questions[0].id,  # choosing a section opens its first question
                    )
                for question in section.questions:
                    self._add_question(phase_node, question)
        if self.meeting.card.key_message:
            answered = self.meeting.key_message_answered()
            self._answered[KEY_MESSAGE_ID] = answered
            node = self.root.add_leaf(self._label(KEY_MESSAGE_ID), data=KEY_MESSAGE_ID)
            self._question_nodes[KEY_MESSAGE_ID] = node
        self.refresh_progress()

    def _add_question(self, parent: TreeNode[str], question: Question) -> None:
        self._answered[question.id] = self.meeting.is_answered(question)
        node = parent.add_leaf(self._label(question.id), data=question.id)
        self._question_nodes[question.id] = node

    # -- labels ---------------------------------------------------------------------------------
    def _label(self, stop: str) -> Text:
        """ "✓ 12 the words", fitted to the room there is."""
        answered = self._answered.get(stop, False)
        width = len(str(len(self._numbers)))
        label = Text(
            f"{DONE_MARK if answered else OPEN_MARK} ", style="bold green" if answered else "dim"
        )
        label.append(f"{self._numbers[stop]:>{width}} ", style="" if answered else "dim")
        label.append(self._words(stop, self._room - label.cell_len))
        return label

    def _words(self, stop: str, room: int) -> str:
        """The question as it is where it fits or where there is room for a good part of it
        (wide screens); otherwise its distinctive words, without those common to the card
        when even they do not fit."""
        text = " ".join(self._texts[stop].split())
        if len(text) > room and room < SENTENCE_ROOM:
            if self._kinds.get(stop) == "recommendations":
                text = t("session.outline_recommendations")
            else:
                text = distinctive_words(text)
                if len(text) > room:
                    text = distinctive_words(text, self._common.get(stop, frozenset()))
        if len(text) > room:
            text = text[: max(1, room - 1)].rstrip() + "…"
        return text

    # -- layout ---------------------------------------------------------------------------------
    _laid_out_lines = Size(0, 0)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual (8.2.8) compares a scrolling view's own size (all its lines) with the part
        that shows, which never match for an outline taller than the screen: every layout of
        the screen (every move) then redrew the outline's scrollbar, 1.5-3 ms. Compared here
        with its own size at the previous layout: the scrollbar is updated when the outline
        changed (or its size on screen), as it should."""
        own = self.virtual_size
        changed, self._laid_out_lines = own != self._laid_out_lines, own
        return super()._size_updated(size, virtual_size if changed else own, container_size, layout)

    def on_resize(self, event: events.Resize) -> None:
        room = max(8, self.scrollable_content_region.width - GUIDES)
        if room != self._room:
            self._room = room
            for stop, node in self._question_nodes.items():
                node.set_label(self._label(stop))

    # -- progress -------------------------------------------------------------------------------
    def refresh_progress(self) -> None:
        for progress in self.meeting.progress():
            label = Text(progress.phase.title, style="bold")
            figure = f"  {progress.answered}/{progress.total}"
            label.append(figure, style="green" if progress.done else "dim")
            self._phase_nodes[progress.phase.id].set_label(label)

    def refresh_question(self, question_id: str) -> bool:
        """Update the mark of one question (and the phase figures) after an edit.

        Returns True when the mark changed."""
        node = self._question_nodes.get(question_id)
        if node is None:
            return False
        if question_id == KEY_MESSAGE_ID:
            answered = self.meeting.key_message_answered()
        else:
            question = self.meeting.card.question(question_id)
            if question is None:
                return False
            answered = self.meeting.is_answered(question)
        if self._answered.get(question_id) == answered:
            return False
        self._answered[question_id] = answered
        node.set_label(self._label(question_id))
        self.refresh_progress()
        return True

    # -- following the question on screen ------------------------------------------------------
    _following: str | None = None

    def follow(self, question_id: str) -> None:
        """The question on screen is now ``question_id``: the cursor follows one frame later
        (the move's first frame then draws only the question), or at once when the outline gets
        the focus before that (Shift+Tab, Enter typed ahead must open the question the cursor
        shows, not the one before it)."""
        self._following = question_id
        self.call_after_refresh(self._catch_up)

    def _catch_up(self) -> None:
        if self._following is not None:
            self.show_question(self._following)
            self._following = None

    def on_focus(self, event: events.Focus) -> None:
        self._catch_up()

    def show_question(self, question_id: str) -> None:
        """Put the outline's cursor on a question (without selecting it)."""
        node = self._question_nodes.get(question_id)
        if node is None:
            return
        self.cursor_line = node._line
        self.call_after_refresh(self._scroll_near, node._line)

    def _scroll_near(self, line: int) -> None:
        """Keep a few lines above the current question in view (its phase, if it fits)."""
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if height <= 0 or top + 2 <= line < top + height - 1:
            return
        self.scroll_to(y=max(0, line - max(2, height // 3)), animate=False)
