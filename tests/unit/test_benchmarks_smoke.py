"""Keeps benchmarks/run.py from rotting: its modules import and one tiny figure runs end to end.

No timing is asserted (speed is measured in benchmarks/, never asserted in tests); only that the
figures come out with the keys the JSON promises, and that a keystroke is handled while a save
is held in flight (that is behaviour, not speed).
"""

from __future__ import annotations

import importlib
import importlib.util
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def run_module(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(sys, "path", list(sys.path))  # run.py adds benchmarks/ to the path
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # its scratch folders go here
    spec = importlib.util.spec_from_file_location("grow_benchmarks_run", BENCHMARKS / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_data_for_two_partnerships(run_module, tmp_path: Path) -> None:
    db_path = tmp_path / "bench.db"
    sessions = run_module.populate(db_path, 2)
    conn = sqlite3.connect(db_path)
    try:
        partnerships = conn.execute("SELECT count(*) FROM partnerships").fetchone()[0]
        kinds = conn.execute("SELECT count(DISTINCT question_id) FROM answers").fetchone()[0]
        actions = conn.execute("SELECT count(*) FROM actions").fetchone()[0]
    finally:
        conn.close()
    assert partnerships == 2
    assert len(sessions) == 3  # the first partnership also has a session on the grid card
    assert kinds > 10 and actions > 0


def test_save_and_typing_figures_come_out(run_module) -> None:
    session_typing = importlib.import_module("session_typing")  # beside run.py
    figures = session_typing.measure(keys=2, writes=3)
    save, typing = figures["save"], figures["typing"]
    assert save["writes"] == 3 and save["median_ms"] > 0 and save["p95_ms"] >= save["median_ms"]
    assert save["on_keystroke_path"] is False  # keys were handled while a save was held
    assert typing["words"] == 10_000 and typing["session_ms_per_key"] > 0
    assert set(run_module.TARGETS) >= {"startup", "save", "export", "import", "rss"}


def test_paired_rounds_give_each_program_its_ratio_to_the_floor(run_module) -> None:
    common = importlib.import_module("common")  # beside run.py
    quick = [sys.executable, "-c", "pass"]
    slower = [sys.executable, "-c", "import json, decimal, email.message"]
    found = common.paired({"floor": quick, "other": slower}, "floor", {}, rounds=3)
    other = found["programs"]["other"]
    assert found["rounds"] == 3 and "ratio" not in found["programs"]["floor"]
    assert other["ratio"]["min"] <= other["ratio"]["median"] <= other["ratio"]["max"]
    assert other["median_s"] > 0 and other["cpu_median_s"] > 0


def test_the_scale_table_names_what_is_not_linear_or_over_the_limit(run_module) -> None:
    bench_scale = importlib.import_module("bench_scale")
    figures = {
        "sizes": [1000, 10000],
        "allowed_growth": 11.0,
        "peak_limit_mb": 200,
        "at": {
            "1000": {"import": {"s": 2.0, "peak_rss_mb": 40.0}},
            "10000": {"import": {"s": 30.0, "peak_rss_mb": 650.0}},
        },
        "growth": {"import": {"ratio": 15.0, "linear": False, "bounded": False}},
    }
    text = bench_scale.table(figures)
    assert "15.0x (NOT linear)" in text and "650 MB (OVER)" in text


@pytest.mark.slow(seconds=11)
def test_live_figures_come_out(run_module, tmp_path: Path) -> None:
    """One pair and two moves: the keys of the ``live`` figure (no timing is asserted)."""
    found = run_module.live_probe.measure(tmp_path, pairs=1, move_count=2, dialogs=1, settle=0.5)
    assert {"ratio", "ratio_min", "ratio_max", "grow_open_s"} <= set(found["typed_key"])
    assert found["move"]["moves"] == 2 and found["move"]["p95_ms"] > 0
