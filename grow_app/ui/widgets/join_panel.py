"""The join panel for the projector: the code in block letters, the address, and a QR code.

Usage (the session screen): ``panel.show(joining.active_join(db, session_id))`` whenever joining
opens, closes or the code changes; ``panel.show(None)`` says joining is closed. The panel only
draws; it writes nothing. It picks large or compact letters to fit the space it gets.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from grow_app.i18n import t
from grow_app.join_records import JoinCode
from grow_app.ui.serve_guard import is_loopback
from grow_app.ui.widgets.block_text import big_code, big_code_width, qr_text

QR_ROWS = 17  # a typical participant address (version 4 with its quiet zone), in lines
BIG_ROWS = 5


def participant_url(join: JoinCode) -> str:
    """The full participant address (the QR code's content): the entry address and the code."""
    return f"{join.address}/{join.code}"


def spaced(code: str) -> str:
    """ "K7M4QX" -> "K7M 4QX": easier to read out and to type."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


class JoinPanel(Vertical):
    DEFAULT_CSS = """
    JoinPanel { height: auto; width: 1fr; align-horizontal: center; padding: 0 1; }
    JoinPanel > Static { width: auto; height: auto; margin: 0 0 1 0; }
    JoinPanel > #join-title { text-style: bold; }
    JoinPanel > #join-code { text-style: bold; color: $accent; }
    JoinPanel > #join-qr { margin: 0 0 1 0; padding: 0; }
    JoinPanel > #join-note { color: $text-muted; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.join: JoinCode | None = None
        self.scale = 0  # 0: plain text, 1: three lines tall, 2: five lines tall

    def compose(self) -> ComposeResult:
        yield Static(t("join.panel_title"), id="join-title", markup=False)
        yield Static("", id="join-address", markup=False)
        yield Static("", id="join-code", markup=False)
        yield Static("", id="join-scan", markup=False)
        yield Static("", id="join-qr", markup=False)
        yield Static("", id="join-note", markup=False)

    def show(self, join: JoinCode | None) -> None:
        """Draw ``join`` (None or closed: joining is closed)."""
        self.join = join if join is not None and join.closed_at is None else None
        self._draw()

    def on_resize(self) -> None:
        if self.join is not None and self._pick_scale() != self.scale:
            self._draw()

    def _pick_scale(self) -> int:
        """The largest letters that leave room for the QR code on the screen."""
        if self.join is None:
            return 0
        width = self.size.width or self.app.size.width
        height = self.screen.size.height if self.is_mounted else self.app.size.height
        for scale, rows in ((2, BIG_ROWS), (1, 3)):
            fits_wide = big_code_width(self.join.code, scale) + 2 <= width
            if fits_wide and rows + QR_ROWS + 8 <= height:
                return scale
        return 0

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        address = self.query_one("#join-address", Static)
        code = self.query_one("#join-code", Static)
        scan = self.query_one("#join-scan", Static)
        qr = self.query_one("#join-qr", Static)
        note = self.query_one("#join-note", Static)
        join = self.join
        if join is None or not join.address:
            address.update(t("join.panel_closed") if join is None else t("join.panel_no_address"))
            for widget in (code, scan, qr, note):
                widget.update("")
                widget.display = False
            return
        self.scale = self._pick_scale()
        address.update(f"{t('join.panel_go_to')} {join.address}  ·  {t('join.panel_code')}:")
        code.update(big_code(join.code, self.scale) if self.scale else spaced(join.code))
        scan.update(t("join.panel_or_scan"))
        qr.update(qr_text(participant_url(join)))
        notes = []
        host = join.address.split("//", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
        if is_loopback(host):
            notes.append(t("join.panel_loopback"))
        if join.allow_anonymous:
            notes.append(t("join.anonymous_allowed"))
        note.update(" ".join(notes))
        for widget in (code, scan, qr):
            widget.display = True
        note.display = bool(notes)
