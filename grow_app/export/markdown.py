"""The position paper as markdown (for e-mail and wikis): the same document model as the .docx.

Headings shift one level down from Word's (the paper's title is ``#``, a phase ``##``, a section
``###``, a question ``####``, or ``###`` where its section has no heading of its own); tables are pipe tables with ``<br>`` between lines of a cell.
"""

from __future__ import annotations

import re

from grow_app.export.document import Block, Bullet, Chapter, Content, Paper, Para, Table

_LEADING_MARKUP = re.compile(r"^(\s*)([#>+=]|[-*_]{3,}\s*$)")
_ORDERED = re.compile(r"^(\s*\d+)([.)]\s)")
_INLINE = re.compile(r"([\\`*_\[\]<>])")


def escape(text: str) -> str:
    """Keep the text as typed: no accidental headings, lists, emphasis or html."""
    text = _INLINE.sub(r"\\\1", text)
    text = _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _LEADING_MARKUP.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _block(block: Block) -> str:
    return f"- {escape(block.text)}" if isinstance(block, Bullet) else escape(block.text)


def _cell(blocks: tuple[Block, ...]) -> str:
    lines = [f"• {escape(b.text)}" if isinstance(b, Bullet) else escape(b.text) for b in blocks]
    return "<br>".join(line.replace("|", "\\|") for line in lines)


def table_lines(table: Table) -> list[str]:
    count = max(len(table.headers), max((len(r) for r in table.rows), default=0))
    if count == 0:
        return []
    headers = [escape(h).replace("|", "\\|") for h in table.headers] or [""] * count
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * count]
    for row in table.rows:
        cells = [_cell(row[i]) if i < len(row) else "" for i in range(count)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _content(items: tuple[Content, ...]) -> list[str]:
    out: list[str] = []
    previous_bullet = False
    for item in items:
        if isinstance(item, Table):
            out += ["", *table_lines(item)]
            previous_bullet = False
            continue
        bullet = isinstance(item, Bullet)
        if not (bullet and previous_bullet):
            out.append("")
        out.append(_block(item))
        previous_bullet = bullet
    return out


def _chapter(chapter: Chapter) -> list[str]:
    return ["", f"## {escape(chapter.title)}", *_content(chapter.content)]


def render_markdown(paper: Paper) -> str:
    lines = [f"# {escape(paper.title)}"]
    if paper.partnership:
        lines += ["", f"**{escape(paper.partnership)}**"]
    facts = [
        (paper.label("region"), paper.region),
        (paper.label("date"), paper.date_text),
        (paper.label("card"), paper.card_fact),
        (paper.label("facilitator"), paper.facilitator),
    ]
    lines += [""] + [f"{escape(k)}: {escape(v)}  " for k, v in facts if v]
    lines[-1] = lines[-1].rstrip()
    if paper.participants:
        people = Table(
            (
                paper.label("participants"),
                paper.label("col_organisation"),
                paper.label("col_role"),
            ),
            tuple(tuple(((Para(v),) if v else ()) for v in p) for p in paper.participants),
        )
        lines += ["", *table_lines(people)]
    for chapter in paper.front:
        lines += _chapter(chapter)
    for phase in paper.phases:
        lines += ["", f"## {escape(phase.title)}"]
        for section in phase.sections:
            if section.title:
                lines += ["", f"### {escape(section.title)}"]
            for question in section.questions:
                marks = "#" * (section.question_level + 1)
                lines += ["", f"{marks} {escape(question.title)}", *_content(question.content)]
    for chapter in paper.appendix:
        lines += _chapter(chapter)
    return "\n".join(lines) + "\n"
