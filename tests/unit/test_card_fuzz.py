"""Property tests: whatever text or card data comes in, the loader answers with a card or a list
of problems, never with an exception (a traceback in ``grow cards check`` is a bug)."""

from __future__ import annotations

import json
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grow_app.card.loader import CardProblem, parse_card
from grow_app.paths import builtin_cards_dir

SOP_TEXT = (builtin_cards_dir() / "gesprekskaart-sop.toml").read_text(encoding="utf-8")
SOP_DATA = tomllib.loads(SOP_TEXT)


def assert_card_or_problems(text: str) -> None:
    card, problems = parse_card(text, "fuzz.toml")
    if card is None:
        assert problems, "a refused card must come with problems"
        assert all(isinstance(p, CardProblem) for p in problems)
        for problem in problems:
            line = str(problem)
            assert line.startswith("fuzz.toml")
            assert problem.line is None or problem.line >= 1
    else:
        assert problems == []


# -- a tiny TOML writer (inline tables only), enough to turn any mutated dict back into text ------


def to_toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, int) else json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid TOML basic-string escapes
    if isinstance(value, list):
        return "[" + ", ".join(to_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{json.dumps(k)} = {to_toml_value(v)}" for k, v in value.items())
        return "{" + inner + "}"
    raise TypeError(value)


def to_toml(data: dict) -> str:
    return "".join(f"{json.dumps(k)} = {to_toml_value(v)}\n" for k, v in data.items())


def test_tiny_writer_round_trips_the_real_card():
    assert tomllib.loads(to_toml(SOP_DATA)) == SOP_DATA
    card, problems = parse_card(to_toml(SOP_DATA), "inline.toml")
    assert problems == [] and card.id == "gesprekskaart-sop"


scalars = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "text", "grid", "per_item", "functies", "goal", "Goal", "1.0", "nl"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _paths(child, (*prefix, index))
    return found


ALL_PATHS = _paths(SOP_DATA)


@st.composite
def mutated_cards(draw) -> dict:
    data = json.loads(json.dumps(SOP_DATA))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "delete":
                del parent[path[-1]]
            elif action == "add" and isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
            else:
                parent[path[-1]] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_cards())
def test_any_mutated_card_gives_a_card_or_problems(data):
    assert_card_or_problems(to_toml(data))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_card_or_problems(text):
    assert_card_or_problems(text)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_mangled_real_card_gives_a_card_or_problems(data):
    """Cut, splice and insert characters in the real card's text (tables, arrays, strings)."""
    lines = SOP_TEXT.splitlines(keepends=True)
    start = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    end = data.draw(st.integers(min_value=start, max_value=min(len(lines), start + 6)))
    insert = data.draw(st.text(alphabet=st.sampled_from(list("[]{}\"'=,.#\n abc123")), max_size=20))
    assert_card_or_problems("".join(lines[:start]) + insert + "".join(lines[end:]))


# -- the line finder on generated, valid cards in different layouts ---------------------------------

slugs = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
texts = st.text(alphabet=st.sampled_from(list("abc {}[]#=,'\"\\é")), max_size=12)


def _item(key: str, text: str) -> str:
    return f"{{ key = {json.dumps(key)}, text = {json.dumps(text or 'x')} }}"


@st.composite
def card_layouts(draw) -> tuple[str, list[tuple[str, str]]]:
    """A valid card's TOML text, and (needle, marker) pairs: each id/key and the text that
    must be on the line the finder gives for it."""
    out = ['id = "gen"', 'title = "Gen"', 'version = "1"']
    if draw(st.booleans()):
        out += ['intro = """', "[[phases]]", 'id = "nep"', '"""']
    wanted: list[tuple[tuple, str]] = []
    qid = 0
    for p in range(draw(st.integers(1, 2))):
        out += ["", "[[phases]]", f'id = "p{p}"', f'title = "Fase {p}"']
        for s in range(draw(st.integers(1, 2))):
            out += ["[[phases.sections]]", f'id = "s{p}-{s}"', 'title = "S"']
            for q in range(draw(st.integers(1, 3))):
                qid += 1
                base = ("phases", p, "sections", s, "questions", q)
                out += ["[[phases.sections.questions]]", f'id = "q{qid}"']
                wanted.append(((*base, "id"), f'id = "q{qid}"'))
                keys = draw(st.lists(slugs, min_size=0, max_size=4, unique=True))
                out.append(f"text = {json.dumps(draw(texts) or 'Vraag?')}")
                if not keys:
                    continue
                out.append('kind = "per_item"')
                items = [_item(k, draw(texts)) for k in keys]
                layout = draw(st.sampled_from(["one-line", "per-line", "pairs", "first-inline"]))
                comment = "  # opmerking [x]" if draw(st.booleans()) else ""
                if layout == "one-line":
                    out.append(f"items = [{', '.join(items)}]{comment}")
                elif layout == "per-line":
                    out += ["items = [" + comment, *(f"    {i}," for i in items), "]"]
                elif layout == "pairs":
                    pairs = [", ".join(items[n : n + 2]) + "," for n in range(0, len(items), 2)]
                    out += ["items = [", *(f"    {line}" for line in pairs), "]" + comment]
                else:
                    out += [f"items = [{items[0]},", *(f"    {i}," for i in items[1:]), "]"]
                for n, key in enumerate(keys):
                    wanted.append(((*base, "items", n, "key"), f"key = {json.dumps(key)}"))
    return "\n".join(out) + "\n", wanted


@settings(max_examples=150, deadline=None)
@given(card_layouts())
def test_line_finder_places_every_id_and_key(layout):
    from grow_app.card.toml_lines import line_of, locate_lines

    text, wanted = layout
    _card, problems = parse_card(text, "gen.toml")
    assert problems == [], [str(p) for p in problems]
    source = text.splitlines()
    lines = locate_lines(text)
    for path, marker in wanted:
        at = line_of(lines, path)
        assert at is not None and marker in source[at - 1], (path, marker, at)
