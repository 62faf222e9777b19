"""Importing bundles: every file checked completely (:mod:`grow_app.services.bundle_check`),
then merged in one transaction.

Merge rules (documented for users in ``docs/bundle-format.md``):

- A partnership matches by UUID, then by exact name; otherwise it is added with the bundle's UUID.
  A partnership matched by name is never changed by the bundle (its UUID differs).
- A session matches by UUID; a new one is added under the matched partnership.
- Per answer, recommendation status, action and parking-lot item: the same text → *unchanged*;
  the incoming one is newer (its ``updated_at``) → *updated* (an answer also gets a history
  row); missing here → *new*; here and newer or as new but different → *conflict*: the local
  version is kept and counted, so nothing typed on this laptop is overwritten by an older copy.
- Nothing gets a new timestamp: the bundle's own times are stored, so importing the same bundle
  again finds everything equal and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grow_app.card.loader import CardCatalog
from grow_app.card.models import Card
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.records import KEY_MESSAGE_ID
from grow_app.services.bundle_check import stage_bundles
from grow_app.services.bundle_schema import Bundle
from grow_app.services.contributions_import import merge_contributions
from grow_app.store import bundles as store
from grow_app.store import live
from grow_app.store.connection import write
from grow_app.text import clean_text, clean_trimmed

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass
class ImportReport:
    """What one bundle did to the database."""

    file: str
    partnership: str = ""
    matched_by: str = ""  # "uuid", "name" or "new"
    session_new: bool = False
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    conflict_keys: list[str] = field(default_factory=list)

    def count(self, outcome: str, key: str = "") -> None:
        """Count one outcome; ``key`` names a conflict for people (a question's text, ...)."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        named = outcome == "conflicts" and key and key not in self.conflict_keys
        if named and len(self.conflict_keys) < 10:
            self.conflict_keys.append(key)

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated)


# -- merging --------------------------------------------------------------------------------------
def import_bundles(db: Database, catalog: CardCatalog, paths: Iterable[Path]) -> list[ImportReport]:
    """Validate all files, then merge them all in ONE transaction: if any file is refused (or
    anything fails while writing) the database is left exactly as it was."""
    with stage_bundles(paths, catalog) as staged:
        return merge_staged(db, catalog, staged)


def merge_staged(
    db: Database, catalog: CardCatalog, staged: Iterable[tuple[str, Bundle]]
) -> list[ImportReport]:
    """Merge bundles already checked by :func:`stage_bundles`, all in one transaction."""
    reports = []
    with write(db):
        for name, bundle in staged:
            reports.append(merge_bundle(db, catalog.get(bundle.session.card_id), bundle, name))
    return reports


def _match_partnership(db: Database, bundle: Bundle, report: ImportReport) -> str:
    incoming = bundle.partnership
    name = clean_trimmed(incoming.name) or incoming.id
    row: dict[str, Any] = {
        "id": incoming.id,
        "name": name,
        "region": clean_trimmed(incoming.region),
        "sectors": [clean_trimmed(s).lower() for s in incoming.sectors],
        "created_at": incoming.updated_at,
        "updated_at": incoming.updated_at,
    }
    local = store.partnership_by_id(db, incoming.id)
    if local is not None:
        report.matched_by, report.partnership = "uuid", local["name"]
        same = (local["name"], local["region"], json.loads(local["sectors"] or "[]")) == (
            row["name"],
            row["region"],
            row["sectors"],
        )
        if same:
            report.count("unchanged")
        elif incoming.updated_at > local["updated_at"]:
            taken = [
                p for p in store.partnerships_by_exact_name(db, name) if p["id"] != local["id"]
            ]
            if taken:  # never two partnerships with one name: keep the local name
                row["name"] = local["name"]
            store.update_partnership(db, local["id"], row)
            report.partnership = row["name"]
            report.count("updated")
        else:
            report.count("conflicts", t("import.what.partnership"))
        return local["id"]
    by_name = store.partnerships_by_exact_name(db, name)
    if by_name:
        report.matched_by, report.partnership = "name", by_name[0]["name"]
        return by_name[0]["id"]
    store.insert_partnership(db, row)
    report.matched_by, report.partnership = "new", name
    report.count("new")
    return incoming.id


