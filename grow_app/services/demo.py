"""The example database behind ``grow demo``: three real partnership names (from the annex of the
RA-ZON application), every answer marked ``[Voorbeeld]``, both cards, and one partnership with a
session in 2025 and one in 2026, so the compare screen has something to show at once.

It lives in its own file (``demo.db``) and is only ever replaced if that file is itself marked as
an example database: a real database is never overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.card.loader import CardCatalog
from grow_app.card.models import Card, grid_key
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.records import Participant
from grow_app.services.meeting import Meeting
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import open_database
from grow_app.store.demo import is_demo_file, mark_as_demo

if TYPE_CHECKING:
    from sqlite_utils import Database

SOP_CARD = "gesprekskaart-sop"
GRID_CARD = "strategiesessie-schaalniveaus"

DEMO_PREFIX = "[Voorbeeld]"
"""Marks every text of the sample data, which is written in its (Dutch) cards' language, like
the rest of the sample's texts; not an interface text."""

# (name, onderwijsregio, sectors, short name used in the example texts)
PARTNERSHIPS = [
    ("AOS Oost Nederland", "Achterhoek", ["vo"], "AOS"),
    ("Opleidingsschool Nijmegen MBO (ON MBO)", "Rijk van Nijmegen", ["mbo"], "ON MBO"),
    ("Veelzijdig opleiden in diversiteit", "Rijk van Nijmegen", ["po", "vso"], "VOID"),
]

# Example sentences per phase; each partnership gets a different one (clearly not real answers).
EXAMPLES = {
    "goal": [
        "Wij willen samen genoeg goede leraren opleiden en behouden voor de scholen in onze regio.",
        "Ons doel is dat elke student een rijke leeromgeving krijgt, in de school én in de opleiding.",
        "We willen zij-instromers en studenten beter begeleiden, zodat minder mensen uitvallen.",
    ],
    "reality": [
        "De samenwerking tussen scholen en opleidingen is sterk; de facilitering van begeleiders blijft een zorg.",
        "We hebben een goed netwerk van schoolopleiders, maar weinig zicht op de cijfers van de regio.",
        "De afstemming met andere partnerschappen in de onderwijsregio staat nog in de kinderschoenen.",
    ],
    "options": [
        "We kunnen werving en matching samen met de andere partnerschappen in de regio oppakken.",
        "Een gezamenlijke pool van opleiders in de school zou de kwaliteit borgen.",
        "We kiezen voor een lichte structuur: samenwerken waar het meerwaarde heeft, de rest blijft bij de besturen.",
    ],
}
# A recommendation's explanation must agree with its status: one example text per status.
RECOMMENDATION_EXAMPLES = {
    "ja": "Dit geldt voor ons: we zijn aangehaakt via het regionale overleg.",
    "deels": "Deels: het gesprek wordt gevoerd, maar nog niet vanuit de gezamenlijke opdracht.",
    "nee": "Hier moeten we nog aan werken; we nemen het mee naar het bestuur.",
    "nvt": "Dit speelt voor ons partnerschap niet; de besturen regelen dit zelf.",
}
GRID_EXAMPLES = [
    "gezamenlijke wervingscampagne",
    "matchen van studenten aan stageplekken",
    "opleiden in de school met vaste opleiders",
    "inductieprogramma voor startende leraren",
    "gezamenlijk scholingsaanbod",
]
STATUS_ROTATION = ["ja", "deels", "nee", "ja", "nvt", "deels"]


def _example(prefix: str, short: str, phase_id: str, index: int, year: str) -> str:
    texts = EXAMPLES.get(phase_id) or EXAMPLES["reality"]
    return f"{prefix} {short} ({year}): {texts[index % len(texts)]}"


def _fill_sop(meeting: Meeting, short: str, offset: int, year: str) -> None:
    prefix = DEMO_PREFIX
    card = meeting.card
    for index, (phase, _section, question) in enumerate(card.locate()):
        if question.kind == "actions":
            meeting.add_action(
                f"{prefix} Notitie voor het bestuur opstellen", short, f"juni {year}"
            )
            meeting.add_action(
                f"{prefix} Gesprek met de onderwijsregio plannen",
                "coördinator",
                f"september {year}",
            )
            continue
        for k, key in enumerate(card.answer_keys(question)):
            if question.kind == "recommendations":
                status = STATUS_ROTATION[(k + offset) % len(STATUS_ROTATION)]
                text = f"{prefix} {short} ({year}): {RECOMMENDATION_EXAMPLES[status]}"
                meeting.save_answer(question.id, key, text)
                meeting.set_status(question.id, key, status)
                continue
            meeting.save_answer(
                question.id, key, _example(prefix, short, phase.id, index + k + offset, year)
            )
    meeting.park(f"{prefix} Hoe betrekken we de kinderopvang en de gemeente?")
    meeting.set_key_message(
        f"{prefix} {short} wil de onderwijsregio mee vormgeven, met Samen Opleiden als basis."
    )


def _fill_grid(meeting: Meeting, short: str, offset: int) -> None:
    prefix = DEMO_PREFIX
    card: Card = meeting.card
    question = next(q for q in card.questions() if q.kind == "grid")
    rows = card.dimension(question.rows)
    cols = card.dimension(question.columns)
    assert rows and cols
    for r_index, row in enumerate(rows.members):
        for c_index, col in enumerate(cols.members):
            # A different pattern per partnership, so the heatmap shows 0 to 3 per cell.
            if (r_index * (offset + 1) + c_index) % (offset + 2) != 1:
                activity = GRID_EXAMPLES[(r_index + offset) % len(GRID_EXAMPLES)]
                meeting.save_answer(
                    question.id, grid_key(row.key, col.key), f"{prefix} {short}: {activity}"
                )
    meeting.set_key_message(
        f"{prefix} {short}: veel kan op schoolniveau, werven hoort in de regio."
    )


def fill_demo(db: Database, catalog: CardCatalog) -> int:
    """Add the example partnerships and sessions to ``db``; returns the number of partnerships."""
    sop = catalog.get(SOP_CARD)
    grid = catalog.cards.get(GRID_CARD)
    for offset, (name, region, sectors, short) in enumerate(PARTNERSHIPS):
        partnership = add_partnership(db, name, region, sectors)
        people = [Participant(f"{DEMO_PREFIX} Deelnemer {n}", short, "") for n in (1, 2)]
        years = ["2025", "2026"] if offset == 0 else ["2026"]
        for year_index, year in enumerate(years):
            session = start_session(
                db,
                catalog,
                partnership,
                sop.id,
                date=f"{year}-03-1{offset + 1}",
                facilitator=f"{DEMO_PREFIX} Gespreksleider",
                participants=people,
            )
            _fill_sop(Meeting(db, sop, session), short, 2 * offset + year_index, year)
        if grid is not None:
            session = start_session(
                db, catalog, partnership, grid.id, date=f"2026-02-0{offset + 1}"
            )
            _fill_grid(Meeting(db, grid, session), short, offset)
    mark_as_demo(db)
    return len(PARTNERSHIPS)


def create_demo_database(path: Path, catalog: CardCatalog) -> int:
    """Make (or make again) the example database at ``path``; refuses any other existing file."""
    path = Path(path)
    if path.exists():
        if not is_demo_file(path):
            raise GrowError(t("demo.not_demo", path=path))
        for suffix in ("", "-wal", "-shm"):
            extra = Path(f"{path}{suffix}")
            if extra.exists():
                os.unlink(extra)
    db = open_database(path)
    try:
        return fill_demo(db, catalog)
    finally:
        db.conn.close()
