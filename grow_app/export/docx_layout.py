"""How Word tables and headings sit on the page; shared by the position paper and the comparison.

- Rows never split over two pages (``w:cantSplit``) and a header row repeats on every page
  (``w:tblHeader``): :func:`row_properties`, or :func:`row_properties_xml` for rows written as
  text (:mod:`grow_app.export.docx_rows`).
- A heading, a lead-in line, a header row and the first row of a table stay with what follows
  (``w:keepNext``), and a table never leaves its last row alone on a page: :func:`keep_rows`.
- Column widths give every column room for its longest word, so "Programmamanager" or
  "Onderwijsregio" never break in the middle: :func:`column_widths`.

Fields, the table of contents and the document's properties: :mod:`grow_app.export.docx_fields`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from docx.oxml.ns import qn
from lxml import etree

W_VAL = qn("w:val")

# -- paragraph and row properties -------------------------------------------------------------------
# w:pPr's children in the order the schema requires (the ones grow writes, and their neighbours).
_PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
_PPR_TAG = {name: qn(f"w:{name}") for name in _PPR_ORDER}
_PPR_RANK = {tag: rank for rank, tag in enumerate(_PPR_TAG.values())}
_P_PR = qn("w:pPr")


def paragraph_property(p: etree._Element, name: str) -> etree._Element:
    """The ``w:<name>`` child of ``p``'s paragraph properties, added in schema order if missing."""
    ppr = p.find(_P_PR)
    if ppr is None:
        ppr = etree.Element(_P_PR)
        p.insert(0, ppr)
    tag = _PPR_TAG[name]
    found = ppr.find(tag)
    if found is not None:
        return found
    element = etree.Element(tag)
    rank = _PPR_RANK[tag]
    later = next((c for c in ppr if _PPR_RANK.get(c.tag, len(_PPR_ORDER)) > rank), None)
    if later is not None:
        later.addprevious(element)
    else:
        ppr.append(element)
    return element


def keep_with_next(p: etree._Element) -> None:
    """Keep paragraph ``p`` on the same page as the next one (a heading with its text)."""
    paragraph_property(p, "keepNext")


def row_properties(tr: etree._Element, *, header: bool = False) -> None:
    """The row never splits over two pages; a header row repeats at the top of every page."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = etree.Element(qn("w:trPr"))
        tcs = tr.findall(qn("w:tc"))
        (tcs[0].addprevious(trpr) if tcs else tr.append(trpr))
    if trpr.find(qn("w:cantSplit")) is None:
        etree.SubElement(trpr, qn("w:cantSplit"))
    if header and trpr.find(qn("w:tblHeader")) is None:
        etree.SubElement(trpr, qn("w:tblHeader"))


def row_properties_xml(*, header: bool = False) -> str:
    """:func:`row_properties` as the text of a ``w:trPr`` (for rows written as XML text)."""
    return "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"


def kept_rows(count: int, *, header: bool) -> set[int]:
    """Which of ``count`` rows keep with the next one: the header row and the first row after
    it (a table never breaks right after its header or its first row), and the last but one
    (its last row is never left alone on a new page). A table of up to five rows stays whole."""
    first = 1 if header else 0
    if count - first <= 5:
        return set(range(count - 1))
    return {*range(first + 1), count - 2}


def keep_rows(tbl: etree._Element, *, header: bool) -> None:
    """Give ``tbl`` the page behaviour of :func:`kept_rows` and :func:`row_properties`."""
    rows = tbl.findall(qn("w:tr"))
    kept = kept_rows(len(rows), header=header)
    for index, tr in enumerate(rows):
        row_properties(tr, header=header and index == 0)
        if index in kept:
            for p in tr.iter(qn("w:p")):
                keep_with_next(p)


# -- column widths ----------------------------------------------------------------------------------
# Advance widths of Calibri (Word's body font, and grow's) in em, for the letters; others 0.55 em.
_WIDTHS: dict[str, float] = (
    dict(
        zip(
            "abcdefghijklmnopqrstuvwxyz",
            (
                *(0.479, 0.525, 0.423, 0.525, 0.498, 0.305, 0.471, 0.525, 0.229, 0.239, 0.455),
                *(0.229, 0.799, 0.525, 0.527, 0.525, 0.525, 0.349, 0.391, 0.335, 0.525, 0.452),
                *(0.715, 0.433, 0.453, 0.395),
            ),
            strict=True,
        )
    )
    | dict(
        zip(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            (
                *(0.579, 0.544, 0.533, 0.615, 0.488, 0.459, 0.631, 0.623, 0.252, 0.319, 0.520),
                *(0.420, 0.855, 0.646, 0.662, 0.517, 0.673, 0.543, 0.459, 0.487, 0.642, 0.567),
                *(0.890, 0.519, 0.487, 0.468),
            ),
            strict=True,
        )
    )
    | {".": 0.252, ",": 0.250, ":": 0.268, ";": 0.268, "'": 0.221, "(": 0.303, ")": 0.303}
    | {"-": 0.306, "/": 0.386, "&": 0.682, "%": 0.715, "@": 0.899}
    | dict.fromkeys("0123456789", 0.507)
)
_OTHER = 0.55  # em: any character not in the table
_WIDEST = max(*_WIDTHS.values(), _OTHER)
_SAFETY = 1.12  # LibreOffice's Carlito and a house style's Arial set a little wider than Calibri
_BOLD = 1.05
CELL_MARGINS = 2 * 108 + 30  # twips: python-docx's and Word's default cell margins, and a hair
_BREAKS_AFTER = "-/"  # Word breaks a line after a hyphen or a slash
_SPACES = re.compile(r"[ \t\n\r\u2000-\u200b\u3000]+")  # not the no-break space


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line can never break inside."""
    pieces: list[str] = []
    for word in _SPACES.split(text):
        if "-" not in word and "/" not in word:
            pieces.append(word)
            continue
        start = 0
        for index, char in enumerate(word):
            if char in _BREAKS_AFTER and index + 1 < len(word):
                pieces.append(word[start : index + 1])
                start = index + 1
        pieces.append(word[start:])
    return pieces


