"""The trash: what was deleted from the home screen, and a way back (Enter restores)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from grow_app.i18n import t
from grow_app.ui.typed_app import grow_of
from grow_app.ui.widgets.bindings import translate_bindings
from grow_app.ui.widgets.steady_footer import SteadyFooter
from grow_app.ui.widgets.writes import TaskRunner


class TrashScreen(TaskRunner, ModalScreen[bool]):
    """Dismisses with True if anything was restored (so the home screen reloads)."""

    BINDINGS = [Binding("escape", "close", "ui.key.close", id="trash.close")]
    DEFAULT_CSS = """
    TrashScreen DataTable { height: auto; max-height: 20; }
    """

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.restored = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("ui.trash.title"), classes="dialog-title")
            yield Static("", id="trash-hint")
            yield DataTable(show_header=False, cursor_type="row", id="trash-table")
        yield SteadyFooter(compact=True, show_command_palette=False)  # this dialog's keys

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        from grow_app.services.trash import list_trash

        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("kind", "label", "deleted")
        items = list_trash(grow_of(self).context.db)
        for item in items:
            table.add_row(
                t(f"ui.trash.{item['kind']}"),
                item["label"],
                (item["deleted_at"] or "")[:16].replace("T", " "),
                key=f"{item['kind']}:{item['id']}",
            )
        self.query_one("#trash-hint", Static).update(
            t("ui.trash.hint") if items else t("ui.trash.empty")
        )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from grow_app.services.trash import restore_item

        event.stop()
        kind, item_id = str(event.row_key.value).split(":", 1)
        label = str(event.data_table.get_row(event.row_key)[1])

        def restored(result: object) -> None:
            if result:
                self.restored = True
                self.notify(t("ui.trash.restored", label=label))
            self.reload()

        self.run_write("restore", lambda db: restore_item(db, kind, item_id), restored)

    def action_close(self) -> None:
        self.dismiss(self.restored)
