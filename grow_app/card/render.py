"""A card as readable text, for ``grow cards show`` and for comparing with the source text."""

from __future__ import annotations

from grow_app.card.models import Card
from grow_app.i18n import t


def kind_label(card: Card, kind: str, dimension: str | None = None) -> str:
    dim = card.dimension(dimension)
    return t(f"kind.{kind}", dimension=dim.label.lower() if dim else "")


def _with_key(key: str, label: str) -> str:
    """A member's label, with its key where the file writes it differently ('School/opleiding
    [school]'): the key is what a card's grid and answers refer to."""
    return label if key == label else f"{label} [{key}]"


def card_as_text(card: Card) -> str:
    lines = [card.title]
    if card.subtitle:
        lines.append(card.subtitle)
    lines.append(t("card.show_meta", card_id=card.id, version=card.version, language=card.language))
    if card.intro.strip():
        lines += ["", card.intro.strip()]
    for name, dim in card.dimensions.items():
        members = ", ".join(_with_key(m.key, m.label) for m in dim.members)
        lines += ["", f"{dim.label} ({name}): {members}"]
    for number, phase in enumerate(card.phases, start=1):
        minutes = f" ({t('card.minutes', minutes=phase.minutes)})" if phase.minutes else ""
        lines += ["", f"{number}. {phase.title}{minutes}"]
        for section in phase.sections:
            lines.append(f"   {section.title}")
            for question in section.questions:
                kind = kind_label(card, question.kind, question.dimension)
                lines.append(f"   - [{question.id}] {question.text}  <{kind}>")
                lines += [f"       - [{item.key}] {item.text}" for item in question.items]
    if card.key_message:
        lines += ["", f"{card.key_message.label}: {card.key_message.prompt}"]
    return "\n".join(lines)
