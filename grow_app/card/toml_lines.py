"""Find the line of a field path in a TOML text.

pydantic reports a field path such as ``phases[1].sections[0].questions[2].kind``; tomllib keeps
no positions. This small scanner walks the file's table headers, array-of-table headers, keys and
multi-line inline arrays, and records the line where each path starts. It is deliberately
forgiving: a path it cannot place falls back to its nearest placed parent.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Path = tuple[str | int, ...]

_ARRAY_HEADER = re.compile(r"^\[\[\s*(.+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\[\s*(.+?)\s*\]")
_KEY = re.compile(
    r'^((?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"))*)\s*='
)


def _split_dotted(text: str) -> list[str]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', text)
    return [a or b or c for a, b, c in parts]


def _scan_array(
    text: str, depth: int, on_element: Callable[[], None], expecting: bool = False
) -> tuple[int, bool]:
    """Follow the brackets of (part of) an array value on one line, outside strings and
    comments. Calls ``on_element`` where an element of the outer array starts (an inline
    table, a string, a number ...). Returns the bracket depth left open (0 once the array is
    closed) and whether the next element is still to come (for the next line)."""
    quote: str | None = None
    braces = 0
    index = 0
    while index < len(text):
        char = text[index]
        outer = depth == 1 and braces == 0
        if quote:
            if quote == '"' and char == "\\":
                index += 2
                continue
            if char == quote:
                quote = None
        elif char == "#":
            break
        elif outer and char == ",":
            expecting = True
        elif outer and expecting and not char.isspace() and char != "]":
            on_element()
            expecting = False
            continue  # look at the same character again, now as part of the element
        elif char in "\"'":
            quote = char
        elif char == "{":
            braces += 1
        elif char == "}":
            braces -= 1
        elif char == "[":
            depth += 1
            expecting = depth == 1
        elif char == "]":
            depth -= 1
            if depth <= 0:
                return 0, False
        index += 1
    return depth, expecting


# Long on purpose: one pass of a small line scanner whose state (table, array index, multi-
# line string) lives in its locals; split into functions, that state would travel in tuples.
def locate_lines(text: str) -> dict[Path, int]:
    lines: dict[Path, int] = {}
    array_lengths: dict[Path, int] = {}
    current: Path = ()
    in_multiline: str | None = None
    open_array: Path | None = None
    array_depth = 0
    expecting = False
    array_index = -1
    number = 0

    def resolve(keys: list[str]) -> Path:
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in array_lengths:
                path = (*path, array_lengths[path] - 1)
        return path

    def element() -> None:
        nonlocal array_index
        array_index += 1
        if open_array is not None:
            lines.setdefault((*open_array, array_index), number)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        if not line or line.startswith("#"):
            continue
        if open_array is not None:
            array_depth, expecting = _scan_array(line, array_depth, element, expecting)
            if array_depth == 0:
                open_array = None
            continue
        if match := _ARRAY_HEADER.match(line):
            keys = _split_dotted(match.group(1))
            parent = resolve(keys[:-1])
            base = (*parent, keys[-1])
            array_lengths[base] = array_lengths.get(base, 0) + 1
            current = (*base, array_lengths[base] - 1)
            lines.setdefault(base, number)
            lines[current] = number
            continue
        if match := _TABLE_HEADER.match(line):
            current = resolve(_split_dotted(match.group(1)))
            lines.setdefault(current, number)
            continue
        if match := _KEY.match(line):
            path = (*current, *_split_dotted(match.group(1)))
            lines.setdefault(path, number)
            value = line[match.end() :].strip()
            for quote in ('"""', "'''"):
                if value.startswith(quote) and value.count(quote) == 1:
                    in_multiline = quote
            if value.startswith("["):
                open_array, array_index = path, -1
                array_depth, expecting = _scan_array(value, 0, element)
                if array_depth == 0:
                    open_array = None
    return lines


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of its nearest parent that the scanner placed."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
