"""A top-bar label that changes often (grow_app.ui.widgets.steady_label): the screen is laid out
again only when the text's width changes, and the label always shows its whole text."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from grow_app.ui.widgets.steady_label import show_text


class TopBar(App[None]):
    CSS = "Label { width: auto; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("", id="saved", markup=False)
            yield Label("rechts", id="next", markup=False)


async def test_same_width_redraws_the_label_only_and_a_new_width_moves_its_neighbour():
    app = TopBar()
    async with app.run_test(size=(60, 3)) as pilot:
        saved, neighbour = app.query_one("#saved", Label), app.query_one("#next", Label)
        layouts: list[bool] = []
        update = saved.update

        def spy(content="", *, layout=True):
            layouts.append(layout)
            update(content, layout=layout)

        saved.update = spy  # type: ignore[method-assign]

        show_text(saved, "Opgeslagen 10:00:01")
        await pilot.pause()
        assert saved.region.width == len("Opgeslagen 10:00:01") + 2
        assert neighbour.region.x == saved.region.right

        show_text(saved, "Opgeslagen 10:00:02")  # the next second: as wide
        await pilot.pause()
        assert "Opgeslagen 10:00:02" in str(saved.render())
        assert saved.region.width == len("Opgeslagen 10:00:02") + 2

        show_text(saved, "Opgeslagen 10:00:02")  # saved again within the second: nothing
        show_text(saved, "Niet opgeslagen")  # narrower: laid out again
        await pilot.pause()
        assert saved.region.width == len("Niet opgeslagen") + 2
        assert neighbour.region.x == saved.region.right
        assert layouts == [True, False, True]