def _session_fields(bundle: Bundle) -> dict:
    s = bundle.session
    return {
        "id": s.id,
        "card_id": s.card_id,
        "card_version": s.card_version,
        "date": s.date,
        "facilitator": clean_trimmed(s.facilitator),
        "key_message": clean_text(s.key_message),
        "key_message_updated_at": s.key_message_updated_at,
        "phase_minutes": dict(s.phase_minutes),
        "created_at": s.created_at,
        "updated_at": s.updated_at,
    }


def _participants(bundle: Bundle) -> list[dict]:
    return [
        {
            "id": p.id,
            "name": clean_trimmed(p.name),
            "organisation": clean_trimmed(p.organisation),
            "role": clean_trimmed(p.role),
        }
        for p in bundle.session.participants
        if p.name.strip()
    ]


def _merge_session(
    db: Database, card: Card, bundle: Bundle, partnership_id: str, report: ImportReport
) -> bool:
    """Add or update the session's own fields; returns True if anything was written."""
    incoming = _session_fields(bundle)
    participants = _participants(bundle)
    local = store.session_row(db, incoming["id"])
    if local is None:
        store.insert_session(db, partnership_id, incoming)
        store.replace_participants(db, incoming["id"], participants, incoming["updated_at"])
        if incoming["key_message"] and incoming["key_message_updated_at"]:
            store.append_key_message_history(
                db,
                incoming["id"],
                KEY_MESSAGE_ID,
                incoming["key_message"],
                incoming["key_message_updated_at"],
            )
        report.session_new = True
        report.count("new")
        return True
    if local["card_id"] != card.id:
        raise GrowError(t("bundle.session_other_card", file=report.file, card=local["card_id"]))
    changed = False
    details = ("date", "facilitator", "card_version")
    local_details = {k: local[k] for k in details} | {
        "phase_minutes": json.loads(local["phase_minutes"] or "{}"),
        "participants": store.participants_of(db, local["id"]),
    }
    incoming_details = {k: incoming[k] for k in details} | {
        "phase_minutes": incoming["phase_minutes"],
        "participants": participants,
    }
    if local_details == incoming_details:
        report.count("unchanged")
    elif incoming["updated_at"] > local["updated_at"]:
        store.update_session(db, local["id"], {k: incoming[k] for k in (*details, "phase_minutes")})
        store.replace_participants(db, local["id"], participants, incoming["updated_at"])
        report.count("updated")
        changed = True
    else:
        report.count("conflicts", t("import.what.session"))
    return _merge_key_message(db, card, incoming, local, report) or changed


def _merge_key_message(
    db: Database, card: Card, incoming: dict, local: dict, report: ImportReport
) -> bool:
    """The key message has its own timestamp, so it merges like an answer; True if written."""
    if incoming["key_message"] == local["key_message"]:
        report.count("unchanged")
    elif (incoming["key_message_updated_at"] or "") > (local["key_message_updated_at"] or ""):
        store.update_session(
            db,
            local["id"],
            {
                "key_message": incoming["key_message"],
                "key_message_updated_at": incoming["key_message_updated_at"],
            },
        )
        store.append_key_message_history(
            db,
            local["id"],
            KEY_MESSAGE_ID,
            incoming["key_message"],
            incoming["key_message_updated_at"] or incoming["updated_at"],
        )
        report.count("updated")
        return True
    else:
        label = card.key_message.label if card.key_message else KEY_MESSAGE_ID
        report.count("conflicts", _quoted(label))
    return False


