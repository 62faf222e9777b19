"""``grow cards``: list, show and check conversation cards."""

from __future__ import annotations

from pathlib import Path

import click

from grow_app.cli.context import AppContext, pass_app
from grow_app.cli.output import echo_json, echo_table, format_option
from grow_app.i18n import t, tn


@click.group(help="command.cards")
def cards() -> None:
    """View and check cards."""


@cards.command("list", help="command.cards.list")
@pass_app
def list_cards(app: AppContext) -> None:
    """Show every card grow knows."""
    # The cards' summaries (checked once per file version): no pydantic models to import.
    rows = [
        (card.id, card.title, card.version, card.language, card.question_count, card.source)
        for card in app.card_index
    ]
    echo_table(
        [
            t("col.id"),
            t("col.title"),
            t("col.version"),
            t("col.language"),
            t("col.questions"),
            t("col.source"),
        ],
        rows,
    )


def find_card(app: AppContext, card_id: str):
    """The card ``card_id``; an unknown id also says where to see the ids."""
    from grow_app.errors import NotFoundError

    try:
        return app.catalog.get(card_id)
    except NotFoundError as err:
        raise NotFoundError(f"{err.message} {t('cli.cards_hint')}") from None


@cards.command("show", help="command.cards.show")
@click.argument("card_id")
@format_option("text", "json", help="command.cards.show.format")
@pass_app
def show_card(app: AppContext, card_id: str, fmt: str) -> None:
    """Show a card: its phases, sections and questions."""
    card = find_card(app, card_id)
    if fmt == "json":
        from grow_app.card.models import card_as_json

        echo_json(card_as_json(card))
        return
    from grow_app.card.render import card_as_text

    click.echo(card_as_text(card))


@cards.command("check", help="command.cards.check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
def check_cards(files: tuple[Path, ...]) -> None:
    """Check card files (TOML); one line per problem."""
    from grow_app.card.loader import check_card_file

    broken = 0
    for path in files:
        card, problems = check_card_file(path)
        if card is not None:
            click.echo(
                t("card.ok", file=path, card_id=card.id, questions=sum(1 for _ in card.questions()))
            )
            continue
        broken += 1
        for problem in problems:
            click.echo(str(problem))
    if broken:
        click.echo(tn("card.invalid_summary", broken), err=True)
        raise SystemExit(1)
