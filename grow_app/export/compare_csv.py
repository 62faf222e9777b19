"""The comparison as CSV: one row per partnership x question x item, for Excel.

UTF-8 with a byte-order mark (so Excel shows diacritics), a Dutch header, and ``;`` as the
separator: Dutch Excel uses the comma as decimal sign and expects ``;`` when a CSV file is opened
by double-clicking it. Answers keep their line breaks inside quotes. The rows are written one
question at a time and the file is moved into place only when complete.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.services import compare as service
from grow_app.text import clean_text

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.models import Card
    from grow_app.services.compare import ComparedSession

DELIMITER = ";"
COLUMNS = (
    "partnership",
    "region",
    "sectors",
    "date",
    "phase",
    "question_id",
    "question",
    "item",
    "answer",
    "status",
)


def header() -> list[str]:
    return [t(f"compare.col.{name}") for name in COLUMNS]


def _guard(value: str) -> str:
    """Text that Excel would run as a formula gets a leading apostrophe; a list that starts
    with "- " is left alone."""
    risky = value[:1] in ("=", "+", "@") or (value[:1] == "-" and value[1:2] not in (" ", ""))
    return "'" + value if risky else value


def compare_rows(db: Database, card: Card, sessions: list[ComparedSession]) -> Iterator[list[str]]:
    for phase in card.phases:
        for question in phase.questions():
            answers = service.question_answers(db, sessions, question)
            statuses = (
                service.question_statuses(db, sessions, question)
                if question.kind == "recommendations"
                else {}
            )
            labels = service.item_labels(card, question)
            for s in sessions:
                mine = answers.get(s.session_id, {})
                for key, label in labels:
                    status = statuses.get(s.session_id, {}).get(key, "")
                    yield [
                        _guard(s.name),
                        _guard(s.region),
                        ", ".join(s.sectors),
                        s.date,
                        phase.title,
                        question.id,
                        question.text,
                        label,
                        _guard(clean_text(mine.get(key, "")).strip()),
                        t(f"compare.status.{status}") if status else "",
                    ]


def write_compare_csv(
    db: Database, card: Card, sessions: list[ComparedSession], path: Path
) -> Path:
    path = Path(path)
    if path.is_dir():
        raise GrowError(t("bundle.cannot_write", file=path, reason=t("bundle.not_a_file")))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".grow-", suffix=".csv")
        try:
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
                writer.writerow(header())
                writer.writerows(compare_rows(db, card, sessions))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as err:
        raise GrowError(t("bundle.cannot_write", file=path, reason=err.strerror or err)) from err
    return path
