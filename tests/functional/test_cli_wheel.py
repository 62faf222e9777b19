"""The wheel carries the cards: a plain (non-editable) install, run from another folder, finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow(seconds=9)
def test_wheel_ships_the_cards_and_finds_them_from_another_folder(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(dist)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "grow_app/cards/gesprekskaart-sop.toml" in names
    assert "grow_app/cards/strategiesessie-schaalniveaus.toml" in names
    assert "grow_app/i18n/messages/core.py" in names
    assert not any(name.startswith(("tests/", "cards/", ".venv")) for name in names)

    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-2000:]

    elsewhere = tmp_path / "ergens anders"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "GROW_HOME": str(tmp_path / "home")}
    env.pop("GROW_DB", None)
    code = (
        "import grow_app, grow_app.paths as p\n"
        "from grow_app.services.catalog import load_catalog\n"
        "print(grow_app.__file__)\n"
        "print(p.builtin_cards_dir())\n"
        "print(' '.join(sorted(load_catalog().cards)))\n"
    )
    probe = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    module_file, cards_dir, card_ids = probe.stdout.strip().splitlines()
    assert Path(module_file).is_relative_to(target)  # the installed copy, not the checkout
    assert Path(cards_dir) == target / "grow_app" / "cards"
    assert card_ids == "gesprekskaart-sop strategiesessie-schaalniveaus"

    listed = subprocess.run(
        [sys.executable, "-m", "grow_app", "cards", "list"],
        capture_output=True, text=True, env=env, cwd=elsewhere, timeout=60,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert str(target / "grow_app" / "cards" / "gesprekskaart-sop.toml") in listed.stdout
