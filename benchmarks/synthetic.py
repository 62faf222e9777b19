"""Synthetic but realistic data: Dutch answers of meeting length, in every answer kind.

Rows are written straight through sqlite-utils in large batches (with the same shapes the store
uses), so making 1,000 fully answered partnerships takes seconds rather than minutes.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from grow_app.card.loader import CardCatalog
from grow_app.services.catalog import load_catalog
from grow_app.store import open_database
from grow_app.store.clock import new_id, now_iso

WORDS = [
    "partnerschap",
    "onderwijsregio",
    "samen",
    "opleiden",
    "professionaliseren",
    "werven",
    "matchen",
    "begeleiden",
    "studenten",
    "schoolbesturen",
    "lerarenopleiding",
    "inductie",
    "basiskwaliteit",
    "financiering",
    "afspraken",
    "we",
    "willen",
    "de",
    "komende",
    "periode",
    "vooral",
    "investeren",
    "in",
    "een",
    "stevige",
    "infrastructuur",
    "voor",
    "begeleiding",
    "van",
    "startende",
    "leraren",
    "en",
    "zij-instromers,",
    "met",
    "aandacht",
    "voor",
    "de",
    "verbinding",
    "tussen",
    "po",
    "vo",
    "en",
    "mbo;",
    "daarvoor",
    "is",
    "structurele",
    "facilitering",
    "nodig",
    "en",
    "duidelijke",
    "rollen",
    "voor",
    "schoolopleiders",
    "en",
    "instituutsopleiders",
    "in",
    "de",
    "regio",
]
REGIONS = ["Arnhem", "Nijmegen", "Achterhoek", "De Liemers", "Rivierenland", "Noord-Limburg"]
SECTORS = ["po", "vo", "vso", "mbo"]
STATUSES = ["ja", "deels", "nee", "nvt"]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def populate(
    db_path: Path,
    partnerships: int,
    *,
    seed: int = 7,
    catalog: CardCatalog | None = None,
    grid_every: int = 10,
) -> list[str]:
    """Fill ``db_path`` with ``partnerships`` partnerships, each with a fully answered session on
    the main card; every ``grid_every``-th (0: none) also has a grid-card session. Returns the
    session ids in the order made (the first is on the main card)."""
    rng = random.Random(seed)
    catalog = catalog or load_catalog()
    sop = catalog.get("gesprekskaart-sop")
    grid = catalog.get("strategiesessie-schaalniveaus")
    db = open_database(db_path)
    stamp = now_iso()
    p_rows, s_rows, a_rows, h_rows, st_rows, act_rows, park_rows, part_rows = ([] for _ in range(8))
    session_ids = []
    for index in range(partnerships):
        pid = new_id()
        p_rows.append(
            {
                "id": pid,
                "name": f"Partnerschap {index + 1:04d}",
                "region": REGIONS[index % len(REGIONS)],
                "sectors": json.dumps(rng.sample(SECTORS, 2)),
                "created_at": stamp,
                "updated_at": stamp,
                "deleted_at": None,
            }
        )
        cards = [sop, grid] if grid_every and index % grid_every == 0 else [sop]
        for card in cards:
            sid = new_id()
            session_ids.append(sid)
            s_rows.append(
                {
                    "id": sid,
                    "partnership_id": pid,
                    "card_id": card.id,
                    "card_version": card.version,
                    "date": "2026-03-14",
                    "facilitator": "Anna de Vries",
                    "key_message": paragraph(rng, 3),
                    "key_message_updated_at": stamp,
                    "phase_minutes": "{}",
                    "created_at": stamp,
                    "updated_at": stamp,
                    "deleted_at": None,
                }
            )
            for pos, name in enumerate(["Bram Jansen", "Chantal Bakker", "Dirk Smit"]):
                part_rows.append(
                    {
                        "id": new_id(),
                        "session_id": sid,
                        "position": pos,
                        "name": name,
                        "organisation": "HAN",
                        "role": "opleider",
                        "updated_at": stamp,
                    }
                )
            for question in card.questions():
                if question.kind == "actions":
                    for pos in range(3):
                        act_rows.append(
                            {
                                "id": new_id(),
                                "session_id": sid,
                                "question_id": question.id,
                                "position": pos,
                                "wat": sentence(rng, 8),
                                "wie": "Bram Jansen",
                                "wanneer": "juni 2026",
                                "status": "open",
                                "carried_from": None,
                                "created_at": stamp,
                                "updated_at": stamp,
                                "deleted_at": None,
                            }
                        )
                    continue
                for key in card.answer_keys(question):
                    text = paragraph(rng, rng.randint(1, 4))
                    row = {
                        "session_id": sid,
                        "question_id": question.id,
                        "item_key": key,
                        "text": text,
                        "updated_at": stamp,
                    }
                    a_rows.append(row)
                    h_rows.append(
                        {
                            **{
                                k: row[k] for k in ("session_id", "question_id", "item_key", "text")
                            },
                            "saved_at": stamp,
                        }
                    )
                if question.kind == "recommendations":
                    for item in question.items:
                        st_rows.append(
                            {
                                "session_id": sid,
                                "question_id": question.id,
                                "item_key": item.key,
                                "status": rng.choice(STATUSES),
                                "updated_at": stamp,
                            }
                        )
            park_rows.append(
                {
                    "id": new_id(),
                    "session_id": sid,
                    "position": 0,
                    "text": sentence(rng, 12),
                    "created_at": stamp,
                    "updated_at": stamp,
                    "deleted_at": None,
                }
            )
    with db.atomic():
        for table, rows in [
            ("partnerships", p_rows),
            ("sessions", s_rows),
            ("participants", part_rows),
            ("answers", a_rows),
            ("answer_history", h_rows),
            ("recommendation_statuses", st_rows),
            ("actions", act_rows),
            ("parking_lot", park_rows),
        ]:
            db[table].insert_all(rows, batch_size=500)
    db.conn.close()
    return session_ids
