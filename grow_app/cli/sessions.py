"""``grow session``: start and list sessions."""

from __future__ import annotations

import click

from grow_app.cli.context import AppContext, pass_app
from grow_app.cli.output import echo_json, echo_table, format_option, table_or_json
from grow_app.i18n import t


def parse_participant(value: str):
    from grow_app.records import Participant

    name, organisation, role = ([part.strip() for part in value.split("|")] + ["", ""])[:3]
    return Participant(name, organisation, role)


@click.group(help="command.session")
def session() -> None:
    """Manage sessions (conversations on a card)."""


@session.command("new", help="command.session.new")
@click.argument("partnership")
@click.option("--card", "card_id", required=True, help="command.card")
@click.option("--date", default=None, metavar="JJJJ-MM-DD", help="command.session.new.date")
@click.option("--facilitator", default="", help="command.session.new.facilitator")
@click.option(
    "--participant",
    "participants",
    multiple=True,
    metavar="'NAAM|ORGANISATIE|ROL'",
    help="command.session.new.participant",
)
@pass_app
def new(
    app: AppContext,
    partnership: str,
    card_id: str,
    date: str | None,
    facilitator: str,
    participants: tuple[str, ...],
) -> None:
    """Start a new session; its id is on the last line."""
    from grow_app.cli.cards import find_card
    from grow_app.services.partnerships import find_partnership
    from grow_app.services.sessions import parse_date, start_session

    parse_date(date)  # a bad date is refused before anything else is looked up
    catalog = app.catalog
    card = find_card(app, card_id)
    owner = find_partnership(app.db, partnership)
    created = start_session(
        app.db,
        catalog,
        owner,
        card.id,
        date=date,
        facilitator=facilitator,
        participants=[parse_participant(p) for p in participants],
    )
    click.echo(t("cli.session_created", partnership=owner.name, card=card.id, date=created.date))
    click.echo(created.id)


@session.command("list", help="command.session.list")
@click.option("--partnership", default=None, help="command.session.list.partnership")
@table_or_json
@pass_app
def list_(app: AppContext, partnership: str | None, fmt: str) -> None:
    """Show sessions with their card, date and progress."""
    from grow_app.services.overview import session_overviews

    # Counted by SQLite from the cards' summaries: no meeting is loaded, nothing heavy imported.
    owner = None
    if partnership:
        from grow_app.services.partnerships import find_partnership

        owner = find_partnership(app.reader, partnership)
    rows = session_overviews(app.reader, app.card_index, owner.id if owner else None)
    if fmt == "json":
        echo_json(
            [
                {
                    "id": s.id,
                    "partnership": s.partnership_name,
                    "card": s.card_id,
                    "card_version": s.card_version,
                    "date": s.date,
                    "facilitator": s.facilitator,
                    "answered": s.answered,
                    "questions": s.questions,
                    "updated_at": s.updated_at,
                }
                for s in rows
            ]
        )
        return
    if not rows:
        click.echo(t("cli.no_sessions"))
        return
    echo_table(
        [t("col.id"), t("col.partnership"), t("col.card"), t("col.date"), t("col.progress")],
        [
            (
                s.id[:8],
                s.partnership_name,
                s.card_id,
                s.date,
                _progress(s.card_missing, s.answered, s.questions),
            )
            for s in rows
        ],
    )


@session.command("show", help="command.session.show")
@click.argument("session_ref", metavar="SESSIE")
@format_option("text", "json", help="command.session.show.format")
@pass_app
def show(app: AppContext, session_ref: str, fmt: str) -> None:
    """Show one session (its id or the start of it)."""
    from grow_app.services.overview import participants, session_overview

    item = session_overview(app.reader, app.card_index, session_ref)
    if item is None:  # unknown, ambiguous or in the trash: the careful lookup says which
        from grow_app.services.sessions import find_session

        found = find_session(app.existing_db, session_ref)
        item = session_overview(app.reader, app.card_index, found.id)
        if item is None:
            raise AssertionError(f"session {found.id} found but not listed")
    card_missing, answered, total = item.card_missing, item.answered, item.questions
    people = participants(app.reader, item.id)
    if fmt == "json":
        echo_json(
            {
                "id": item.id,
                "partnership": item.partnership_name,
                "partnership_id": item.partnership_id,
                "card": item.card_id,
                "card_version": item.card_version,
                "date": item.date,
                "facilitator": item.facilitator,
                "participants": [
                    {"name": p["name"], "organisation": p["organisation"], "role": p["role"]}
                    for p in people
                ],
                "key_message": item.key_message,
                "answered": answered,
                "questions": total,
                "created_at": item.created_at,
                "updated_at": item.updated_at,
            }
        )
        return
    names = ", ".join(_person(p) for p in people)
    fields = [
        (t("col.id"), item.id),
        (t("col.partnership"), item.partnership_name),
        (t("col.card"), f"{item.card_id} ({item.card_version})"),
        (t("col.date"), item.date),
        (t("col.facilitator"), item.facilitator or "-"),
        (t("col.participants"), names or "-"),
        (t("col.progress"), _progress(card_missing, answered, total)),
        (t("col.key_message"), item.key_message or "-"),
    ]
    width = max(len(label) for label, _ in fields)
    for label, value in fields:
        click.echo(f"{label.ljust(width)}  {value}")


def _progress(card_missing: bool, answered: int, total: int) -> str:
    """'12/40', or 'kaart ontbreekt' when the session's card is not installed here."""
    return t("cli.card_missing") if card_missing else f"{answered}/{total}"


def _person(participant: dict) -> str:
    """'Naam (organisatie, rol)', leaving out what is empty."""
    extra = ", ".join(x for x in (participant["organisation"], participant["role"]) if x)
    return f"{participant['name']} ({extra})" if extra else participant["name"]
