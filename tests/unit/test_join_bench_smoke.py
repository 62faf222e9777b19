"""Keeps benchmarks/join_load.py from rotting: a tiny room runs end to end (no timing asserted)."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

pytestmark = pytest.mark.slow


def test_three_participants_send_and_everything_is_stored(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    spec = importlib.util.spec_from_file_location("grow_join_load", BENCHMARKS / "join_load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.main(["--participants", "3", "--each", "2", "--poll", "0.05"])
    assert figures["contributions_sent"] == figures["stored"] == 6
    assert figures["all_stored"] and figures["answered_ok"] == 6
    assert figures["visible_to_facilitator_ms"]["seen"] == 6
    assert set(figures["changes_since_ms"]) == {"median", "p95"}
