"""The comparison as CSV: one row per partnership x question x item, for Excel.

UTF-8 with a byte-order mark (so Excel shows diacritics), a Dutch header, and ``;`` as the
separator: Dutch Excel uses the comma as decimal sign and expects ``;`` when a CSV file is opened
by double-clicking it. Answers keep their line breaks inside quotes. The rows are read one question
and a few hundred partnerships at a time (the key message first) and written to a temporary file
as they are made; the file is moved into place only when complete.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from grow_app.export.files import compare_filename, write_output
from grow_app.i18n import t
from grow_app.services import compare as service
from grow_app.text import clean_trimmed

if TYPE_CHECKING:
    from grow_app.services.compare import Comparison

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


def _sectors(keys: tuple[str, ...]) -> str:
    """Sector keys as the partnership list shows them ("vso" -> "(v)so")."""
    from grow_app.services.partnerships import SECTORS

    return ", ".join(SECTORS.get(key, key) for key in keys)


def compare_rows(comparison: Comparison) -> Iterator[list[str]]:
    """The rows, one question (and a chunk of sessions) at a time, as they are read."""
    card, sessions = comparison.card, comparison.sessions
    facts = {
        s.session_id: (_guard(s.name), _guard(s.region), _sectors(s.sectors)) for s in sessions
    }
    if card.key_message is not None:
        # The key message first, as in the position paper: one row per partnership.
        label = card.key_message.label
        for s in sessions:
            yield [
                *facts[s.session_id],
                s.date,
                "",
                service.KEY_MESSAGE_ROW,
                label,
                "",
                _guard(clean_trimmed(s.key_message)),
                "",
            ]
    for phase in card.phases:
        for question in phase.questions():
            for chunk, view in comparison.views(question):
                answers, statuses, labels = view.answers, view.statuses, view.labels
                for s in chunk:
                    mine = answers.get(s.session_id, {})
                    for key, label in labels:
                        status = statuses.get(s.session_id, {}).get(key, "")
                        yield [
                            *facts[s.session_id],
                            s.date,
                            phase.title,
                            question.id,
                            question.text,
                            label,
                            _guard(clean_trimmed(mine.get(key, ""))),
                            t(f"compare.status.{status}") if status else "",
                        ]


FLUSH_CHARS = 1 << 20


def write_csv(stream: BinaryIO, comparison: Comparison) -> None:
    """The CSV into ``stream`` as it is made: UTF-8 with BOM, ``;`` between fields, CRLF
    between rows. Rows gather in a small text buffer that is encoded and written every
    megabyte (encoding each row on its own cost a tenth of the time)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    stream.write("\ufeff".encode())
    writer.writerow(header())
    for row in compare_rows(comparison):
        writer.writerow(row)
        if buffer.tell() >= FLUSH_CHARS:
            stream.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    stream.write(buffer.getvalue().encode("utf-8"))


def compare_csv_bytes(comparison: Comparison) -> bytes:
    """The whole CSV file as bytes (for a small comparison; files are written as they are
    made, see :func:`write_compare_csv`)."""
    buffer = io.BytesIO()
    write_csv(buffer, comparison)
    return buffer.getvalue()


def write_compare_csv(comparison: Comparison, path: str | os.PathLike[str] | None = None) -> Path:
    """Write the CSV by the rules of every export (:mod:`grow_app.export.files`): ``path`` a
    file, a folder or None (``exports/``); an existing file is never overwritten (``-2``).
    The rows go into the temporary file as they are read, so memory stays flat however many
    partnerships there are."""

    def produce(stream: BinaryIO) -> None:
        write_csv(stream, comparison)

    return write_output(path, compare_filename(comparison.card.id, "csv"), "csv", produce)
