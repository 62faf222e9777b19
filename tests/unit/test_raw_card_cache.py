"""``grow open`` reads its card file as ``tomllib`` gave it the last time (grow's cache folder),
so its first frame neither imports ``tomllib`` nor parses the file again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from grow_app.services.session_start import RAW_CARDS, read_raw_card

CARD = Path(__file__).resolve().parents[2] / "cards" / "gesprekskaart-sop.toml"

READ_TWICE = """
import sys
from pathlib import Path
from grow_app.services.session_start import read_raw_card
card = read_raw_card(Path(sys.argv[1]))
print(card["id"], "tomllib" in sys.modules)
"""


def _read_in_a_fresh_interpreter(path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", READ_TWICE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),  # the test's own GROW_HOME, so its own cache folder
    )
    return done.stdout.strip()


def test_the_second_reading_comes_from_the_cache_without_tomllib(tmp_path):
    card = tmp_path / "kaart.toml"
    card.write_bytes(CARD.read_bytes())
    assert _read_in_a_fresh_interpreter(card) == "gesprekskaart-sop True"
    assert _read_in_a_fresh_interpreter(card) == "gesprekskaart-sop False"


def test_what_the_cache_gives_is_what_tomllib_gives_and_a_changed_file_is_read_again(tmp_path):
    import tomllib

    card = tmp_path / "kaart.toml"
    card.write_bytes(CARD.read_bytes())
    first = read_raw_card(card)
    assert first == tomllib.loads(CARD.read_text(encoding="utf-8"))
    assert read_raw_card(card) == first  # now from the cache
    card.write_text(CARD.read_text(encoding="utf-8").replace("gesprekskaart-sop", "ander-id", 1))
    assert read_raw_card(card)["id"] == "ander-id"


def test_a_file_with_a_date_is_read_but_not_kept_and_a_broken_one_is_none(tmp_path):
    from grow_app.paths import app_dirs

    dated = tmp_path / "datum.toml"
    dated.write_text('id = "x"\nversie = 2026-03-14\n', encoding="utf-8")
    assert read_raw_card(dated)["id"] == "x"
    assert read_raw_card(dated)["id"] == "x"
    assert not list((app_dirs().cache / RAW_CARDS).glob("*.json"))
    broken = tmp_path / "kapot.toml"
    broken.write_text("id = \n", encoding="utf-8")
    assert read_raw_card(broken) is None
    assert read_raw_card(tmp_path / "weg.toml") is None


def test_tables_nested_too_deep_for_json_are_read_and_not_kept(tmp_path):
    """tomllib reads a header of 3000 parts; json cannot write it (RecursionError), which
    ended ``grow open`` with a traceback when such a file lay in a card folder."""
    from grow_app.paths import app_dirs

    deep = tmp_path / "diep.toml"
    deep.write_text('id = "diep"\n[' + ".".join(["a"] * 3000) + "]\nx = 1\n", encoding="utf-8")
    assert read_raw_card(deep)["id"] == "diep"
    assert read_raw_card(deep)["id"] == "diep"
    assert not list((app_dirs().cache / RAW_CARDS).glob("*.json"))


def test_anything_odd_in_the_quick_look_takes_the_ordinary_path(monkeypatch):
    """``grow open``'s quick lane never ends in a traceback: whatever its quick look at the
    session and the card raises, the ordinary command line takes over and explains."""
    import grow_app.services.session_start as quick
    from grow_app.entry import quick_open

    def broken(*args, **kwargs):
        raise RuntimeError("an odd card")

    monkeypatch.setattr(quick, "session_start", broken)
    assert quick_open(["open", "58aa"]) is False