def _em(word: str) -> float:
    em = 0.0
    for char in word:
        width = _WIDTHS.get(char)
        if width is None:  # an accented letter is as wide as its base letter
            width = _WIDTHS.get(unicodedata.normalize("NFD", char)[:1], _OTHER)
        em += width
    return em


def word_width(word: str, half_points: int, *, bold: bool = False) -> int:
    """The width of ``word`` in twips at a font size of ``half_points`` (22: 11 pt)."""
    em = _em(word) * _SAFETY * (_BOLD if bold else 1.0)
    return round(em * half_points * 10)  # 1 pt = 20 twips; half_points / 2 * 20


def text_width_needed(texts: Iterable[str], half_points: int, *, bold: bool = False) -> int:
    """The narrowest column (twips, margins included) that fits every word of ``texts``."""
    widest = 0.0
    # Longest words first; a shorter word cannot be wider than len * the widest letter.
    for word in sorted({w for text in texts for w in words(text)}, key=len, reverse=True):
        if len(word) * _WIDEST <= widest:
            break
        widest = max(widest, _em(word))
    if not widest:
        return 0
    return round(widest * _SAFETY * (_BOLD if bold else 1.0) * half_points * 10) + CELL_MARGINS


def column_widths(
    total: int,
    shares: Sequence[float],
    needed: Sequence[int],
    names: Sequence[int] | None = None,
    *,
    longest: float = 0.45,
) -> list[int]:
    """Widths (twips, summing to ``total``) close to ``shares`` where every column is at least
    as wide as ``needed``: the room comes from the columns that have some to spare.

    Where not every word fits, ``names`` (the widths the headers and names need) come first
    and the rest of the width goes where the longest words are; a long word in an answer may
    then break. No column claims more than ``longest`` of the width for one word (a link).
    """
    cap = total * longest
    wanted = [min(float(n), cap) for n in needed]
    if sum(wanted) > total:
        first = [min(float(n), w) for n, w in zip(names or [0] * len(wanted), wanted, strict=True)]
        if sum(first) >= total:
            return _fill([w * total / sum(first) for w in first], total)
        part = (total - sum(first)) / (sum(wanted) - sum(first))
        return _fill([f + (w - f) * part for f, w in zip(first, wanted, strict=True)], total)
    ideal = [total * s / sum(shares) for s in shares]
    short = sum(max(0.0, m - w) for m, w in zip(wanted, ideal, strict=True))
    spare = sum(max(0.0, w - m) for m, w in zip(wanted, ideal, strict=True))
    widths = [
        m if w < m else (w - (w - m) * short / spare if spare else w)
        for m, w in zip(wanted, ideal, strict=True)
    ]
    return _fill(widths, total)


def _fill(widths: Sequence[float], total: int) -> list[int]:
    """Whole twips that add up to ``total`` exactly (the widest column takes the rounding)."""
    result = [int(w) for w in widths]
    result[max(range(len(result)), key=lambda i: widths[i])] += total - sum(result)
    return result
