"""The keys that matter, for the screen the user was on (F1 or ?)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from grow_app.i18n import t
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter

HELP_MAX_WIDTH = 120


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark", "close", "ui.key.close", id="help.close"),
    ]
    DEFAULT_CSS = """
    HelpScreen DataTable { height: auto; margin-bottom: 1; }
    """

    def __init__(self, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        translate_bindings(self)
        self.bindings = bindings

    def rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every described binding, one row per action.

        The tooltip says more than the footer's short description, so it is preferred. Only
        grow's own bindings are listed (they all have an ``id``; Textual's built-in ones, such
        as the cursor keys of a table, have none and speak English).
        """
        seen: dict[tuple[str, str], list[str]] = {}
        for key, active in self.bindings.items():
            binding = active.binding
            if not binding.id or not binding.description or binding.system:
                continue
            display = binding.key_display or self.app.get_key_display(Binding(key, binding.action))
            what = binding.tooltip or binding.description
            seen.setdefault((binding.action, what), []).append(display)
        return [(" / ".join(keys), description) for (_a, description), keys in seen.items()]

    def compose(self) -> ComposeResult:
        rows = self.rows()
        always_rows = [("ctrl+p", t("ui.help.palette")), ("tab / shift+tab", t("ui.help.tab"))]
        keys = max(len(k) for k, _ in [*rows, *always_rows])
        # The explanations wrap within the dialog (never cut off at its edge on 80 columns).
        inner = (
            min(HELP_MAX_WIDTH, int(self.app.size.width * 0.96)) - 2 - 4 - 3
        )  # border, padding, bar
        what = max(20, inner - keys - 2 * 2)
        with VerticalScroll(classes="dialog", id="help-dialog"):
            yield Label(t("ui.help.title"), classes="dialog-title")
            yield Label(t("ui.help.here"))
            yield self._table("help-here", rows, keys, what)
            yield Label(t("ui.help.everywhere"))
            yield self._table("help-always", always_rows, keys, what)
            yield Static(t("ui.help.footer"))
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    @staticmethod
    def _table(name: str, rows: list[tuple[str, str]], keys: int, what: int) -> DataTable:
        table: DataTable = DataTable(show_header=False, cursor_type="none", id=name)
        table.add_column("key", width=keys)
        table.add_column("what", width=what)
        for key, description in rows:
            table.add_row(key, description, height=None)
        return table

    def on_mount(self) -> None:
        # Wider than the other dialogs: the explanations should fit on one line each.
        dialog = self.query_one("#help-dialog")
        dialog.styles.width = "96%"
        dialog.styles.max_width = HELP_MAX_WIDTH
        dialog.styles.scrollbar_size_vertical = 1

    def action_close(self) -> None:
        self.dismiss(None)
