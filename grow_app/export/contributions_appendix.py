"""The optional appendix "Inbreng van deelnemers": per question, what participants sent from
their own devices and the results of dot votes. Off by default (``--with-contributions``).

It renders a plain :class:`~grow_app.join_records.ContributionsSnapshot` (made by
``services.contributions.paper_snapshot``) into the paper's own blocks, so the Word and the
markdown writer print it like any other appendix. Labels follow the card's language, as every
label in the paper does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grow_app.export.document import Chapter, Content, Para, Table, clean, text_blocks
from grow_app.i18n.messages import join as join_texts

if TYPE_CHECKING:
    from grow_app.join_records import ContributionsSnapshot, VoteResult


def labels_for(card_language: str) -> dict[str, str]:
    return join_texts.EN if card_language.startswith("en") else join_texts.NL


def _label(labels: dict[str, str], key: str, **values: object) -> str:
    return labels[f"join.doc.{key}"].format(**values)


def _counted(labels: dict[str, str], key: str, count: int, **values: object) -> str:
    return _label(labels, f"{key}_{'one' if count == 1 else 'many'}", count=count, **values)


def _vote(result: VoteResult, labels: dict[str, str]) -> tuple[Content, ...]:
    lead = Para(_counted(labels, "vote", result.voters, budget=result.vote.budget))
    rows = tuple(
        ((Para(clean(option.label)),), (Para(str(dots)),)) for option, dots in result.totals
    )
    headers = (_label(labels, "col_option"), _label(labels, "col_dots"))
    return lead, Table(headers, rows, "votes")


def contributions_appendix(
    snapshot: ContributionsSnapshot | None, card_language: str = "nl"
) -> tuple[Chapter, ...]:
    """The appendix as one chapter (nothing when no participant sent anything)."""
    if not snapshot:
        return ()
    labels = labels_for(card_language)
    content: list[Content] = [Para(_label(labels, "intro"))]
    headers = (_label(labels, "col_contribution"), _label(labels, "col_author"))
    for question in snapshot.questions:
        content.append(Para(clean(question.question_text)))
        rows = []
        for item in question.contributions:
            cell = text_blocks(item.text)
            merged = question.merged_counts.get(item.id, 0)
            if merged:
                cell = (*cell, Para(_counted(labels, "merged", merged)))
            author = clean(item.author) or _label(labels, "anonymous")
            rows.append((cell, (Para(author),)))
        if rows:
            content.append(Table(headers, tuple(rows), "contributions"))
        for result in question.votes:
            content.extend(_vote(result, labels))
    return (Chapter(_label(labels, "title"), tuple(content)),)
