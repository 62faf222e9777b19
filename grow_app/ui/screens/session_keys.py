"""The keys of the session screen that are not plain moves: the focus within a question (tab,
enter in the action list, the outline and the grid's table) and which keys apply when
(``check_action``). Part of the session screen.

These run as priority bindings: Textual carries them out before it hands the next key or paste
to the focused field, so what is typed right after lands where the focus went.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.widget import Widget

from grow_app.ui.screens.session_host import SessionHost
from grow_app.ui.widgets.answer_area import CleanInput

if TYPE_CHECKING:
    from textual.widgets import Tree
    from textual.widgets.tree import TreeNode

    from grow_app.ui.widgets.table_editors import ActionRow, ActionsEditor, GridEditor


class SessionKeys(SessionHost):
    """Mixin of :class:`~grow_app.ui.screens.session.SessionScreen` (it has the attributes)."""

    def _grid_has_focus(self) -> bool:
        return self._grid_around_focus() is not None

    def _grid_around_focus(self) -> GridEditor | None:
        for widget in self._focused_chain():
            if getattr(widget, "kind", None) == "grid":
                return cast("GridEditor", widget)
        return None

    def _focused_chain(self) -> list[Widget]:
        focused = self.focused
        chain = focused.ancestors_with_self if focused is not None else []
        return [w for w in chain if isinstance(w, Widget)]

    async def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        """A question opens; a phase or section opens its first question (a click)."""
        event.stop()
        await self._open_node(event.node)

    async def _open_node(self, node: TreeNode[str]) -> None:
        while node.data not in self.stops and node.children:
            node = node.children[0]
        if node.data is not None and node.data in self.stops:
            await self.go_to(node.data)

    def action_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    async def action_enter(self) -> None:
        """Enter in the outline opens that question; in the action list it goes down a row, or
        adds one below the last; in a grid's table it goes into the cell."""
        from grow_app.ui.widgets.outline import Outline

        focused = self.focused
        if isinstance(focused, Outline):
            if focused.cursor_node is not None:
                await self._open_node(focused.cursor_node)
            return
        if isinstance(focused, CleanInput):
            await self.action_row_enter(focused)
            return
        if isinstance(focused, Widget) and focused.id == "add-action":
            await self.add_action_row()
            return
        grid = self._grid_around_focus()
        if grid is not None:
            grid.open_cell_under_cursor()
            self.set_focus(grid.editor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from grow_app.ui.widgets.outline import Outline

        meeting = self.meeting
        if action in ("next_question", "previous_question"):
            if meeting is None or self._grid_has_focus():
                return False  # the grid's own alt+arrows move between cells
            if action == "next_question":
                return self.index < len(self.stops) - 1 or None
            return self.index > 0 or None
        if action == "jump_phase":
            return meeting is not None and int(str(parameters[0])) < len(meeting.card.phases)
        if action == "key_message":
            return meeting is not None and meeting.card.key_message is not None
        if action == "enter":
            focused = self.focused
            if isinstance(focused, Outline):
                return True
            if isinstance(focused, CleanInput) and self._action_row(focused) is not None:
                return True
            if isinstance(focused, Widget) and focused.id == "add-action":
                return True
            grid = self._grid_around_focus()
            return grid is not None and focused is not grid.editor
        if action == "remove_action":
            return self._action_row(self.focused) is not None
        return self.check_aid(action, parameters)

    def _action_row(self, widget: Widget | None) -> ActionRow | None:
        for ancestor in widget.ancestors_with_self if widget is not None else ():
            if getattr(ancestor, "kind", None) == "actions":
                return cast("ActionsEditor", ancestor).row_of(widget)
        return None
