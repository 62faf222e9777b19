"""The running grow app as the type checker knows it.

Screens and widgets reach the app's writer, workspace and settings through :func:`grow_of`
instead of ``self.app`` (typed as any Textual app), so a misspelt attribute is a mypy error, not
a crash in a meeting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from grow_app.ui.app import GrowApp


def grow_of(node: DOMNode) -> GrowApp:
    """The grow app ``node`` runs in."""
    return cast("GrowApp", node.app)
