"""Where a question is on the card, as a short line ("Reality · Samen Opleiden").

Kept free of Textual imports: the opening screen of ``grow open`` uses it before the heavy
modules are loaded.
"""

from __future__ import annotations


def section_label(phase_title: str, section_title: str) -> str:
    """The section's title without its phase's name in front ("Reality: Samen Opleiden" under
    Reality reads "Samen Opleiden"); the card's text is otherwise shown as it is."""
    for separator in (":", " -", " –", " ·"):
        prefix = f"{phase_title}{separator}"
        if section_title.lower().startswith(prefix.lower()):
            rest = section_title[len(prefix) :].strip()
            if rest:
                return rest
    return section_title


def where_label(phase_title: str, section_title: str) -> str:
    """The phase, and the section when it says more than the phase."""
    section = section_label(phase_title, section_title)
    return phase_title if section == phase_title else f"{phase_title} · {section}"
