"""Big things drawn with block characters: a QR code, and a join code readable from the back of
the room. A terminal cell is about twice as tall as it is wide, so one cell holds two "pixels"
stacked (▀ ▄ █): pixels come out square."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

QR_DARK = "#000000"
QR_LIGHT = "#ffffff"
QR_BORDER = 2  # modules of quiet zone around the code (with the panel's own white margin)

# A 5x5 font for the characters a join code uses (no 0/O, 1/I/L: they are never in a code).
FONT: dict[str, tuple[str, ...]] = {
    "2": ("####.", "....#", ".###.", "#....", "#####"),
    "3": ("####.", "....#", ".###.", "....#", "####."),
    "4": ("#..#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "####."),
    "6": (".###.", "#....", "####.", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", "..#.."),
    "8": (".###.", "#...#", ".###.", "#...#", ".###."),
    "9": (".###.", "#...#", ".####", "....#", ".###."),
    "A": (".###.", "#...#", "#####", "#...#", "#...#"),
    "B": ("####.", "#...#", "####.", "#...#", "####."),
    "C": (".####", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "####.", "#....", "#####"),
    "F": ("#####", "#....", "####.", "#....", "#...."),
    "G": (".####", "#....", "#..##", "#...#", ".###."),
    "H": ("#...#", "#...#", "#####", "#...#", "#...#"),
    "J": ("..###", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "###..", "#..#.", "#...#"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#"),
    "P": ("####.", "#...#", "####.", "#....", "#...."),
    "Q": (".###.", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "####.", "#..#.", "#...#"),
    "S": (".####", "#....", ".###.", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "Y": ("#...#", ".#.#.", "..#..", "..#..", "..#.."),
    "Z": ("#####", "...#.", "..#..", ".#...", "#####"),
}
GLYPH = 5


def _pixels(code: str) -> list[list[bool]]:
    """The code as rows of pixels, one blank column between characters."""
    rows: list[list[bool]] = [[] for _ in range(GLYPH)]
    for index, char in enumerate(code.upper()):
        glyph = FONT.get(char)
        if glyph is None:
            raise ValueError(f"no glyph for {char!r}")
        for row in range(GLYPH):
            if index:
                rows[row].append(False)
            rows[row].extend(cell == "#" for cell in glyph[row])
    return rows


def big_code(code: str, scale: int = 1) -> Text:
    """The code in block letters: ``scale`` 1 is three lines tall, 2 is five lines (twice as
    wide: each pixel two cells by one line)."""
    rows = _pixels(code)
    lines: list[str] = []
    if scale >= 2:
        for row in rows:
            lines.append("".join("██" if on else "  " for on in row).rstrip())
    else:
        for top, bottom in zip(rows[0::2], [*rows[1::2], [False] * len(rows[0])], strict=False):
            lines.append("".join(_half(a, b) for a, b in zip(top, bottom, strict=True)).rstrip())
    return Text("\n".join(lines), no_wrap=True, overflow="crop")


def big_code_width(code: str, scale: int = 1) -> int:
    return (len(code) * (GLYPH + 1) - 1) * (2 if scale >= 2 else 1)


def _half(top: bool, bottom: bool) -> str:
    return {(True, True): "█", (True, False): "▀", (False, True): "▄"}.get((top, bottom), " ")


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR code of ``data`` as rows of modules (True = dark), quiet zone included."""
    import segno

    code = segno.make(data, error="m", micro=False, boost_error=False)
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=QR_BORDER)]


def qr_text(data: str) -> Text:
    """A QR code a phone camera reads off a screen: dark on light whatever the theme, two
    modules per cell (▀ with the upper module as foreground, the lower as background)."""
    matrix = qr_matrix(data)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    text = Text(no_wrap=True, overflow="crop")
    for index in range(0, len(matrix), 2):
        if index:
            text.append("\n")
        for top, bottom in zip(matrix[index], matrix[index + 1], strict=True):
            text.append(
                "▀",
                Style(color=QR_DARK if top else QR_LIGHT, bgcolor=QR_DARK if bottom else QR_LIGHT),
            )
    return text