def _short(text: str, limit: int) -> str:
    text = " ".join(clean_text(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(" ,.;:?(") + "…"


def _quoted(text: str, limit: int = 45) -> str:
    """'Hoe zien wij onze gezamenlijke doelen…': short enough to read in a report line."""
    return f"'{_short(text, limit)}'"


def _question_label(card: Card, question_id: str, item_key: str = "") -> str:
    """The question's text (shortened) and, for a sub-item, the sub-item's; never an id."""
    question = next((q for q in card.questions() if q.id == question_id), None)
    if question is None:
        return _quoted(question_id)
    item = next((i for i in question.items if i.key == item_key), None) if item_key else None
    if item is None:
        return _quoted(question.text)
    stem = _short(question.text, 45)
    separator = " " if stem.endswith(":") else " – "  # "Het is aan te bevelen dat: het ..."
    return f"'{stem}{separator}{_short(item.text, 30)}'"


def _merge_answers(
    db: Database, card: Card, session_id: str, bundle: Bundle, report: ImportReport
) -> None:
    local = store.answers_of(db, session_id)
    writes: list[tuple[str, str, str, str, str]] = []  # one statement for all (keys are unique)
    for answer in bundle.answers:
        key = (answer.question_id, answer.item_key)
        text = clean_text(answer.text)
        mine = local.get(key)
        if mine is None:
            if text:
                writes.append((session_id, *key, text, answer.updated_at))
                report.count("new")
            else:
                report.count("unchanged")
        elif mine[0] == text:
            report.count("unchanged")
        elif answer.updated_at > mine[1]:
            writes.append((session_id, *key, text, answer.updated_at))
            report.count("updated")
        else:
            report.count("conflicts", _question_label(card, *key))
    live.put_answers(db.conn, writes)
    local_statuses = store.statuses_of(db, session_id)
    for status in bundle.statuses:
        key = (status.question_id, status.item_key)
        mine = local_statuses.get(key)
        if mine is None:
            store.put_status(db, session_id, *key, status.status, status.updated_at)
            report.count("new")
        elif mine[0] == status.status:
            report.count("unchanged")
        elif status.updated_at > mine[1]:
            store.put_status(db, session_id, *key, status.status, status.updated_at)
            report.count("updated")
        else:
            report.count("conflicts", _question_label(card, *key))


def _row_label(table: str, row: dict) -> str:
    if table == "actions":
        return t("import.what.action", text=_quoted(row.get("wat") or row["id"][:8]))
    return t("import.what.parking", text=_quoted(row.get("text") or row["id"][:8]))


def _merge_rows(
    db: Database, table: str, session_id: str, rows: list[dict], report: ImportReport
) -> None:
    local = store.rows_by_id(db, table, [r["id"] for r in rows])
    for row in rows:
        mine = local.get(row["id"])
        if mine is None:
            store.put_row(db, table, session_id, row)
            report.count("new")
        elif mine["session_id"] != session_id:
            report.count("conflicts", _row_label(table, row))  # never touch another session's
        elif all(mine[k] == v for k, v in row.items()):
            report.count("unchanged")
        elif row["updated_at"] > mine["updated_at"]:
            store.put_row(db, table, session_id, row)
            report.count("updated")
        else:
            report.count("conflicts", _row_label(table, row))


def merge_bundle(db: Database, card: Card, bundle: Bundle, name: str) -> ImportReport:
    """Merge one validated bundle; call inside a write transaction."""
    report = ImportReport(file=name)
    partnership_id = _match_partnership(db, bundle, report)
    _merge_session(db, card, bundle, partnership_id, report)
    session_id = bundle.session.id
    _merge_answers(db, card, session_id, bundle, report)
    actions = [
        {
            "id": a.id,
            "question_id": a.question_id,
            "position": a.position,
            "wat": clean_text(a.wat),
            "wie": clean_text(a.wie),
            "wanneer": clean_text(a.wanneer),
            "status": a.status,
            "carried_from": a.carried_from,
            "created_at": a.created_at,
            "updated_at": a.updated_at,
            "deleted_at": a.deleted_at,
        }
        for a in bundle.actions
    ]
    _merge_rows(db, "actions", session_id, actions, report)
    parking = [
        {
            "id": p.id,
            "position": p.position,
            "text": clean_text(p.text),
            "created_at": p.created_at,
            "updated_at": p.updated_at,
            "deleted_at": p.deleted_at,
        }
        for p in bundle.parking_lot
    ]
    _merge_rows(db, "parking_lot", session_id, parking, report)
    merge_contributions(
        db,
        card,
        session_id,
        [c.model_dump() for c in bundle.contributions],
        [v.model_dump() for v in bundle.votes],
        report,
    )
    if report.changed and not report.session_new:
        # 'last changed' moves forward to the bundle's time, never to the time of the import.
        store.touch_session(db, session_id, bundle.session.updated_at)
    return report
