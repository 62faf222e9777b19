"""The card outline beside the question: phases in the card's order, sections, questions.

Each phase shows how many of its questions are answered; each answered question gets a mark.
The key message is the last entry. Selecting a question (enter or click) posts ``Tree.NodeSelected``
with the question id as the node's data; the session screen moves there.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from grow_app.card.models import Question
from grow_app.i18n import t
from grow_app.records import KEY_MESSAGE_ID
from grow_app.services.meeting import Meeting
from grow_app.services.question_view import section_label

DONE_MARK = "✓"
OPEN_MARK = "·"
LABEL_CHARS = 80


def _question_label(text: str, answered: bool) -> Text:
    mark = DONE_MARK if answered else OPEN_MARK
    short = text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"
    label = Text(f"{mark} ", style="bold green" if answered else "dim")
    label.append(short)
    return label


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
        self._build_outline()
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2

    def _build_outline(self) -> None:
        for phase in self.meeting.card.phases:
            phase_node = self.root.add("", data=f"phase:{phase.id}", expand=True)
            self._phase_nodes[phase.id] = phase_node
            for section in phase.sections:
                parent = phase_node
                if section.title.strip().lower() != phase.title.strip().lower():
                    parent = phase_node.add(
                        Text(section_label(phase.title, section.title), style="italic"),
                        data=f"section:{section.id}",
                        expand=True,
                    )
                for question in section.questions:
                    self._add_question(parent, question)
        if self.meeting.card.key_message:
            answered = self.meeting.key_message_answered()
            node = self.root.add_leaf(
                _question_label(self.meeting.card.key_message.label, answered), data=KEY_MESSAGE_ID
            )
            self._question_nodes[KEY_MESSAGE_ID] = node
            self._answered[KEY_MESSAGE_ID] = answered
        self.refresh_progress()

    def _add_question(self, parent: TreeNode[str], question: Question) -> None:
        answered = self.meeting.is_answered(question)
        node = parent.add_leaf(_question_label(question.text, answered), data=question.id)
        self._question_nodes[question.id] = node
        self._answered[question.id] = answered

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
            text = self.meeting.card.key_message.label if self.meeting.card.key_message else ""
        else:
            question = self.meeting.card.question(question_id)
            if question is None:
                return False
            answered = self.meeting.is_answered(question)
            text = question.text
        if self._answered.get(question_id) == answered:
            return False
        self._answered[question_id] = answered
        node.set_label(_question_label(text, answered))
        self.refresh_progress()
        return True

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
