"""Textual's Select, with the key of its open menu in the interface's language."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select
from textual.widgets._select import SelectOverlay  # the menu a Select opens; its key is English

from grow_app.i18n import t
from grow_app.ui.widgets.bindings import retitle_bindings


class GrowSelect(Select[Any]):
    """While its menu is open the footer said "esc Dismiss menu"; now "esc Menu sluiten"."""

    def on_mount(self) -> None:
        for overlay in self.query(SelectOverlay):
            retitle_bindings(overlay, {"dismiss": t("ui.key.close_menu")})
